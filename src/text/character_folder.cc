// Folding works one code point at a time from small tables: Latin-1 and Latin
// Extended-A letters map to their base letter (enough for the accents lifters
// type: café, naïve, Malmö, Łódź), punctuation look-alikes map to ASCII, and
// symbol blocks (arrows, dingbats, emoji, variation selectors) map to a space.
// Combining accents (U+0300..U+036F) are dropped without a space, so a
// decomposed "é" folds like a composed one.
#include "text/character_folder.h"

#include <algorithm>
#include <array>

#include "base/utf8.h"

namespace spotter {
namespace {

using std::literals::string_view_literals::operator""sv;

// U+00C0..U+00FF; '\0' marks a letter needing more than one ASCII letter and
// '*' a symbol (× and ÷) that becomes a space.
constexpr std::string_view kLatin1 =
    "aaaaaa\0ceeeeiiii"   // C0..CF (Æ at C6)
    "dnooooo*ouuuuy\0\0"  // D0..DF (Þ, ß)
    "aaaaaa\0ceeeeiiii"   // E0..EF (æ at E6)
    "dnooooo*ouuuuy\0y"sv;  // F0..FF (þ)
static_assert(kLatin1.size() == 64);

// U+0100..U+017F, as runs of the same base letter (these come in upper/lower
// pairs, so runs are long).
struct Run {
  int count;
  char letter;
};
constexpr std::array<Run, 22> kLatinExtendedA = {{
    {6, 'a'}, {8, 'c'}, {4, 'd'}, {10, 'e'}, {8, 'g'}, {4, 'h'},
    {10, 'i'}, {2, 'i'}, {2, 'j'}, {3, 'k'}, {10, 'l'}, {9, 'n'},
    {6, 'o'}, {2, 'o'}, {6, 'r'}, {8, 's'}, {6, 't'}, {12, 'u'},
    {2, 'w'}, {3, 'y'}, {6, 'z'}, {1, 's'},
}};

char LatinExtendedABase(char32_t cp) {
  int offset = static_cast<int>(cp - 0x100);
  for (const Run& run : kLatinExtendedA) {
    if (offset < run.count) return run.letter;
    offset -= run.count;
  }
  return ' ';
}

bool IsSymbolBlock(char32_t cp) {
  return (cp >= 0x2190 && cp <= 0x2BFF) ||   // arrows, maths, technical, dingbats
         (cp >= 0x1F000 && cp <= 0x1FAFF) ||  // emoji and pictographs
         (cp >= 0xFE00 && cp <= 0xFE0F) ||    // variation selectors
         (cp >= 0xE000 && cp <= 0xF8FF) ||    // private use
         (cp >= 0x2100 && cp <= 0x214F) ||    // letterlike symbols
         cp == 0x200D || cp == 0xFEFF ||      // joiner, byte-order mark
         (cp >= 0x00A1 && cp <= 0x00BF);      // Latin-1 punctuation, signs
}

void FoldCodePoint(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    const char c = static_cast<char>(cp);
    out->push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    return;
  }
  if (cp >= 0xC0 && cp <= 0xFF) {
    const char base = kLatin1[cp - 0xC0];
    if (base == '*') {
      out->push_back(' ');
    } else if (base != '\0') {
      out->push_back(base);
    } else if (cp == 0xC6 || cp == 0xE6) {
      out->append("ae");
    } else if (cp == 0xDF) {
      out->append("ss");
    } else {
      out->append("th");
    }
    return;
  }
  if (cp >= 0x100 && cp <= 0x17F) {
    out->push_back(LatinExtendedABase(cp));
    return;
  }
  if (cp >= 0x300 && cp <= 0x36F) return;  // combining accent: drop
  switch (cp) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
    case 0x02BC:
      out->push_back('\'');
      return;
    case 0x201C: case 0x201D: case 0x201E: case 0x2033: case 0x00AB:
    case 0x00BB:
      out->push_back('"');
      return;
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
    case 0x2015: case 0x2212:
      out->push_back('-');
      return;
    case 0x2026:
      out->push_back('.');
      return;
    default:
      break;
  }
  if (cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x3000 ||
      (cp >= 0x2020 && cp <= 0x206F) || IsSymbolBlock(cp)) {
    out->push_back(' ');
    return;
  }
  AppendUtf8(cp, out);  // a letter of another script: keep it
}

}  // namespace

std::string FoldCharacters(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  // Most text is ASCII: lower-case it a byte at a time.
  const bool is_ascii = std::all_of(text.begin(), text.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x80;
  });
  if (is_ascii) {
    for (char c : text) {
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    return out;
  }
  std::size_t pos = 0;
  while (pos < text.size()) FoldCodePoint(DecodeUtf8(text, &pos), &out);
  return out;
}

}  // namespace spotter

// UTF-8 validation and decoding. Messages arrive from users as raw bytes;
// everything downstream assumes valid UTF-8, so it is checked once, here.
#ifndef SPOTTER_BASE_UTF8_H_
#define SPOTTER_BASE_UTF8_H_

#include <cstddef>
#include <optional>
#include <string_view>

namespace spotter {

// The byte offset of the first byte that does not start or continue a valid
// UTF-8 sequence (overlong forms, surrogates and code points past U+10FFFF
// are invalid); nullopt when the whole text is valid.
std::optional<std::size_t> FindInvalidUtf8(std::string_view text);

inline bool IsValidUtf8(std::string_view text) {
  return !FindInvalidUtf8(text).has_value();
}

// Decodes the code point starting at `*pos` in valid UTF-8 text and advances
// `*pos` past it. Precondition: the text was validated.
char32_t DecodeUtf8(std::string_view text, std::size_t* pos);

// The number of characters (code points) in valid UTF-8 `text`: the unit
// of the protocol's text limits.
std::size_t CountUtf8Characters(std::string_view text);

// Appends the UTF-8 encoding of `code_point` to `out`.
void AppendUtf8(char32_t code_point, std::string* out);

// The longest prefix of valid UTF-8 `text` of at most `max_bytes` bytes that
// does not cut a character in two.
std::string_view TruncateUtf8(std::string_view text, std::size_t max_bytes);

}  // namespace spotter

#endif  // SPOTTER_BASE_UTF8_H_

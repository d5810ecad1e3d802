#include "base/utf8.h"

#include <gtest/gtest.h>

namespace spotter {
namespace {

TEST(Utf8, AcceptsAsciiAndMultibyteText) {
  EXPECT_TRUE(IsValidUtf8("deadlift"));
  EXPECT_TRUE(IsValidUtf8("caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x92\xAA"));
  EXPECT_TRUE(IsValidUtf8(""));
}

TEST(Utf8, ReportsOffsetOfFirstInvalidByte) {
  EXPECT_EQ(FindInvalidUtf8("ok\xFFno"), 2u);
  EXPECT_EQ(FindInvalidUtf8("\x80"), 0u);
}

TEST(Utf8, RejectsTruncatedSequences) {
  EXPECT_FALSE(IsValidUtf8("\xE2\x80"));
  EXPECT_FALSE(IsValidUtf8("ab\xF0\x9F\x92"));
}

TEST(Utf8, RejectsOverlongFormsAndSurrogates) {
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // overlong three-byte
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // UTF-16 surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // past U+10FFFF
}

TEST(Utf8, DecodesAndEncodesRoundTrip) {
  const std::string text = "\xC3\xA9\xE2\x80\x94\xF0\x9F\x92\xAA";
  std::size_t pos = 0;
  std::string again;
  while (pos < text.size()) AppendUtf8(DecodeUtf8(text, &pos), &again);
  EXPECT_EQ(again, text);
}

TEST(Utf8, TruncatesWithoutSplittingACharacter) {
  const std::string text = "ab\xC3\xA9";
  EXPECT_EQ(TruncateUtf8(text, 3), "ab");
  EXPECT_EQ(TruncateUtf8(text, 4), text);
}

}  // namespace
}  // namespace spotter

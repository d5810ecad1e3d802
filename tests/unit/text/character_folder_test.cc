#include "text/character_folder.h"

#include <gtest/gtest.h>

namespace spotter {
namespace {

TEST(CharacterFolder, LowerCasesAscii) {
  EXPECT_EQ(FoldCharacters("DEADLIFTS = SORE"), "deadlifts = sore");
}

TEST(CharacterFolder, DropsAccents) {
  EXPECT_EQ(FoldCharacters("Caf\xC3\xA9 na\xC3\xAFve \xC5\x81\xC3\xB3\x64\xC5\xBA"),
            "cafe naive lodz");
}

TEST(CharacterFolder, DropsCombiningAccents) {
  EXPECT_EQ(FoldCharacters("cafe\xCC\x81"), "cafe");
}

TEST(CharacterFolder, MakesCurlyQuotesAndDashesPlain) {
  EXPECT_EQ(FoldCharacters("it\xE2\x80\x99s \xE2\x80\x94 ok"), "it's - ok");
}

TEST(CharacterFolder, TurnsEmojiIntoSpaces) {
  EXPECT_EQ(FoldCharacters("sore\xF0\x9F\x98\xA9" "after"), "sore after");
  EXPECT_EQ(FoldCharacters("crab \xF0\x9F\xA6\x80"), "crab  ");
}

TEST(CharacterFolder, KeepsLettersOfOtherScripts) {
  EXPECT_EQ(FoldCharacters("\xD0\xB4\xD0\xB0"), "\xD0\xB4\xD0\xB0");
}

}  // namespace
}  // namespace spotter

#include "text/normalizer.h"

#include <gtest/gtest.h>

#include "text/stemmer.h"

namespace spotter {
namespace {

Lexicon TestLexicon() {
  StringMap<std::string> rewrites = {{"programme", "program"},
                                     {"gonna", "going to"}};
  return Lexicon(std::move(rewrites),
                 {"deadlift", "forearm", "lower", "back", "sore", "numb"},
                 {"tuesday", "heavy"});
}

std::vector<std::string> Words(const NormalizedText& text) {
  std::vector<std::string> out;
  for (const Token& token : text.tokens) out.push_back(token.word);
  return out;
}

TEST(Normalizer, GivesTheSameTokensForAWordSeenBefore) {
  const Lexicon lexicon = TestLexicon();
  const Normalizer normalizer(lexicon, true);
  const NormalizedText first = normalizer.Normalize("deadlfit gonna forarm");
  const NormalizedText again = normalizer.Normalize("deadlfit gonna forarm");
  EXPECT_EQ(Words(again), Words(first));
  EXPECT_EQ(Words(again), (std::vector<std::string>{"deadlift", "going", "to", "forearm"}));
  EXPECT_EQ(again.tokens[0].typed, "deadlfit");
  EXPECT_EQ(again.match_line, first.match_line);
}

TEST(Normalizer, NeverUsesWhatAnotherNormalizerWorkedOut) {
  // Same thread, same word, different lexicons (as after a reload): each
  // normalizer answers from its own.
  const Lexicon with = TestLexicon();
  const Lexicon without(StringMap<std::string>{}, {"squat"}, {});
  const Normalizer first(with, true);
  const Normalizer second(without, true);
  EXPECT_EQ(Words(first.Normalize("forarm")), (std::vector<std::string>{"forearm"}));
  EXPECT_EQ(Words(second.Normalize("forarm")), (std::vector<std::string>{"forarm"}));
  EXPECT_EQ(Words(first.Normalize("forarm")), (std::vector<std::string>{"forearm"}));
}

TEST(Normalizer, ExpandsContractions) {
  const Lexicon lexicon = TestLexicon();
  const Normalizer normalizer(lexicon, false);
  EXPECT_EQ(Words(normalizer.Normalize("I can't, it isn't, I'm, won't")),
            (std::vector<std::string>{"i", "can", "not", ",", "it", "is", "not",
                                      ",", "i", "am", ",", "will", "not"}));
}

TEST(Normalizer, DropsPossessiveButKeepsItIs) {
  const Lexicon lexicon = TestLexicon();
  const Normalizer normalizer(lexicon, false);
  EXPECT_EQ(Words(normalizer.Normalize("my back's sore, it's bad")),
            (std::vector<std::string>{"my", "back", "sore", ",", "it", "is", "bad"}));
}

TEST(Normalizer, HandlesCurlyApostrophes) {
  const Lexicon lexicon = TestLexicon();
  const Normalizer normalizer(lexicon, false);
  EXPECT_EQ(Words(normalizer.Normalize("can\xE2\x80\x99t")),
            (std::vector<std::string>{"can", "not"}));
}

TEST(Normalizer, AppliesRewrites) {
  const Lexicon lexicon = TestLexicon();
  const Normalizer normalizer(lexicon, false);
  EXPECT_EQ(Words(normalizer.Normalize("Gonna change my Programme")),
            (std::vector<std::string>{"going", "to", "change", "my", "program"}));
}

TEST(Normalizer, SplitsHyphensAndKeepsDecimals) {
  const Lexicon lexicon = TestLexicon();
  const Normalizer normalizer(lexicon, false);
  EXPECT_EQ(Words(normalizer.Normalize("pull-ups with 2.5kg")),
            (std::vector<std::string>{"pull", "ups", "with", "2.5kg"}));
}

TEST(Normalizer, MarksClauseBreaksOnce) {
  const Lexicon lexicon = TestLexicon();
  const Normalizer normalizer(lexicon, false);
  const NormalizedText text = normalizer.Normalize("sore!!! ok?");
  ASSERT_EQ(text.tokens.size(), 4u);
  EXPECT_TRUE(text.tokens[1].is_break);
  EXPECT_FALSE(text.tokens[2].is_break);
  EXPECT_TRUE(text.tokens[3].is_break);
}

TEST(Normalizer, CorrectsTyposOfFiveLettersOrMore) {
  const Lexicon lexicon = TestLexicon();
  const Normalizer normalizer(lexicon, true);
  const NormalizedText text = normalizer.Normalize("dedlift forarm sroe");
  EXPECT_EQ(Words(text), (std::vector<std::string>{"deadlift", "forearm", "sroe"}));
  EXPECT_EQ(text.tokens[0].typed, "dedlift");
  EXPECT_EQ(text.tokens[2].typed, "");  // four letters: left alone
}

TEST(Normalizer, LeavesKnownWordsAndKnownStemsAlone) {
  const Lexicon lexicon = TestLexicon();
  const Normalizer normalizer(lexicon, true);
  EXPECT_EQ(Words(normalizer.Normalize("tuesday numbness")),
            (std::vector<std::string>{"tuesday", "numbness"}));
}

TEST(Normalizer, SplitsRunTogetherWords) {
  const Lexicon lexicon = TestLexicon();
  const Normalizer normalizer(lexicon, true);
  const NormalizedText text = normalizer.Normalize("my lowerback");
  EXPECT_EQ(Words(text), (std::vector<std::string>{"my", "lower", "back"}));
  EXPECT_EQ(text.tokens[1].typed, "lowerback");
}

TEST(Normalizer, PrefersAOneEditCorrectionToASplit) {
  const Lexicon lexicon(StringMap<std::string>{}, {"for", "arm", "forearm"}, {});
  const Normalizer normalizer(lexicon, true);
  EXPECT_EQ(Words(normalizer.Normalize("forarm")), std::vector<std::string>{"forearm"});
}

TEST(Normalizer, StemsEveryWordAndBuildsTheMatchLine) {
  const Lexicon lexicon = TestLexicon();
  const Normalizer normalizer(lexicon, false);
  const NormalizedText text = normalizer.Normalize("Deadlifting soreness, again");
  EXPECT_EQ(text.match_line, "deadlift sore , again");
  EXPECT_EQ(text.TokenAt(0), 0u);
  EXPECT_EQ(text.TokenAt(9), 1u);
  EXPECT_EQ(text.TokenAt(16), 3u);
}

TEST(Normalizer, EmptyInputGivesNoTokens) {
  const Lexicon lexicon = TestLexicon();
  const Normalizer normalizer(lexicon, true);
  EXPECT_TRUE(normalizer.Normalize("").tokens.empty());
  EXPECT_TRUE(normalizer.Normalize("\xF0\x9F\x92\xAA").tokens.empty());
}

TEST(Stemmer, ReducesInflectionsToOneStem) {
  EXPECT_EQ(Stem("deadlifting"), Stem("deadlifts"));
  EXPECT_EQ(Stem("soreness"), "sore");
  EXPECT_EQ(Stem("1rm"), "1rm");
}

}  // namespace
}  // namespace spotter

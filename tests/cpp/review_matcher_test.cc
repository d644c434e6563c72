// The review pattern language: term normalization, pattern syntax and limits,
// and matching on token boundaries with bounded work.
#include <gtest/gtest.h>

#include <algorithm>

#include "review/matcher.h"
#include "review/pattern.h"
#include "review/reviewer.h"
#include "review/terms.h"

using namespace rapport::review;

namespace {

std::vector<std::string> terms(const std::string& word) {
  std::vector<std::string> out;
  append_terms(normalize_word(word), out);
  return out;
}

using V = std::vector<std::string>;

// A one-rule pack built in code: matching "pattern" against "text".
bool matches(const std::string& pattern, const std::string& text) {
  RulePack pack;
  pack.fillers = {"just", "please", "really"};
  Rule rule;
  rule.id = "t";
  rule.category = "jargon";
  rule.patterns = {pattern};
  pack.rules.push_back(rule);
  CompiledPack compiled;
  std::vector<PackIssue> errors;
  EXPECT_TRUE(compiled.build(pack, errors)) << pattern;
  return !matching_phrase_rules(pack, compiled, text).empty();
}

// Rule number r of a generated stress pack.
Rule numbered_rule(int r) {
  Rule rule;
  rule.id = "r" + std::to_string(r);
  rule.category = "jargon";
  rule.source_path = "/rules/" + std::to_string(r);
  return rule;
}

// A generated pack must fail to compile with pack_too_complex.
void expect_too_complex(const RulePack& pack) {
  CompiledPack compiled;
  std::vector<PackIssue> errors;
  EXPECT_FALSE(compiled.build(pack, errors));
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors.back().code, "pack_too_complex");
}

PatternError compile_error(const std::string& pattern) {
  CompiledPattern out;
  PatternError error;
  EXPECT_FALSE(compile_pattern(pattern, PatternLimits(), out, error)) << pattern;
  return error;
}

}  // namespace

TEST(ReviewTerms, ContractionsBothWays) {
  EXPECT_EQ(terms("don't"), (V{"do", "not"}));
  EXPECT_EQ(terms("do"), (V{"do"}));
  EXPECT_EQ(terms("dont"), (V{"do", "not"}));
  EXPECT_EQ(terms("can't"), (V{"can", "not"}));
  EXPECT_EQ(terms("cannot"), (V{"can", "not"}));
  EXPECT_EQ(terms("won't"), (V{"will", "not"}));
  EXPECT_EQ(terms("didn't"), (V{"do", "not"}));  // irregular "did" folds to "do" on both sides
  EXPECT_EQ(terms("you'll"), (V{"you", "will"}));
  EXPECT_EQ(terms("should've"), (V{"should", stem("have")}));
  EXPECT_EQ(terms("it's"), (V{"it", "is"}));
  EXPECT_EQ(terms("customer's"), (V{"customer"}));  // possessive, not "is"
  EXPECT_EQ(terms("It\xE2\x80\x99s"), (V{"it", "is"}));  // curly apostrophe
}

TEST(ReviewTerms, ChatSpellingHyphensAndInflection) {
  EXPECT_EQ(terms("u"), (V{"you"}));
  EXPECT_EQ(terms("pls"), (V{stem("please")}));
  EXPECT_EQ(terms("follow-up"), (V{"follow", "up"}));
  EXPECT_EQ(stem("waiting"), "wait");
  EXPECT_EQ(stem("waited"), "wait");
  EXPECT_EQ(stem("waits"), "wait");
  EXPECT_EQ(stem("policies"), "policy");
  EXPECT_EQ(stem("hoping"), stem("hope"));
  EXPECT_EQ(stem("shipping"), "ship");
  EXPECT_EQ(stem("process"), "process");  // "ss" is not a plural
  EXPECT_EQ(stem("thing"), "thing");      // too short to strip "ing"
}

TEST(ReviewPattern, SyntaxErrorsHaveStableCodes) {
  EXPECT_EQ(compile_error("").code, "empty_pattern");
  EXPECT_EQ(compile_error("   ").code, "empty_pattern");
  EXPECT_EQ(compile_error("[just]").code, "empty_pattern");
  EXPECT_EQ(compile_error("calm down!").code, "pattern_syntax");
  EXPECT_EQ(compile_error("(a|b").code, "pattern_syntax");
  EXPECT_EQ(compile_error("(a|(b|c))").code, "pattern_syntax");
  EXPECT_EQ(compile_error("a|").code, "pattern_syntax");
  EXPECT_EQ(compile_error("(a||b)").code, "pattern_syntax");
  EXPECT_EQ(compile_error("* down").code, "wildcard_at_edge");
  EXPECT_EQ(compile_error("calm [really] *").code, "wildcard_at_edge");
}

TEST(ReviewPattern, HostilePatternsAreRefusedBeforeAnyWork) {
  // 8 groups of 4 alternatives would stand for 4^8 = 65536 sequences.
  std::string product;
  for (int i = 0; i < 8; ++i) product += "(a|b|c|d) ";
  EXPECT_EQ(compile_error(product).code, "too_many_alternatives");
  EXPECT_EQ(compile_error(std::string(5000, 'a')).code, "pattern_too_long");
  std::string many;
  for (int i = 0; i < 13; ++i) many += "w ";
  EXPECT_EQ(compile_error(many).code, "pattern_too_long");
  std::string wide = "(";
  for (int i = 0; i < 17; ++i) wide += std::string(i ? "|" : "") + "w" + std::to_string(i);
  EXPECT_EQ(compile_error(wide + ")").code, "too_many_alternatives");
}

TEST(ReviewPattern, ExpandsGroupsOptionalsAndContractions) {
  CompiledPattern out;
  PatternError error;
  ASSERT_TRUE(compile_pattern("you|u [really] (need to|must) wait", PatternLimits(), out, error));
  // {you} x {really, -} x {need to, must} x {wait}: "u" folds into "you".
  EXPECT_EQ(out.sequences.size(), 4u);
  ASSERT_TRUE(compile_pattern("don't", PatternLimits(), out, error));
  EXPECT_EQ(out.sequences, (std::vector<V>{{"do", "not"}}));
}

TEST(ReviewMatch, CaseFillersPunctuationAndChatSpelling) {
  EXPECT_TRUE(matches("calm down", "Please just calm down."));
  EXPECT_TRUE(matches("calm down", "CALM DOWN!!"));
  EXPECT_TRUE(matches("you need to calm down", "u need to calm down"));
  EXPECT_TRUE(matches("you need to calm down", "You, really, need to calm down"));
  EXPECT_TRUE(matches("have to wait", "you'll just have to wait"));
  EXPECT_TRUE(matches("have to wait", "she has to waiting"));  // inflection
  // ...but not the past perfect: "sorry you had to wait" is not "you have to
  // wait", and "have you checked" is not "had you checked".
  EXPECT_FALSE(matches("have to wait", "sorry you had to wait"));
  EXPECT_TRUE(matches("i do not know", "idk"));
  EXPECT_TRUE(matches("we can not", "We cannot"));
  EXPECT_TRUE(matches("we can not", "we can't"));
  EXPECT_TRUE(matches("we cannot", "we can not"));
}

TEST(ReviewMatch, OnlyOnTokenBoundaries) {
  EXPECT_FALSE(matches("calm down", "calmdown"));
  EXPECT_FALSE(matches("eta", "the beta release"));
  EXPECT_FALSE(matches("hun", "I'm hungry"));
  EXPECT_FALSE(matches("sla", "translate the islands"));
  EXPECT_TRUE(matches("no problem", "no problems here"));  // plurals fold: a whole word, not a part
}

TEST(ReviewMatch, SentencesBoundMatchesAndFillersAreLimited) {
  EXPECT_FALSE(matches("can not do", "I can not. Do it yourself."));
  EXPECT_TRUE(matches("calm down", "calm just please really down"));
  EXPECT_FALSE(matches("calm down", "calm just please really just down"));  // at most 3 skipped
  EXPECT_FALSE(matches("calm down", "calm, then down"));
}

TEST(ReviewMatch, WildcardsTakeExactlyOneWord) {
  EXPECT_TRUE(matches("within * hours", "within 24 hours"));
  EXPECT_TRUE(matches("within * hours", "within two hours"));
  EXPECT_FALSE(matches("within * hours", "within hours"));
  EXPECT_FALSE(matches("within * hours", "within a few hours"));
}

TEST(ReviewMatch, HostileDraftAndPackStayBounded) {
  // Many overlapping wildcard patterns over a long run of filler words: the
  // active-state cap bounds the work; matches are reported, nothing hangs.
  RulePack pack;
  pack.fillers = {"just"};
  for (int r = 0; r < 50; ++r) {
    Rule rule = numbered_rule(r);
    rule.patterns = {"just * * * * * * * * * * w" + std::to_string(r), "just just just just"};
    pack.rules.push_back(rule);
  }
  CompiledPack compiled;
  std::vector<PackIssue> errors;
  ASSERT_TRUE(compiled.build(pack, errors));
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "just ";
  auto rules = matching_phrase_rules(pack, compiled, text);
  EXPECT_FALSE(rules.empty());
  EXPECT_LT(compiled.node_count(), kMaxTrieNodes);
}

TEST(ReviewMatch, DefaultPackIsFarBelowTheLimits) {
  CompiledPack compiled;
  std::vector<PackIssue> errors;
  ASSERT_TRUE(compiled.build(default_pack(), errors));
  EXPECT_LT(compiled.sequence_count(), kMaxSequences / 4);
  EXPECT_LT(compiled.node_count(), kMaxTrieNodes / 4);
}

TEST(ReviewMatch, RepeatedPatternsHitTheSequenceBudget) {
  // 1000 rules x 32 copies of one 256-way pattern: no new trie nodes after the
  // first, but 8 million insertions; the budget stops it early.
  RulePack pack;
  for (int r = 0; r < 1000; ++r) {
    Rule rule = numbered_rule(r);
    rule.patterns.assign(32, "(a|b|c|d) (e|f|g|h) (i|j|k|l) (m|n|o|p)");
    pack.rules.push_back(rule);
  }
  expect_too_complex(pack);
}

TEST(ReviewMatch, TooManyTrieNodesIsAPackError) {
  RulePack pack;
  for (int r = 0; r < 1000; ++r) {
    Rule rule = numbered_rule(r);
    for (int p = 0; p < 32; ++p) {
      std::string pat = "(a" + std::to_string(r) + "|b" + std::to_string(r) + "|c|d) (e" + std::to_string(p) +
                        "|f|g|h) (i|j|k|l) (m|n|o|p)";
      rule.patterns.push_back(pat);
    }
    pack.rules.push_back(rule);
  }
  expect_too_complex(pack);
}

// Draft review on bad input: invalid UTF-8, NUL bytes, punctuation floods,
// huge drafts and customer messages, and the per-keystroke cache.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "review/review_api.h"
#include "review/reviewer.h"

using namespace rapport::review;
using nlohmann::json;

namespace {
bool has_rule(const Review& r, const Reviewer& reviewer, const std::string& id) {
  for (const Suggestion& s : r.suggestions) {
    if (reviewer.pack().rules[s.rule].id == id) return true;
  }
  return false;
}
}  // namespace

TEST(ReviewBadInput, InvalidUtf8BecomesReplacementCharacters) {
  Reviewer reviewer;
  // "\xff" is one invalid byte -> U+FFFD (1 UTF-16 unit); offsets stay in the sanitized text.
  const json r = json::parse(reviewer.review_json("\xff\xfe calm down"), nullptr, false);
  ASSERT_FALSE(r.is_discarded());
  EXPECT_TRUE(r["invalidUtf8"].get<bool>());
  ASSERT_EQ(r["suggestions"].size(), 1u);
  EXPECT_EQ(r["suggestions"][0]["start"], 3);
  EXPECT_EQ(r["suggestions"][0]["text"], "calm down");
}

TEST(ReviewBadInput, NulBytesDoNotEndTheDraft) {
  Reviewer reviewer;
  Review r = reviewer.review(std::string("ok\0 calm down", 13));
  EXPECT_TRUE(has_rule(r, reviewer, "dismissive.calm-down"));
}

TEST(ReviewBadInput, PunctuationFloodAndHugeWord) {
  Reviewer reviewer;
  Review r = reviewer.review(std::string(100000, '!'));
  EXPECT_TRUE(r.suggestions.empty());
  EXPECT_TRUE(r.truncated);
  EXPECT_EQ(r.score, 0);  // no words: an empty draft
  r = reviewer.review(std::string(50000, 'a') + " calm down");
  EXPECT_TRUE(has_rule(r, reviewer, "dismissive.calm-down"));
}

TEST(ReviewBadInput, HugeCustomerMessageIsAnalysedOnceAndCut) {
  Reviewer reviewer;
  std::string angry;
  while (angry.size() < (1u << 20)) angry += "This is unacceptable and I am furious. ";
  reviewer.set_customer(angry, "Dana");
  Review r = reviewer.review("The parcel left yesterday.");
  EXPECT_TRUE(r.mismatch.alert);
  EXPECT_EQ(r.mismatch.customer_label, "negative");
}

TEST(ReviewBadInput, CustomerContextIsCachedAndReplaced) {
  Reviewer reviewer;
  reviewer.set_customer("I am furious, this is the worst service ever!", "Dana");
  EXPECT_TRUE(reviewer.review("The parcel left yesterday.").mismatch.alert);
  reviewer.set_customer("I am furious, this is the worst service ever!", "Dana");  // same: cached
  EXPECT_TRUE(reviewer.review("The parcel left yesterday.").mismatch.alert);
  reviewer.set_customer("Thanks so much, you were great!", "Dana");
  EXPECT_FALSE(reviewer.review("The parcel left yesterday.").mismatch.alert);
  reviewer.set_customer("", "");
  Review r = reviewer.review("The parcel left yesterday.");
  EXPECT_FALSE(r.mismatch.alert);
  EXPECT_FALSE(r.mismatch.has_customer);
}

TEST(ReviewBadInput, ApiReportsPackErrorsAsJson) {
  Reviewer reviewer;
  const json bad = json::parse(load_pack_json(reviewer, "{"), nullptr, false);
  ASSERT_FALSE(bad.is_discarded());
  EXPECT_FALSE(bad["ok"].get<bool>());
  EXPECT_EQ(bad["errors"][0]["code"], "invalid_json");
  EXPECT_EQ(bad["errors"][0]["path"], "");
  EXPECT_GE(bad["ruleCount"].get<int>(), 80);  // the default pack is still in use
  const json r = json::parse(reviewer.review_json("calm down"), nullptr, false);
  EXPECT_EQ(r["suggestions"][0]["ruleId"], "dismissive.calm-down");
  const json exported = json::parse(reviewer.export_pack(), nullptr, false);
  EXPECT_EQ(exported["schema"], "rapport-rules/1");
}

TEST(ReviewBadInput, HugeDraftJsonIsCapped) {
  Reviewer reviewer;
  std::string draft;
  while (draft.size() < 100000) draft += "Please calm down. ";
  const json r = json::parse(reviewer.review_json(draft), nullptr, false);
  ASSERT_FALSE(r.is_discarded());
  EXPECT_TRUE(r["truncated"].get<bool>());
  EXPECT_EQ(r["suggestions"].size(), 500u);
  EXPECT_GT(r["omittedSuggestions"].get<int>(), 3000);  // 64 KB holds ~3,600 of them
  for (const json& part : r["scoreParts"]) EXPECT_LE(part["reasons"].size(), 20u);
  EXPECT_EQ(r["empathyScore"], 0);
}

TEST(ReviewBadInput, RandomBytesNeverBreakTheReview) {
  // Deterministic pseudo-random drafts: any bytes give valid JSON whose spans
  // lie inside the (sanitized) draft.
  Reviewer reviewer;
  uint32_t seed = 12345;
  auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
  const char* words[] = {"calm", "down", "i", "don't", "know", "policy", "wait", "\xF0\x9F\x98\x80",
                         "\xE2\x80\x99", "\r\n", ",", "!!", "\xff", "u", "have", "to", "you'll", "#A1"};
  for (int i = 0; i < 2000; ++i) {
    std::string draft;
    int n = next() % 40;
    for (int k = 0; k < n; ++k) {
      if (next() % 4 == 0) draft.push_back(static_cast<char>(next() >> 24));
      else draft += words[next() % (sizeof(words) / sizeof(words[0]))], draft += ' ';
    }
    const json r = json::parse(reviewer.review_json(draft), nullptr, false);
    ASSERT_FALSE(r.is_discarded()) << i;
    EXPECT_LE(r["empathyScore"].get<int>(), 100);
  }
}

TEST(ReviewBadInput, MutatedPacksAreRejectedOrLoadedNeverHalfLoaded) {
  Reviewer reviewer;
  const std::string good = reviewer.export_pack();
  const size_t rules = reviewer.pack().rules.size();
  uint32_t seed = 777;
  auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
  const char bytes[] = "{}[]\",:|()*x0 \\";
  for (int i = 0; i < 200; ++i) {
    std::string pack = good;
    for (int k = 0; k < 3; ++k) pack[next() % pack.size()] = bytes[next() % (sizeof(bytes) - 1)];
    PackLoadResult result = reviewer.load_pack(pack);
    if (!result.ok) {
      EXPECT_FALSE(result.errors.empty());
      EXPECT_EQ(result.rule_count, reviewer.pack().rules.size());
    }
    reviewer.reset_pack();
    EXPECT_EQ(reviewer.pack().rules.size(), rules);
  }
}

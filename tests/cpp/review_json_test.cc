// The review JSON and the pack-load report are written with nlohmann_json:
// every string survives a round trip, control characters included (escaped,
// never dropped or turned into spaces), and invalid UTF-8 in a pack's strings
// cannot abort the writer.
#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "review/review_api.h"
#include "review/reviewer.h"
#include "review/session.h"

using namespace rapport::review;
using nlohmann::json;

TEST(ReviewJson, ControlCharactersInPackStringsRoundTrip) {
  Reviewer reviewer;
  const std::string why = "Line one\nline two\ttabbed \x01\x1f \"quoted\" \\ slash";
  json pack = {{"schema", "rapport-rules/1"}, {"base", "default"},
               {"rules", json::array({{{"id", "team.synergy"}, {"category", "jargon"}, {"severity", "low"},
                                       {"scope", "phrase"}, {"patterns", {"synergy"}}, {"why", why},
                                       {"message", "Buzz\x07word"}, {"examples", {"We value the synergy."}},
                                       {"alternatives", {"team\x02work"}}}})}};
  ASSERT_TRUE(reviewer.load_pack(pack.dump()).ok);
  ReviewSession session(reviewer);
  const std::string text = session.review_json("We value the synergy.");
  EXPECT_EQ(text.find('\x01'), std::string::npos) << "raw control character in the JSON";
  EXPECT_NE(text.find("\\u0001"), std::string::npos);
  const json r = json::parse(text, nullptr, false);
  ASSERT_FALSE(r.is_discarded()) << text;
  const json& s = r["suggestions"][0];
  EXPECT_EQ(s["ruleId"], "team.synergy");
  EXPECT_EQ(s["why"], why);
  EXPECT_EQ(s["message"], "Buzz\x07word");
  EXPECT_EQ(s["replacements"][0], "team\x02work");
}

TEST(ReviewJson, PackErrorsAreValidJsonWhateverThePackSays) {
  Reviewer reviewer;
  // An unknown field whose name holds a control character and invalid UTF-8.
  const std::string bad = std::string(R"({"schema":"rapport-rules/1","name":"x","rules":[],"odd)") +
                          "\x01\xff" + R"(":1})";
  const json report = json::parse(load_pack_json(reviewer, bad), nullptr, false);
  ASSERT_FALSE(report.is_discarded());
  EXPECT_FALSE(report["ok"].get<bool>());
  ASSERT_GE(report["errors"].size(), 1u);
  EXPECT_GE(report["ruleCount"].get<int>(), 80);  // the default pack stays
}

TEST(ReviewJson, NumbersKeepFourDecimalsAndNoNegativeZero) {
  Reviewer reviewer;
  ReviewSession session(reviewer);
  session.set_customer("I am furious, this is the worst service ever!", "Dana");
  const std::string text = session.review_json("Calm down.");
  const json r = json::parse(text);
  const double score = r["mismatch"]["customerScore"].get<double>();
  EXPECT_LT(score, 0);
  EXPECT_DOUBLE_EQ(score, std::round(score * 10000) / 10000);
  EXPECT_EQ(text.find("-0,"), std::string::npos);
}

// Dashboard analytics over the shared fixture (tests/fixtures/analytics):
// every number is compared with expected.json, worked out by hand.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "analytics/analytics.h"
#include "test_files.h"

namespace {

using nlohmann::json;
using rapport::analytics::Analytics;

const std::string kDir = std::string(RAPPORT_FIXTURES_DIR) + "/analytics/";

class AnalyticsReport : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string records = rapport::testing::read_file(kDir + "records.json");
    ASSERT_FALSE(records.empty()) << "cannot read " << kDir << "records.json";
    json added = json::parse(analytics.append(records));
    ASSERT_TRUE(added["ok"]) << added.dump();
    expected = json::parse(rapport::testing::read_file(kDir + "expected.json"), nullptr, false);
    ASSERT_TRUE(expected.is_object());
  }
  json query(const json& q) { return json::parse(analytics.query(q.dump())); }

  Analytics analytics;
  json expected;
};

std::vector<std::pair<std::string, int>> series_of(const json& report) {
  std::vector<std::pair<std::string, int>> out;
  for (const json& p : report["series"]) out.emplace_back(p["start"], p["messages"]);
  return out;
}

TEST_F(AnalyticsReport, TotalsSentimentAndTimeZone) {
  json r = query(json::object());
  const json& e = expected["all"];
  for (const char* k : {"messages", "customerMessages", "agentReplies", "conversations", "timeZone"}) {
    EXPECT_EQ(r[k], e[k]) << k;
  }
  for (const char* k : {"negative", "neutral", "positive"}) EXPECT_EQ(r["sentiment"][k], e["sentiment"][k]) << k;
  EXPECT_NEAR(r["sentiment"]["mean"].get<double>(), e["sentiment"]["mean"].get<double>(), 1e-4);
}

TEST_F(AnalyticsReport, BucketsInEachMessagesOwnZoneWithGapsFilled) {
  EXPECT_EQ(series_of(query({{"bucket", "day"}})),
            (expected["all"]["daySeries"].get<std::vector<std::pair<std::string, int>>>()));
  EXPECT_EQ(series_of(query({{"bucket", "week"}})),
            (expected["all"]["weekSeries"].get<std::vector<std::pair<std::string, int>>>()));
  json hours = query({{"bucket", "hour"}});
  EXPECT_EQ(hours["series"][0]["start"], expected["all"]["firstHour"]);  // 09:00 at +02:00, not 07:00
  EXPECT_EQ(hours["series"][0]["emotions"][0]["emotion"], "anger");
}

TEST_F(AnalyticsReport, EmotionMixMostFirst) {
  json r = query(json::object());
  std::vector<std::pair<std::string, int>> mix;
  for (const json& e : r["emotions"]) mix.emplace_back(e["emotion"], e["messages"]);
  EXPECT_EQ(mix, (expected["all"]["emotions"].get<std::vector<std::pair<std::string, int>>>()));
}

TEST_F(AnalyticsReport, QueueByNeedWithReasons) {
  json r = query(json::object());
  const json& want = expected["all"]["queue"];
  ASSERT_EQ(r["queue"].size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(r["queue"][i]["conversation"], want[i][0]);
    EXPECT_NEAR(r["queue"][i]["need"].get<double>(), want[i][1].get<double>(), 1e-4);
  }
  const json& top = r["queue"][0];
  EXPECT_EQ(top["record"], 2);
  EXPECT_TRUE(top["awaitingReply"]);
  std::string reasons = top["reasons"].dump();
  EXPECT_NE(reasons.find("peak priority 0.90"), std::string::npos) << reasons;
  EXPECT_NE(reasons.find("churn risk"), std::string::npos) << reasons;
  EXPECT_NE(r["queue"][1]["reasons"].dump().find("mood fell from +0.00 to -0.50"), std::string::npos);
  EXPECT_EQ(query({{"queueLimit", 1}})["queue"].size(), 1u);
  EXPECT_EQ(query({{"queueLimit", 1}})["queueTotal"], 3);
}

TEST_F(AnalyticsReport, AgentCoaching) {
  json r = query(json::object());
  ASSERT_EQ(r["agents"].size(), 2u);
  EXPECT_EQ(r["agents"][0]["agent"], "alice");
  for (const json& a : r["agents"]) {
    const json& e = expected["all"]["agents"][a["agent"].get<std::string>()];
    for (const char* k : {"replies", "conversations", "best", "worst"}) EXPECT_EQ(a[k], e[k]) << k;
    for (const char* k : {"empathy", "firstResponseSeconds", "resolutionSeconds", "moodChange"}) {
      EXPECT_NEAR(a[k].get<double>(), e[k].get<double>(), 1e-4) << a["agent"] << " " << k;
    }
    std::vector<std::pair<std::string, int>> cold;
    for (const json& c : a["coldPhrases"]) cold.emplace_back(c["phrase"], c["uses"]);
    EXPECT_EQ(cold, (e["coldPhrases"].get<std::vector<std::pair<std::string, int>>>()));
  }
}

TEST_F(AnalyticsReport, KpisWhenTheDataHasThem) {
  json k = query(json::object())["kpis"];
  const json& e = expected["all"]["kpis"];
  for (const char* name : {"csat", "nps", "firstContactResolution", "handleSeconds"}) {
    for (auto& [field, value] : e[name].items()) {
      EXPECT_NEAR(k[name][field].get<double>(), value.get<double>(), 1e-4) << name << "." << field;
    }
  }
  // A slice without any rated conversation has no KPI at all, not zeros.
  json none = query({{"brands", {"Globex"}}})["kpis"];
  EXPECT_TRUE(none["csat"].is_null());
  EXPECT_TRUE(none["handleSeconds"].is_null());
  EXPECT_EQ(none["nps"]["score"], -100);
}

TEST_F(AnalyticsReport, Filters) {
  for (const json& f : expected["filtered"]) {
    json r = query(f["query"]);
    EXPECT_EQ(r["messages"], f["messages"]) << f["query"].dump();
    EXPECT_EQ(r["conversations"], f["conversations"]) << f["query"].dump();
  }
  json facets = query(json::object())["facets"];
  EXPECT_EQ(facets["agents"], json({"alice", "bob"}));
  EXPECT_EQ(facets["tags"], json({"billing", "refund"}));
}

TEST_F(AnalyticsReport, BadQueriesSayWhichField) {
  EXPECT_NE(analytics.query(R"({"bucket":"month"})").find("'bucket'"), std::string::npos);
  EXPECT_NE(analytics.query(R"({"from":"yesterday"})").find("'from'"), std::string::npos);
  EXPECT_NE(analytics.query(R"({"cues":["sadness"]})").find("'cues'"), std::string::npos);
  EXPECT_NE(analytics.query("[1]").find("JSON object"), std::string::npos);
}

TEST(AnalyticsAppend, ABadRecordAddsNothingAndNamesRecordAndField) {
  Analytics a;
  ASSERT_TRUE(json::parse(a.append(R"([{"conversation":"x","at":"2020-01-01T00:00:00Z","csat":4}])"))["ok"]);
  json bad = json::parse(a.append(R"([{"conversation":"y","at":"2020-01-02T00:00:00Z","csat":1},
                                      {"conversation":"z","at":"2020-13-02T00:00:00Z"}])"));
  EXPECT_FALSE(bad["ok"]);
  EXPECT_EQ(bad["error"]["record"], 1);
  EXPECT_EQ(bad["error"]["field"], "at");
  EXPECT_EQ(a.size(), 1u);
  json r = json::parse(a.query("{}"));
  EXPECT_EQ(r["conversations"], 1);
  EXPECT_EQ(r["kpis"]["csat"]["count"], 1);  // y's rating was rolled back too
  for (const char* rec : {R"([{"at":"2020-01-01"}])", R"([{"conversation":"a","at":"2020-01-01","sentiment":"bad"}])",
                          R"([{"conversation":"a","at":"2020-01-01","role":"bot"}])",
                          R"([{"conversation":"a","at":"2020-01-01","cues":["sad"]}])",
                          R"([{"conversation":"a","at":"2020-01-01","priority":2}])", R"({"not":"an array"})"}) {
    EXPECT_FALSE(json::parse(a.append(rec))["ok"]) << rec;
  }
  EXPECT_EQ(a.size(), 1u);
}

}  // namespace

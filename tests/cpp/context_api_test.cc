// The context engine's JSON surface: options, errors, queries, decisions
// kept and replayed, forget.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "context/context.h"
#include "context/summary.h"

namespace {

using nlohmann::json;
using rapport::context::Context;

json call(const std::string& reply) { return json::parse(reply); }

json event(const std::string& email, const std::string& at, const std::string& text) {
  return {{"type", "message"}, {"at", at}, {"source", "zendesk"}, {"customer", {{"email", email}}}, {"text", text}};
}

TEST(ContextApi, OptionsAreChecked) {
  Context ctx;
  EXPECT_TRUE(call(ctx.configure(R"({"defaultCallingCode":"+44","repeatDays":7})"))["ok"]);
  json bad = call(ctx.configure(R"({"defaultCallingCode":"044"})"));
  EXPECT_EQ(bad["error"]["message"], "defaultCallingCode must be a country calling code such as \"44\" or \"1\"");
  bad = call(ctx.configure(R"({"retention":90})"));
  EXPECT_EQ(bad["error"]["message"], "unknown option 'retention' (known: defaultCallingCode, repeatDays)");
  EXPECT_EQ(call(ctx.configure("[]"))["error"]["code"], "options");
}

TEST(ContextApi, ErrorsNameTheEventAndField) {
  Context ctx;
  json r = call(ctx.add_events(json::array({event("a@example.com", "2026-01-01T00:00:00Z", "ok"),
                                            event("a@example.com", "yesterday", "bad")}).dump()));
  EXPECT_FALSE(r["ok"]);
  EXPECT_EQ(r["error"]["message"], "event 1, field 'at': at is not an ISO 8601 date-time: 'yesterday'");
  EXPECT_EQ(ctx.size(), 0u);
  EXPECT_EQ(call(ctx.add_events("{}"))["error"]["message"], "events must be a JSON array of event objects");
  EXPECT_EQ(call(ctx.add_events("[1]"))["error"]["message"], "event 0: must be an object");
}

TEST(ContextApi, QueriesByIdOrIdentity) {
  Context ctx;
  call(ctx.add_events(json::array({event("Dana@Example.com", "2026-01-01T00:00:00Z", "hi")}).dump()));
  json p = call(ctx.profile(R"({"email":"dana@example.com"})"));
  ASSERT_TRUE(p["ok"]);
  std::string id = p["customer"]["id"];
  EXPECT_EQ(id.substr(0, 2), "c_");
  EXPECT_EQ(call(ctx.profile(json{{"customer", id}}.dump()))["customer"]["emails"], json::array({"Dana@Example.com"}));
  EXPECT_EQ(call(ctx.timeline(R"({"customer":"c_nobody"})"))["error"]["code"], "not_found");
  EXPECT_EQ(call(ctx.timeline(R"({"email":"nobody@example.com"})"))["error"]["code"], "not_found");
  EXPECT_EQ(call(ctx.timeline(R"({"email":"not-an-email"})"))["error"]["code"], "input");
  EXPECT_EQ(call(ctx.timeline("[]"))["error"]["code"], "input");
}

TEST(ContextApi, SummaryNeedsNow) {
  Context ctx;
  call(ctx.add_events(json::array({event("a@example.com", "2026-01-01T00:00:00Z", "hi")}).dump()));
  EXPECT_EQ(call(ctx.summary(R"({"email":"a@example.com"})"))["error"]["message"],
            "summary needs 'now' as an ISO 8601 date-time");
  json s = call(ctx.summary(R"({"email":"a@example.com","now":"2026-01-02T00:00:00Z"})"));
  EXPECT_EQ(s["summary"]["contacts"]["last7"], 1);
  EXPECT_EQ(s["summary"]["openingLine"], nullptr) << "nothing supported to say";
}

TEST(ContextApi, IdsAreStableAcrossInstancesAndOrderOfDuplicates) {
  Context a, b;
  json batch = json::array({event("x@example.com", "2026-01-01T00:00:00Z", "one"),
                            event("y@example.com", "2026-01-02T00:00:00Z", "two")});
  json ra = call(a.add_events(batch.dump())), rb = call(b.add_events(batch.dump()));
  EXPECT_EQ(ra["ids"], rb["ids"]);
  EXPECT_EQ(call(a.customers()), call(b.customers()));
}

TEST(ContextApi, DecisionsReplayIntoAFreshEngine) {
  Context ctx;
  call(ctx.add_events(json::array({event("a@example.com", "2026-01-01T00:00:00Z", "one"),
                                   event("b@example.com", "2026-01-02T00:00:00Z", "two")}).dump()));
  std::string a = call(ctx.profile(R"({"email":"a@example.com"})"))["customer"]["id"];
  std::string b = call(ctx.profile(R"({"email":"b@example.com"})"))["customer"]["id"];
  EXPECT_EQ(call(ctx.merge(json{{"a", a}, {"b", b}}.dump()))["error"]["message"],
            "merge needs a 'reason' (why these are one customer)");
  json m = call(ctx.merge(json{{"a", a}, {"b", b}, {"reason", "same person, new address"}}.dump()));
  ASSERT_TRUE(m["ok"]);
  EXPECT_EQ(call(ctx.merge(json{{"a", a}, {"b", b}, {"reason", "again"}}.dump()))["error"]["message"],
            "'" + a + "' and '" + b + "' are already one customer");
  json decisions = call(ctx.decisions())["decisions"];
  ASSERT_EQ(decisions.size(), 1u);

  Context fresh;
  call(fresh.add_events(json::array({event("a@example.com", "2026-01-01T00:00:00Z", "one"),
                                     event("b@example.com", "2026-01-02T00:00:00Z", "two")}).dump()));
  EXPECT_TRUE(call(fresh.restore(decisions.dump()))["ok"]);
  EXPECT_EQ(call(fresh.customers()), call(ctx.customers()));
  EXPECT_EQ(call(fresh.customers())["customers"][0]["merges"][0]["reason"], "same person, new address");
  EXPECT_EQ(call(fresh.restore(R"([{"kind":"split"}])"))["error"]["message"],
            "decision 0: needs kind ('merge'|'unmerge'), a and b");

  EXPECT_EQ(call(ctx.unmerge(R"({"merge":"m_nothing"})"))["error"]["code"], "not_found");
  EXPECT_TRUE(call(ctx.unmerge(json{{"merge", m["merge"]}}.dump()))["ok"]);
  EXPECT_EQ(call(ctx.customers())["customers"].size(), 2u);
}

TEST(ContextApi, ForgetRemovesEventsAndAllowsReimport) {
  Context ctx;
  json batch = json::array({event("a@example.com", "2026-01-01T00:00:00Z", "one"),
                            event("b@example.com", "2026-01-02T00:00:00Z", "two")});
  call(ctx.add_events(batch.dump()));
  json f = call(ctx.forget(R"({"email":"a@example.com"})"));
  ASSERT_TRUE(f["ok"]);
  EXPECT_EQ(f["events"].size(), 1u);
  EXPECT_EQ(ctx.size(), 1u);
  EXPECT_EQ(call(ctx.profile(R"({"email":"a@example.com"})"))["error"]["code"], "not_found");
  // Forgotten means forgotten: the same event later is new again, not a duplicate.
  EXPECT_EQ(call(ctx.add_events(batch.dump()))["added"], 1);
}

TEST(ContextSummary, RelativeDaysInTheAgentsZone) {
  using rapport::context::relative_day;
  const int64_t day = 86'400'000;
  const int64_t now = 1773144000000;  // 2026-03-10T12:00:00Z
  EXPECT_EQ(relative_day(now - 3600'000, now, 0), "earlier today");
  EXPECT_EQ(relative_day(now - day, now, 0), "yesterday");
  EXPECT_EQ(relative_day(now - 3 * day, now, 0), "3 days ago");
  EXPECT_EQ(relative_day(now - 9 * day, now, 0), "last week");
  EXPECT_EQ(relative_day(now - 20 * day, now, 0), "2 weeks ago");
  EXPECT_EQ(relative_day(now - 100 * day, now, 0), "in November 2025");
  EXPECT_EQ(relative_day(now - 65 * day, now, 0), "in January");
  // 01:00 UTC is today in UTC but 22:00 yesterday for an agent at UTC-3.
  EXPECT_EQ(relative_day(now - 11 * 3600'000, now, 0), "earlier today");
  EXPECT_EQ(relative_day(now - 11 * 3600'000, now, -3 * 60), "yesterday");
}

}  // namespace

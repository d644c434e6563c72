// Rule pack loading: every problem reported with its JSON path and stable code
// (asserted in full), the previous pack kept on error, overlays that add,
// override and disable rules by id, and export -> import round trips.
#include <gtest/gtest.h>

#include <algorithm>

#include "review/reviewer.h"

using namespace rapport::review;

namespace {

std::string one_rule(const std::string& rule_fields) {
  return R"({"schema":"rapport-rules/1","base":"default","rules":[{)" + rule_fields + "}]}";
}

const char* kGoodRule =
    R"("id":"team.synergy","category":"jargon","severity":"low","scope":"phrase",)"
    R"("patterns":["synergy|synergies"],"why":"Buzzwords sound evasive to customers.",)"
    R"("examples":["We value the synergy."],"alternatives":["teamwork"])";

bool has_rule(const Review& r, const std::string& id, const RulePack& pack) {
  return std::any_of(r.suggestions.begin(), r.suggestions.end(),
                     [&](const Suggestion& s) { return pack.rules[s.rule].id == id; });
}

// Loads `json` into a fresh reviewer and returns "path code: message" lines.
std::vector<std::string> errors_of(const std::string& json) {
  Reviewer reviewer;
  PackLoadResult result = reviewer.load_pack(json);
  std::vector<std::string> lines;
  for (const PackIssue& e : result.errors) lines.push_back(e.path + " " + e.code + ": " + e.message);
  EXPECT_EQ(result.ok, lines.empty());
  return lines;
}

using Lines = std::vector<std::string>;

}  // namespace

TEST(ReviewLoader, InvalidJsonNamesTheByte) {
  EXPECT_EQ(errors_of(R"({"schema": "rapport-rules/1", "rules": [}")"),
            (Lines{" invalid_json: not valid JSON (byte 41): parse error at line 1, column 41: syntax error "
                   "while parsing value - unexpected '}'; expected '[', '{', or a literal"}));
}

TEST(ReviewLoader, SchemaVersionIsChecked) {
  EXPECT_EQ(errors_of(R"({"schema":"rapport-rules/2","name":"x","rules":[]})"),
            (Lines{"/schema unsupported_schema: this engine reads \"rapport-rules/1\", not \"rapport-rules/2\""}));
  EXPECT_EQ(errors_of(R"({"name":"x","rules":[]})"), (Lines{"/schema missing_field: missing \"schema\""}));
  EXPECT_EQ(errors_of("[]"), (Lines{" wrong_type: expected an object, found array"}));
}

TEST(ReviewLoader, ErrorsCarryJsonPathsAndStableCodes) {
  EXPECT_EQ(errors_of(one_rule(R"("id":"a","category":"jargon","severity":"low","patterns":[""],)"
                               R"("why":"because","examples":["x"],"alternatives":["y"])")),
            (Lines{"/rules/0/patterns/0 empty_pattern: empty pattern"}));
  EXPECT_EQ(errors_of(one_rule(R"("id":"Bad Id","category":"nope","severity":"urgent","patterns":["a!"],)"
                               R"("why":3,"examples":[],"alternatives":["{who}"],"colour":"red")")),
            (Lines{"/rules/0/colour unknown_field: unknown field \"colour\""}));
  EXPECT_EQ(errors_of(one_rule(R"("id":"Bad Id","category":"nope","severity":"urgent","patterns":["a!"],)"
                               R"("why":3,"examples":[],"alternatives":["{who}"])")),
            (Lines{"/rules/0/id invalid_id: rule ids are 1-64 characters: a-z, 0-9, then also '.', '_' or '-'",
                   "/rules/0/category unknown_category: unknown category 'nope'",
                   "/rules/0/severity unknown_severity: severity must be low, medium or high",
                   "/rules/0/why wrong_type: expected a string, found number",
                   "/rules/0/alternatives/0 unknown_placeholder: unknown or unbalanced placeholder 'who' "
                   "(known: {customerName}, {agentName}, {company})",
                   "/rules/0/patterns/0 pattern_syntax: unexpected character '!' at 1 (patterns hold words, "
                   "spaces and ( ) [ ] | * only)"}));
}

TEST(ReviewLoader, ExamplesMustMatchTheirRule) {
  std::string rule = kGoodRule;
  rule.replace(rule.find("We value the synergy."), 21, "Nothing to see here.");
  EXPECT_EQ(errors_of(one_rule(rule)),
            (Lines{"/rules/0/examples/0 example_no_match: example does not trigger rule 'team.synergy'"}));
}

TEST(ReviewLoader, DuplicateIdsAndUnknownDisables) {
  std::string pack = R"({"schema":"rapport-rules/1","base":"default","rules":[{)" + std::string(kGoodRule) +
                     "},{" + kGoodRule + R"(}],"disable":["no.such-rule"]})";
  EXPECT_EQ(errors_of(pack), (Lines{"/rules/1/id duplicate_id: rule id 'team.synergy' is used twice in this pack"}));
  EXPECT_EQ(errors_of(R"({"schema":"rapport-rules/1","base":"default","disable":["no.such-rule"]})"),
            (Lines{"/disable/0 unknown_rule: no rule 'no.such-rule' to disable"}));
}

TEST(ReviewLoader, InvalidPackKeepsThePreviousOne) {
  Reviewer reviewer;
  ASSERT_TRUE(reviewer.load_pack(one_rule(kGoodRule)).ok);
  const size_t count = reviewer.pack().rules.size();
  PackLoadResult bad = reviewer.load_pack(R"({"schema":"rapport-rules/1","rules":"oops"})");
  EXPECT_FALSE(bad.ok);
  EXPECT_EQ(bad.rule_count, count);
  EXPECT_EQ(reviewer.pack().rules.size(), count);
  EXPECT_TRUE(has_rule(reviewer.review("Such synergy."), "team.synergy", reviewer.pack()));
}

TEST(ReviewLoader, OverlayAddsOverridesAndDisables) {
  Reviewer reviewer;
  const size_t base = reviewer.pack().rules.size();
  std::string overlay =
      R"({"schema":"rapport-rules/1","base":"default","disable":["negative.no-problem"],"rules":[{)" +
      std::string(kGoodRule) +
      R"(},{"id":"dismissive.calm-down","category":"dismissive","severity":"low","patterns":["calm down"],)"
      R"("why":"Team wording.","examples":["calm down"],"alternatives":["Let's sort this out."]}]})";
  PackLoadResult result = reviewer.load_pack(overlay);
  ASSERT_TRUE(result.ok) << (result.errors.empty() ? "" : result.errors[0].message);
  EXPECT_EQ(result.rule_count, base);  // +1 added, -1 disabled, 1 replaced in place
  const RulePack& pack = reviewer.pack();
  EXPECT_TRUE(has_rule(reviewer.review("Great synergy."), "team.synergy", pack));
  EXPECT_FALSE(has_rule(reviewer.review("No problem!"), "negative.no-problem", pack));
  Review r = reviewer.review("Please calm down now.");
  ASSERT_TRUE(has_rule(r, "dismissive.calm-down", pack));
  EXPECT_EQ(r.suggestions[0].replacements, (std::vector<std::string>{"Let's sort this out."}));
  reviewer.reset_pack();
  EXPECT_EQ(reviewer.pack().rules.size(), base);
  EXPECT_TRUE(has_rule(reviewer.review("No problem!"), "negative.no-problem", reviewer.pack()));
}

TEST(ReviewLoader, ExportImportRoundTrip) {
  Reviewer a;
  ASSERT_TRUE(a.load_pack(one_rule(kGoodRule)).ok);
  std::string exported = a.export_pack();
  Reviewer b;
  PackLoadResult result = b.load_pack(exported);  // standalone: no "base"
  ASSERT_TRUE(result.ok) << (result.errors.empty() ? "" : result.errors[0].path + " " + result.errors[0].message);
  EXPECT_EQ(b.export_pack(), exported);
  EXPECT_EQ(b.pack().rules.size(), a.pack().rules.size());
}

TEST(ReviewLoader, HugeAndHostilePacksAreRefusedQuickly) {
  EXPECT_EQ(errors_of(std::string(2 << 20, ' ')),
            (Lines{" pack_too_large: pack has 2097152 bytes (limit 1048576)"}));
  // 500 rules each with 32 copies of a 256-way pattern (4 million sequences,
  // under 1 MB of JSON): the sequence budget stops the check early.
  std::string pack = R"({"schema":"rapport-rules/1","name":"hostile","rules":[)";
  for (int r = 0; r < 500; ++r) {
    pack += std::string(r ? "," : "") + R"({"id":"r)" + std::to_string(r) +
            R"(","category":"jargon","severity":"low","why":"w","examples":["a e i m"],"alternatives":["x"],"patterns":[)";
    for (int p = 0; p < 32; ++p) pack += std::string(p ? "," : "") + R"x("(a|b|c|d) (e|f|g|h) (i|j|k|l) (m|n|o|p)")x";
    pack += "]}";
  }
  pack += "]}";
  Lines e = errors_of(pack);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_NE(e[0].find("pack_too_complex"), std::string::npos) << e[0];
}

// The default rule pack: it loads cleanly, has >= 80 rules over every
// category, each rule's examples trigger it, and no alternative (placeholders
// filled) triggers any rule: a suggestion must never suggest a cold phrase.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "review/default_pack.h"
#include "review/reviewer.h"
#include "test_files.h"

using namespace rapport::review;

namespace {

using rapport::testing::read_file;

CustomerContext named_customer() {
  CustomerContext c;
  c.name = "Dana";
  c.agent_name = "Sam";
  c.company = "Acme";
  return c;
}

}  // namespace

TEST(ReviewPack, DefaultPackParsesWithoutErrors) {
  RulePack pack;
  std::vector<PackIssue> errors;
  bool ok = parse_rule_pack(default_pack_json(), nullptr, pack, errors);
  for (const auto& e : errors) ADD_FAILURE() << e.path << " " << e.code << ": " << e.message;
  EXPECT_TRUE(ok);
  EXPECT_GE(pack.rules.size(), 80u);
}

TEST(ReviewPack, EmbeddedPackEqualsTheJsonFile) {
  // The build embeds shared/rules/default.json; a stale build would differ.
  RulePack from_file, embedded;
  std::vector<PackIssue> errors;
  ASSERT_TRUE(parse_rule_pack(read_file(RAPPORT_SOURCE_DIR "/shared/rules/default.json"), nullptr,
                              from_file, errors));
  ASSERT_TRUE(parse_rule_pack(default_pack_json(), nullptr, embedded, errors));
  EXPECT_EQ(rule_pack_to_json(from_file), rule_pack_to_json(embedded));
}

TEST(ReviewPack, CoversEveryCategory) {
  std::set<std::string> seen;
  for (const Rule& r : default_pack().rules) seen.insert(r.category);
  for (const std::string& c : known_categories()) EXPECT_TRUE(seen.count(c)) << c;
}

TEST(ReviewPack, EveryRuleHasWhyExamplesAndAlternatives) {
  for (const Rule& r : default_pack().rules) {
    EXPECT_GE(r.why.size(), 20u) << r.id;
    EXPECT_FALSE(r.examples.empty()) << r.id;
    // Phrase rules also say what they must leave alone.
    if (r.kind == RuleKind::Phrase) EXPECT_FALSE(r.near_misses.empty()) << r.id;
    EXPECT_FALSE(r.alternatives.empty()) << r.id;
  }
}

TEST(ReviewPack, EveryExampleTriggersItsRule) {
  const RulePack& pack = default_pack();
  CompiledPack compiled;
  std::vector<PackIssue> errors;
  ASSERT_TRUE(compiled.build(pack, errors));
  for (size_t i = 0; i < pack.rules.size(); ++i) {
    const Rule& rule = pack.rules[i];
    for (const std::string& ex : rule.examples) {
      EXPECT_TRUE(rule_fires(pack, compiled, i, ex)) << rule.id << " does not match its example: " << ex;
    }
    for (const std::string& miss : rule.near_misses) {
      EXPECT_FALSE(rule_fires(pack, compiled, i, miss)) << rule.id << " matches its near miss: " << miss;
    }
  }
}

TEST(ReviewPack, NoAlternativeTriggersAnyRule) {
  const RulePack& pack = default_pack();
  CompiledPack compiled;
  std::vector<PackIssue> errors;
  ASSERT_TRUE(compiled.build(pack, errors));
  const CustomerContext customer = named_customer();
  for (const Rule& rule : pack.rules) {
    for (const std::string& alt : rule.alternatives) {
      bool complete = true;
      std::string filled = fill_placeholders(alt, customer, &complete);
      EXPECT_TRUE(complete) << rule.id;
      for (size_t hit : matching_phrase_rules(pack, compiled, filled)) {
        ADD_FAILURE() << rule.id << " alternative \"" << filled << "\" triggers " << pack.rules[hit].id;
      }
    }
  }
}

TEST(ReviewPack, AbsenceAlternativesSatisfyTheirSignal) {
  // Appending an absence rule's alternative to its example silences the rule.
  const RulePack& pack = default_pack();
  CompiledPack compiled;
  std::vector<PackIssue> errors;
  ASSERT_TRUE(compiled.build(pack, errors));
  const CustomerContext customer = named_customer();
  for (size_t i = 0; i < pack.rules.size(); ++i) {
    const Rule& rule = pack.rules[i];
    if (rule.kind != RuleKind::Absence) continue;
    for (const std::string& alt : rule.alternatives) {
      bool complete = true;
      std::string draft = rule.examples[0] + " " + fill_placeholders(alt, customer, &complete);
      Review r = review_draft(pack, compiled, customer, draft);
      for (const Suggestion& s : r.suggestions) {
        EXPECT_NE(s.rule, i) << rule.id << " still fires on: " << draft;
      }
    }
  }
}

TEST(ReviewPack, PlaceholdersFillOrDropWithTheirSeparator) {
  CustomerContext named = named_customer();
  CustomerContext nobody;
  bool complete = true;
  EXPECT_EQ(fill_placeholders("Hi {customerName},", named, &complete), "Hi Dana,");
  EXPECT_TRUE(complete);
  EXPECT_EQ(fill_placeholders("Hi {customerName},", nobody, &complete), "Hi,");
  EXPECT_FALSE(complete);
  EXPECT_EQ(fill_placeholders("I'm sorry, {customerName}, that it broke.", nobody, &complete),
            "I'm sorry, that it broke.");
  EXPECT_EQ(fill_placeholders("{customerName}", nobody, &complete), "");
  EXPECT_EQ(fill_placeholders("{agentName} from {company} here.", named, &complete), "Sam from Acme here.");
}

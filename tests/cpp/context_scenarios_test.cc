// The context fixtures (tests/fixtures/context/*.json): each scenario's own
// expectations, then its whole output against <name>.expected.json, the
// golden file tests/js/context.test.mjs checks the wasm build against too.
// RAPPORT_UPDATE_GOLDEN=1 rewrites the golden files (review the diff).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "context_scenario.h"
#include "test_files.h"

namespace {

using rapport::testing::json;

const char* kScenarios[] = {"conflicting-identities", "shared-family-email", "out-of-order",
                            "duplicate-imports",      "merge-unmerge",       "summary-opening",
                            "bad-input"};

std::string fixture(const std::string& name) {
  return std::string(RAPPORT_FIXTURES_DIR) + "/context/" + name;
}

// The first place two documents differ, for a readable failure.
std::string first_difference(const json& a, const json& b, const std::string& path = "") {
  if (a.type() != b.type() || (!a.is_structured() && a != b)) return path + ": " + a.dump() + " vs " + b.dump();
  if (a.is_object()) {
    for (auto it = a.begin(); it != a.end(); ++it) {
      if (!b.contains(it.key())) return path + "." + it.key() + ": missing in expected";
      std::string d = first_difference(*it, b[it.key()], path + "." + it.key());
      if (!d.empty()) return d;
    }
    for (auto it = b.begin(); it != b.end(); ++it) {
      if (!a.contains(it.key())) return path + "." + it.key() + ": missing in actual";
    }
  } else if (a.is_array()) {
    if (a.size() != b.size()) return path + ": " + std::to_string(a.size()) + " items vs " + std::to_string(b.size());
    for (size_t i = 0; i < a.size(); ++i) {
      std::string d = first_difference(a[i], b[i], path + "." + std::to_string(i));
      if (!d.empty()) return d;
    }
  }
  return "";
}

class ContextScenario : public ::testing::TestWithParam<const char*> {};

TEST_P(ContextScenario, MeetsItsExpectationsAndGolden) {
  std::string name = GetParam();
  json scenario = json::parse(rapport::testing::read_file(fixture(name + ".json")), nullptr, false);
  ASSERT_FALSE(scenario.is_discarded()) << "cannot read " << fixture(name + ".json");
  rapport::testing::ScenarioRunner runner(scenario);
  for (const std::string& f : runner.run()) ADD_FAILURE() << name << ": " << f;
  json actual = runner.golden();
  std::string golden_path = fixture(name + ".expected.json");
  if (const char* update = std::getenv("RAPPORT_UPDATE_GOLDEN"); update && std::string(update) == "1") {
    std::ofstream(golden_path) << actual.dump(1) << "\n";
  }
  json expected = json::parse(rapport::testing::read_file(golden_path), nullptr, false);
  ASSERT_FALSE(expected.is_discarded()) << "cannot read " << golden_path;
  EXPECT_EQ(first_difference(actual, expected), "") << name;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, ContextScenario, ::testing::ValuesIn(kScenarios),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (char& c : n) c = c == '-' ? '_' : c;
                           return n;
                         });

}  // namespace

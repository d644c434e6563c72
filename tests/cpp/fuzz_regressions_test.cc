// Every input a fuzzer (tests/fuzz/) ever crashed on, as a named test of the
// behaviour that was wrong. The raw inputs also stay in
// tests/fuzz/regressions/<target>/, replayed under ASan+UBSan by
// scripts/sanitize.sh.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "review/pattern.h"

namespace rapport::review {
namespace {

std::vector<std::vector<std::string>> sequences_of(const std::string& pattern) {
  CompiledPattern out;
  PatternError error;
  EXPECT_TRUE(compile_pattern(pattern, PatternLimits(), out, error)) << pattern << ": " << error.message;
  return out.sequences;
}

// pattern_fuzz, 2026-12-05: a word that is only the contraction "n't" had no
// base word, and the compiler emitted an empty term before "not", a term no
// draft word can ever be (the rule silently never matched).
TEST(FuzzRegression, BareNtContractionGivesNoEmptyTerm) {
  for (const std::string pattern : {"n't*n", "n't(i am|we are) (unable|not ab) to", "n't"}) {
    for (const auto& sequence : sequences_of(pattern)) {
      ASSERT_FALSE(sequence.empty()) << pattern;
      for (const auto& term : sequence) EXPECT_FALSE(term.empty()) << pattern;
      EXPECT_EQ(sequence.front(), "not") << pattern;
    }
  }
}

}  // namespace
}  // namespace rapport::review

// libFuzzer target: any bytes as a review pattern (shared/rules/SCHEMA.md's
// pattern language) -> compile_pattern. Checks what the matcher relies on:
// a pattern either fails with a stable error code or expands within the
// limits, every sequence non-empty and made of non-empty terms.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "review/pattern.h"
#include "fuzz_support.h"

using rapport::fuzz::as_text;
using rapport::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rapport::review;
  const std::string_view pattern = as_text(data, size);
  const PatternLimits limits;
  CompiledPattern out;
  PatternError error;
  if (!compile_pattern(pattern, limits, out, error)) {
    check(!error.code.empty() && !error.message.empty());
    return 0;
  }
  check(!out.sequences.empty() && out.sequences.size() <= limits.max_expansions);
  for (const auto& sequence : out.sequences) {
    check(!sequence.empty() && sequence.size() <= limits.max_terms);
    for (const auto& term : sequence) check(!term.empty());
  }
  return 0;
}

// libFuzzer target: any bytes -> the whole lexicon analysis, its public JSON
// and its compact transport, checking what JS relies on: spans inside the
// analyzed text and in order, scores in range, and the JSON parses.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "analysis/analyzer.h"
#include "output/assessment_wire.h"
#include "fuzz_support.h"

using rapport::fuzz::as_text;
using rapport::fuzz::check;

namespace {

void check_span(const rapport::Span& s, size_t text_size) {
  check(s.begin <= s.end && s.end <= text_size);
}

bool in_unit_range(float v) { return std::isfinite(v) && v >= -1.f && v <= 1.f; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rapport;
  const std::string_view input = as_text(data, size);
  const AnalyzedMessage m = analyze_message(input);
  const Assessment& a = m.assessment;
  const size_t n = m.analyzed_text.size();
  check(in_unit_range(a.sentiment.compound) && in_unit_range(a.priority));
  for (float e : a.emotions) check(std::isfinite(e) && e >= 0.f && e <= 1.f);
  for (const Cue& c : a.cues) {
    check(c.strength >= 0.f && c.strength <= 1.f);
    for (const Span& s : c.spans) check_span(s, n);
  }
  for (const Evidence& e : a.evidence) check_span(e.span, n);

  std::string json;
  append_assessment_json(json, m);
  check(!nlohmann::json::parse(json, nullptr, false).is_discarded());
  WireBatch wire;
  wire.clear();
  append_assessment_wire(wire, m);
  wire.strings += ']';
  check(!nlohmann::json::parse(wire.strings, nullptr, false).is_discarded());
  return 0;
}

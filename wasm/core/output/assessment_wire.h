// A compact transport for analyzeBatch: the same content as the public JSON
// (assessment_json.cc), split so JavaScript can build the public objects
// without parsing ~800 bytes of JSON per message:
//   numbers  doubles, each exactly what JSON.parse would give for the text
//            write_json_number writes (so the public objects stay identical);
//   ints     counts, UTF-16 offsets, flags, and indices into kWireWords;
//   strings  one JSON array of the remaining strings (span texts, notes, and
//            any word not in kWireWords), escaped like the JSON path.
// Per message, in this order (the reader in shared/api/core-session.js
// follows it):
//   ints:    label, priorityLevel, language code, source, flags (supported,
//            truncated, invalidUtf8 as bits 0..2), cue count, evidence count;
//            per cue: id, span count, then start,end per span;
//            per evidence item: start, end, source, note (notes are words too).
//   numbers: score, positive, negative, neutral, the 28 emotions; per cue its
//            strength; priority; per evidence item its weight; confidence.
//   strings: per cue span its text; per evidence item its text;
//            plus, in reading order, every word whose int is -1. Span and
//            evidence texts are left out when flags has kTextsFromInput: the
//            reader then slices its own input string at the UTF-16 offsets
//            (same text; see texts_match_input in assessment_wire.cc).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analyzer.h"

namespace rapport {

// Words sent as their index (labels, levels, sources, cue ids, languages).
extern const std::vector<std::string_view>& wire_words();

struct WireBatch {
  std::vector<double> numbers;
  std::vector<int32_t> ints;
  std::string strings;  // a JSON array of strings
  void clear();
};

// The double JSON.parse gives for write_json_number's text of `value`.
double wire_number(double value);

// Flag bit: span/evidence texts are not sent; slice them from the input.
constexpr int32_t kTextsFromInput = 8;

// With every text sent (a reader without the input strings).
void append_assessment_wire(WireBatch& out, const AnalyzedMessage& message);
// texts_from_input: leave span texts out (only if the reader's input, sliced
// at the offsets, gives the same strings).
void append_assessment_wire(WireBatch& out, const AnalyzedMessage& message, bool texts_from_input);

// Analyzes each text into `out` (cleared first), in order.
void analyze_batch_wire(const std::vector<std::string_view>& texts, WireBatch* out);

}  // namespace rapport

// Fuses tokenizer, lexicon sentiment, cues and language check into one
// Assessment; later also the model's probabilities.
#pragma once
#include <string>
#include <string_view>

#include "assessment.h"

namespace rapport {

// Analyzes one message. Any bytes are accepted: invalid UTF-8 is replaced,
// NUL becomes a space, text over kMaxAnalyzedBytes is cut (and flagged).
// Spans in the result refer to `analyzed_text` of the returned struct.
struct AnalyzedMessage {
  std::string analyzed_text;
  Assessment assessment;
};

AnalyzedMessage analyze_message(std::string_view raw_text);

// Serializes as the public JSON shape (see shared/api/index.d.ts), with span
// offsets converted to UTF-16 code units of `analyzed_text`.
void append_assessment_json(std::string& out, const AnalyzedMessage& message);

}  // namespace rapport

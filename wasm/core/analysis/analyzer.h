// Fuses tokenizer, lexicon sentiment, cues and language check into one
// Assessment; later also the model's probabilities.
#pragma once
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/assessment.h"

namespace rapport {

// Analyzes one message. Any bytes are accepted: invalid UTF-8 is replaced,
// NUL becomes a space, text over kMaxAnalyzedBytes is cut (and flagged).
// Spans in the result refer to `analyzed_text` of the returned struct.
struct AnalyzedMessage {
  std::string analyzed_text;
  Assessment assessment;
  // analyzed_text is a prefix of the raw text and all ASCII (no byte was
  // replaced): later steps may skip their own scans of it.
  bool raw_ascii = false;
};

AnalyzedMessage analyze_message(std::string_view raw_text);
// The same into `out`, whose previous content is replaced; reuses the
// capacity of out->analyzed_text (one buffer for a whole batch).
void analyze_message_into(std::string_view raw_text, AnalyzedMessage* out);

// The fusion step for a model: replaces the heuristic emotions with the
// model's probabilities (clamped to 0..1) and marks the source
// "model+lexicon". Sentiment, cues and priority stay the rules' own.
void apply_model_emotions(AnalyzedMessage* message,
                          const std::array<float, kEmotionCount>& probabilities);

// How soon a person should answer, 0..1, from negativity, urgency, churn risk,
// escalation, repeat contact and confusion; and its bucket:
// "low" < 0.25 <= "normal" < 0.5 <= "high" < 0.75 <= "urgent".
float compute_priority(const Assessment& assessment);
const char* priority_level(float priority);

// Most evidence items kept per message (strongest first).
constexpr size_t kMaxEvidenceItems = 12;

// Serializes as the public JSON shape (see shared/api/index.d.ts), with span
// offsets converted to UTF-16 code units of `analyzed_text`.
void append_assessment_json(std::string& out, const AnalyzedMessage& message);

// Analyzes each text and returns one JSON array of assessments, in order:
// what the wasm binding calls once per batch.
std::string analyze_batch_json(const std::vector<std::string_view>& texts);

}  // namespace rapport

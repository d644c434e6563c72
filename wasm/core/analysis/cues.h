// Support cues with evidence spans: urgency, churn risk, escalation threat,
// repeat contact, confusion, gratitude.
#pragma once
#include <string_view>
#include <vector>

#include "analysis/assessment.h"
#include "text/tokenizer.h"

namespace rapport {

std::vector<Cue> detect_cues(std::string_view text, const Tokenized& tokens);

// Same, and appends one evidence item per span to `evidence`, weighted by the
// phrase that matched there (not the combined cue strength), source
// "cue:<id>", so "ASAP" outranks a weak "today" in the evidence list.
std::vector<Cue> detect_cues(std::string_view text, const Tokenized& tokens,
                             std::vector<Evidence>* evidence);

}  // namespace rapport

// Support cues with evidence spans: urgency, churn risk, escalation threat,
// repeat contact, confusion, gratitude.
#pragma once
#include <string_view>
#include <vector>

#include "assessment.h"
#include "tokenizer.h"

namespace rapport {

std::vector<Cue> detect_cues(std::string_view text, const Tokenized& tokens);

}  // namespace rapport

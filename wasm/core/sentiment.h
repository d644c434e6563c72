// Rule-based lexicon sentiment: negation scope, boosters and dampeners,
// contrast, caps emphasis, punctuation, emoji and emoticon valence.
#pragma once
#include <string_view>
#include <vector>

#include "assessment.h"
#include "tokenizer.h"

namespace rapport {

struct LexiconSentiment {
  SentimentScore score;
  std::vector<Evidence> evidence;  // one entry per token that carried valence
};

LexiconSentiment score_sentiment(std::string_view text, const Tokenized& tokens);

// Valence of one normalized word/emoji/emoticon in the compiled lexicon
// (VADER base plus the support supplement), or 0 when absent.
float lexicon_valence(std::string_view norm);

}  // namespace rapport

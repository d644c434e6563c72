// Rule-based lexicon sentiment: negation scope, boosters and dampeners,
// contrast, caps emphasis, punctuation, emoji and emoticon valence.
#pragma once
#include <string_view>
#include <vector>

#include "analysis/assessment.h"
#include "text/tokenizer.h"

namespace rapport {

struct LexiconSentiment {
  SentimentScore score;
  std::vector<Evidence> evidence;  // one entry per token that carried valence
  float valence_sum = 0;           // rule-weighted sum (-4..4 per word) before the neutral band
};

// VADER's label convention on the compound score (the shared contract):
// >= 0.05 positive, <= -0.05 negative, else neutral.
constexpr float kLabelThreshold = 0.05f;
const char* sentiment_label(float compound);

// Neutral band, on the -4..4 valence scale, tuned on TweetEval val and
// GoEmotions dev: a message whose rule-weighted valences sum to less than this
// in magnitude carries too little lexical evidence to be called positive or
// negative, so the band is subtracted from |sum| before normalizing. This keeps
// the label threshold at 0.05 while widening what counts as neutral.
constexpr float kNeutralBand = 0.5f;

LexiconSentiment score_sentiment(std::string_view text, const Tokenized& tokens);
// The same into `out`, whose evidence vector is cleared and its buffer reused
// (the analyzer hands back the previous message's: no allocation per message).
void score_sentiment_into(std::string_view text, const Tokenized& tokens, LexiconSentiment* out);

// Valence of one normalized word/emoji/emoticon in the compiled lexicon
// (VADER base plus the support supplement), or 0 when absent.
float lexicon_valence(std::string_view norm);

}  // namespace rapport

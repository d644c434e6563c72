// The result of analyzing one message: what every front end shows.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/text.h"

namespace rapport {

// GoEmotions' 28 labels, in the dataset's own order (labels.txt).
constexpr int kEmotionCount = 28;
extern const std::array<const char*, kEmotionCount> kEmotionNames;

// The fixed words of a result (label, sources, cue ids, language codes) are
// string_views of static strings (literals and constant tables), never of
// message data: resetting and filling them per message copies no characters
// and allocates nothing (a "cue:repeat_contact" std::string did both).

// One word, emoji or phrase that moved the result, and by how much.
struct Evidence {
  Span span;
  float weight = 0;    // signed contribution to sentiment (-4..4 scale), or cue strength
  std::string_view source;  // "lexicon", "emoji", "emoticon", "supplement", "cue:<id>"
  std::string note;    // why, e.g. "negated", "boosted by 'very'", "after 'but'"
  // Which structural rules changed this item (kRuleNegated | kRuleContrast |
  // kRuleSarcasm | kRuleCourtesy):
  // the model fusion keeps what these rules decided (model/fusion.h).
  uint8_t rules = 0;
};
constexpr uint8_t kRuleNegated = 1;   // flipped by a negator ("not bad", "never disappointed")
constexpr uint8_t kRuleContrast = 2;  // weighed by a contrast ("..., but it broke")
constexpr uint8_t kRuleSarcasm = 4;   // thanks for a failure ("thanks for delaying my flight")
constexpr uint8_t kRuleCourtesy = 8;  // closing thanks after a complaint ("It never came. Thanks")

// Support cues: urgency, churn_risk, escalation, repeat_contact, confusion, gratitude.
struct Cue {
  std::string_view id;
  float strength = 0;       // 0..1
  std::vector<Span> spans;  // the words that triggered it
};

struct SentimentScore {
  float compound = 0;  // -1..1
  float positive = 0;  // proportions of the lexical mass, sum to 1 with neutral/negative
  float negative = 0;
  float neutral = 1;
};

struct LanguageGuess {
  std::string_view code = "en";  // ISO 639-1 where known, "und" when unsure
  bool supported = true;
  float confidence = 1;
};

struct Assessment {
  SentimentScore sentiment;
  std::string_view label = "neutral";  // negative | neutral | positive
  std::array<float, kEmotionCount> emotions{};  // probabilities by kEmotionNames
  std::vector<Cue> cues;
  float priority = 0;  // 0..1: how soon a person should answer this
  std::vector<Evidence> evidence;
  LanguageGuess language;
  bool truncated = false;
  bool had_invalid_utf8 = false;
  std::string_view source = "lexicon";  // "lexicon" or "model+lexicon"
};

}  // namespace rapport

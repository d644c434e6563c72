// Second stage of the analyzer when the model ran: per-label thresholds,
// model + lexicon sentiment fusion, the agent-facing emotion groups, and the
// extra JSON fields they add. The lexicon-only path never calls this.
#pragma once
#include <array>
#include <string>
#include <string_view>

#include "analysis/assessment.h"

namespace rapport {

// Tuned on GoEmotions dev by the trainer; shipped in models/model.json.
struct SentimentFusion {
  float negative_offset = 0.f;  // added to log p(negative)
  float positive_offset = 0.f;  // added to log p(positive)
  float lexicon_weight = 0.f;   // times the lexicon compound, toward pos/neg
  float word_weight = 0.f;      // times the strongest positive / negative word
  // Keep what negation, contrast and the thanks rules decided: when the rules' verdict
  // rests on one of them (LexiconSignal::guard), the rules' label and score
  // stand ("not bad at all" is mildly positive, never negative): a bag of
  // words reads "not bad" as "bad", the very mistake those rules exist for.
  bool rule_guard = false;
  // Which of those rules the guard keeps (kRule* bits of assessment.h):
  // all four unless model.json's "ruleGuardScope" names fewer.
  uint8_t guard_scope = kRuleNegated | kRuleContrast | kRuleSarcasm | kRuleCourtesy;
  // Rules that, when they fired and the rules read the message negative
  // (guard -1), only rule out positive instead of deciding; the model and the
  // weights choose between negative and neutral. "Thanks for the reply but
  // the app still crashes" (a contrast) must not read as praise, but a calm
  // report is not made negative by it either: the dev set's guidelines label
  // factual reports without displeasure neutral. A positive reading caps
  // nothing: after "but", weak words such as "please" and "help" make many
  // pleas read positive to the rules. model.json "ruleCapScope"; none by
  // default. A rule in both scopes decides.
  uint8_t cap_scope = 0;
  // When the rules are this sure (|compound| >= it), their label and score
  // stand too; 0: never. Calibrated with the weights above.
  float rules_decide_at = 0.f;
};

// What the rules say about a message, as the fusion reads it.
struct LexiconSignal {
  float compound = 0.f;             // -1..1
  float strongest_positive = 0.f;   // 0..1: largest positive word valence / 4
  float strongest_negative = 0.f;   // 0..1: largest negative word valence / 4
  // +1: an item was negated, weighed by a contrast, or read as sarcastic or
  // courtesy thanks, and the rules' items sum
  // to > 0, so the fused label may not be negative; -1: sum < 0, not
  // positive; 0: no such rule fired (the model and weights decide freely).
  int guard = 0;
  // Which structural rules changed an item (kRule* bits), whatever the sum.
  uint8_t guard_rules = 0;
};

// From an assessment's lexicon score and evidence (cue evidence is skipped),
// the same numbers as the dense features lexicon_compound, max_*_word.
LexiconSignal lexicon_signal(const Assessment& a);

struct ModelCalibration {
  std::array<float, kEmotionCount> thresholds;  // per GoEmotions label
  SentimentFusion sentiment;
  ModelCalibration() { thresholds.fill(0.5f); }
};

struct FusedSentiment {
  int label = 1;  // 0 negative, 1 neutral, 2 positive
  std::array<float, 3> probs{};
  float score = 0.f;  // -1..1, inside the label's VADER band (see fusion.cc)
  // True when the rules decided (rule_guard or rules_decide_at): label and
  // score are the lexicon path's own, and the assessment keeps its lexicon
  // sentiment (compound and proportions) as it is.
  bool rules_decided = false;
};

FusedSentiment fuse_sentiment(const float model_probs[3], const LexiconSignal& lexicon,
                              const SentimentFusion& fusion);
inline FusedSentiment fuse_sentiment(const float model_probs[3], float lexicon_compound,
                                     const SentimentFusion& fusion) {
  LexiconSignal s;
  s.compound = lexicon_compound;
  return fuse_sentiment(model_probs, s, fusion);
}

// Agent-facing emotions derived from the 28 (mapping in models/MODEL_CARD.md).
constexpr int kEmotionGroupCount = 9;
extern const std::array<const char*, kEmotionGroupCount> kEmotionGroupNames;
// Group index of each GoEmotions label (kEmotionNames order).
extern const std::array<int, kEmotionCount> kEmotionGroupOf;

struct ModelExtras {
  std::array<float, kEmotionGroupCount> groups{};  // max member probability
  std::array<bool, kEmotionCount> detected{};      // probability >= threshold
  int primary_group = -1;  // strongest detected group relative to threshold; -1 none
};

// Replaces the heuristic emotions with the model's, fuses sentiment (the
// lexicon compound is read from `a` before it is overwritten) and sets
// source = "model+lexicon". Returns the extras for the JSON stage.
ModelExtras apply_model_outputs(Assessment* a, const float emotions[kEmotionCount],
                                const float sentiment[3], const ModelCalibration& c);

// The detected labels' indices, most probable first (ties keep label
// order): the order of detectedEmotions. Returns how many.
int detected_in_order(const ModelExtras& extras, const float emotions[kEmotionCount],
                      std::array<int, kEmotionCount>* order);

// Appends `,"emotionGroups":{...},"detectedEmotions":[...],"primaryEmotion":...`
// to a JSON object written by append_assessment_json: call it on the string
// that ends with that object's closing '}', which it re-closes.
void append_model_fields_json(std::string& json_object, const ModelExtras& extras,
                              const float emotions[kEmotionCount]);

// Names of the kRule* bits in model.json's "ruleGuardScope" (bit 1 << index).
extern const std::array<const char*, 4> kGuardRuleNames;
// The bit of one of those names; 0 for any other.
uint8_t rule_bit(std::string_view name);

// Reads thresholds and fusion from models/model.json text. False (with a
// message naming the problem) if the JSON is invalid or incomplete.
bool parse_model_calibration(std::string_view model_json, ModelCalibration* c,
                             std::string* error);

}  // namespace rapport

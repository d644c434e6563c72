// Emotions for the lexicon path, until a trained model provides them.
//
// HEURISTIC, not a classifier: a plausible multi-label distribution over
// GoEmotions' 28 names derived from what the rules already know (sentiment,
// cues) plus a small table of trigger words ("sorry" -> remorse, "love" ->
// love, "furious" -> anger). Each value is an independent 0..1 score, like a
// multi-label model's sigmoid outputs, so they need not sum to 1. The analyzer
// replaces the whole array when model probabilities are available
// (apply_model_emotions in analyzer.h).
#pragma once
#include <array>
#include <string_view>
#include <vector>

#include "analysis/assessment.h"
#include "text/tokenizer.h"

namespace rapport {

// Indices into kEmotionNames (GoEmotions' labels.txt order).
enum EmotionIndex : int {
  kAdmiration, kAmusement, kAnger, kAnnoyance, kApproval, kCaring, kConfusion, kCuriosity,
  kDesire, kDisappointment, kDisapproval, kDisgust, kEmbarrassment, kExcitement, kFear,
  kGratitude, kGrief, kJoy, kLove, kNervousness, kOptimism, kPride, kRealization, kRelief,
  kRemorse, kSadness, kSurprise, kNeutral,
};

std::array<float, kEmotionCount> heuristic_emotions(const Tokenized& tokens,
                                                    const SentimentScore& sentiment,
                                                    const std::vector<Cue>& cues);

// The trigger table's norms, by index (word_facts.cc indexes the words;
// WordFacts::emotion_trigger is index + 1).
size_t emotion_trigger_count();
std::string_view emotion_trigger_norm(size_t i);

}  // namespace rapport

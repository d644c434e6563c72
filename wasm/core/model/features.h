// Model input features, built from the core's own tokenizer so that the
// trainer (models/train/rapport_train.cc) and inference (ONNX Runtime Web fed by
// the wasm core) can never disagree.
//
// Two parts per message:
//  - sparse: hashed ids of word unigrams, word bigrams and character n-grams
//    (on "<word>" boundaries), averaged by the model's embedding bag;
//  - dense: a few numbers from the lexicon path and the cue rules (compound,
//    proportions, cue strengths, emphasis), so the model starts from what the
//    rules already know.
#pragma once
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "analysis/analyzer.h"
#include "analysis/assessment.h"
#include "text/tokenizer.h"

namespace rapport {

struct FeatureConfig {
  uint32_t buckets = 1u << 16;  // rows of the embedding table
  uint32_t seed = 0x52415050;   // mixed into every hash ("RAPP")
  int char_min = 3;             // character n-gram lengths over "<norm>"
  int char_max = 5;
  // Words shorter than this (in code points) get no character n-grams: "the",
  // "is", "my" are frequent, their n-grams say nothing the word does not,
  // and every id costs ONNX Runtime time. 0: every word.
  int char_min_word = 0;
  bool word_bigrams = true;
  // Prior ids from the rules: one per lexicon hit (sign and strength after
  // negation and boosters), per cue, and per emotion the trigger words
  // suggest. They are shared by many words, so they are well trained, and
  // carry the lexicons' knowledge to words the training data barely has
  // ("furious" is rare in GoEmotions, and its character n-grams are those of
  // "curious"). Each is added this many times: the bag is a plain mean, so
  // copies are its weight. 0: none (models trained before they existed).
  int rule_prior_weight = 0;
  // Upper bound on ids per message: keeps a pasted 64 KB log to bounded work
  // and bounded tensor size. The first ids win (the start of the message).
  uint32_t max_ids = 1024;
};

constexpr int kDenseFeatureCount = 16;
extern const std::array<const char*, kDenseFeatureCount> kDenseFeatureNames;

struct ModelFeatures {
  std::vector<uint32_t> ids;  // each < config.buckets; never empty (see below)
  std::array<float, kDenseFeatureCount> dense{};
};

// 64-bit FNV-1a over `kind` byte then the text, mixed with the seed; `kind`
// separates the namespaces of words, bigrams and character n-grams.
uint64_t feature_hash(char kind, std::string_view text, uint32_t seed);

// Sparse ids of one tokenized, sanitized message. An empty message gets the
// id of the "<empty>" marker so the embedding bag always has one row.
void extract_sparse_features(const Tokenized& tokens, const FeatureConfig& config,
                             std::vector<uint32_t>* ids);

// The rule_priors ids of an analyzed message (see FeatureConfig), appended.
void extract_rule_prior_ids(const Assessment& assessment, const FeatureConfig& config,
                            std::vector<uint32_t>* ids);

// Dense features from the lexicon score and cues already computed for the
// message (the analyzer computes them anyway; no second pass).
void extract_dense_features(const Tokenized& tokens, const SentimentScore& score,
                            const std::vector<Evidence>& evidence,
                            const std::vector<Cue>& cues,
                            std::array<float, kDenseFeatureCount>* dense);

// Features of a message the analyzer has already analyzed: the dense part
// reads its lexicon score, evidence and cues (no second lexicon pass).
void model_features_from_analysis(const AnalyzedMessage& message, const FeatureConfig& config,
                                  ModelFeatures* out);

// Everything from raw bytes: analyze_message, then the above. What the
// trainer uses, and what the engine computes, so the two cannot differ.
ModelFeatures model_features_for_text(std::string_view raw_text, const FeatureConfig& config);

}  // namespace rapport

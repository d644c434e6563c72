// The analyzer's model path, in two steps around ONNX Runtime Web:
//   1. model_features_batch: feature ids and dense features of each text;
//   2. analyze_batch_json_with_model: the lexicon analysis of each text,
//      then thresholds, sentiment fusion and emotion groups from the model's
//      probabilities (fusion.h), serialized as the public JSON shape plus
//      emotionGroups / emotionLabels / primaryEmotion.
// The lexicon-only path (analyzer.h analyze_batch_json) is untouched.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "model/features.h"
#include "model/fusion.h"

namespace rapport {

struct ModelConfig {
  FeatureConfig features;
  ModelCalibration calibration;
};

// Reads models/model.json: feature hashing parameters, thresholds, fusion.
// False with a message when anything is missing or differs from what this
// core computes (e.g. another hash), so a stale model.json fails loudly.
bool parse_model_config(std::string_view model_json, ModelConfig* config, std::string* error);

struct BatchFeatures {
  std::vector<uint32_t> ids;     // all texts' ids, concatenated
  std::vector<uint32_t> counts;  // ids per text (>= 1 each)
  std::vector<float> dense;      // kDenseFeatureCount per text
};

void model_features_batch(const std::vector<std::string_view>& texts, const FeatureConfig& config,
                          BatchFeatures* out);

// `emotions` holds kEmotionCount and `sentiment` 3 probabilities per text.
std::string analyze_batch_json_with_model(const std::vector<std::string_view>& texts,
                                          const float* emotions, const float* sentiment,
                                          const ModelCalibration& calibration);

}  // namespace rapport

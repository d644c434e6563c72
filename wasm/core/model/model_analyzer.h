// The analyzer's model path, in two steps around ONNX Runtime Web:
//   1. model_features_batch: the lexicon analysis of each text (kept in the
//      batch), and from it the feature ids and dense features;
//   2. model_batch_wire (or model_batch_json, its reference): thresholds,
//      sentiment fusion and emotion groups from the model's probabilities
//      (fusion.h), as the public shape plus emotionGroups / detectedEmotions
//      / primaryEmotion.
// Each text is analyzed once; the batch holds the analyses in between.
// The lexicon-only path (analyzer.h analyze_batch_json) is untouched.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analyzer.h"
#include "output/assessment_wire.h"
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

struct ModelBatch {
  std::vector<AnalyzedMessage> messages;  // step 1's analyses, for step 2
  std::vector<uint32_t> ids;     // all texts' ids, concatenated
  std::vector<uint32_t> counts;  // ids per text (>= 1 each)
  std::vector<float> dense;      // kDenseFeatureCount per text
};

void model_features_batch(const std::vector<std::string_view>& texts, const FeatureConfig& config,
                          ModelBatch* batch);

// `emotions` holds kEmotionCount and `sentiment` 3 probabilities per message
// of the batch, in order. Leaves the batch empty.
std::string model_batch_json(ModelBatch* batch, const float* emotions, const float* sentiment,
                             const ModelCalibration& calibration);

// The same results as model_batch_json in the compact transport: `base`
// holds the public fields (assessment_wire.h, every span text sent) and
// `extras` the model's, per message in order:
//   numbers: the kEmotionGroupCount group values (kEmotionGroupNames order);
//   ints:    primary group (-1: none, reported as "neutral"), the number of
//            detected labels, then their indices, most probable first.
struct ModelWire {
  std::vector<double> numbers;
  std::vector<int32_t> ints;
  void clear();
};

void model_batch_wire(ModelBatch* batch, const float* emotions, const float* sentiment,
                      const ModelCalibration& calibration, WireBatch* base, ModelWire* extras);

}  // namespace rapport

#include "model/model_analyzer.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "analyzer.h"

namespace rapport {

bool parse_model_config(std::string_view text, ModelConfig* config, std::string* error) {
  if (!parse_model_calibration(text, &config->calibration, error)) return false;
  const nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  const auto f = j.find("features");
  if (f == j.end() || !f->is_object()) {
    *error = "model.json has no \"features\" object";
    return false;
  }
  if (f->value("hash", std::string()) != "fnv1a64+splitmix64") {
    *error = "model.json: features.hash is not fnv1a64+splitmix64";
    return false;
  }
  if (f->value("dense", nlohmann::json::array()).size() != kDenseFeatureCount) {
    *error = "model.json: features.dense does not list " + std::to_string(kDenseFeatureCount) +
             " dense features";
    return false;
  }
  FeatureConfig& c = config->features;
  c.buckets = f->value("buckets", 0u);
  c.seed = f->value("seed", 0u);
  c.max_ids = f->value("maxIds", 0u);
  const auto chars = f->value("charNgrams", nlohmann::json::array());
  const auto words = f->value("wordNgrams", nlohmann::json::array());
  if (c.buckets == 0 || c.max_ids == 0 || chars.size() != 2 || words.size() != 2 ||
      !chars[0].is_number() || !chars[1].is_number() || !words[1].is_number()) {
    *error = "model.json: features needs buckets, seed, maxIds, charNgrams [min,max], wordNgrams [1,n]";
    return false;
  }
  c.char_min = chars[0].get<int>();
  c.char_max = chars[1].get<int>();
  c.word_bigrams = words[1].get<int>() >= 2;
  c.char_min_word = f->value("charNgramMinWordLength", 0);
  c.rule_prior_weight = f->value("rulePriorWeight", 0);
  if (c.rule_prior_weight < 0 || c.rule_prior_weight > 16) {
    *error = "model.json: features.rulePriorWeight must be 0..16";
    return false;
  }
  return true;
}

void model_features_batch(const std::vector<std::string_view>& texts, const FeatureConfig& config,
                          ModelBatch* batch) {
  batch->messages.clear();
  batch->ids.clear();
  batch->counts.clear();
  batch->dense.clear();
  ModelFeatures f;
  for (std::string_view text : texts) {
    batch->messages.push_back(analyze_message(text));
    model_features_from_analysis(batch->messages.back(), config, &f);
    batch->ids.insert(batch->ids.end(), f.ids.begin(), f.ids.end());
    batch->counts.push_back(static_cast<uint32_t>(f.ids.size()));
    batch->dense.insert(batch->dense.end(), f.dense.begin(), f.dense.end());
  }
}

namespace {

// The model learned English chat: text the language check does not support
// keeps the rules' (gated) result, and so does text with nothing in it (an
// empty bag would be a row the model never saw in training).
bool model_applies(const AnalyzedMessage& m) {
  if (!m.assessment.language.supported) return false;
  for (char c : m.analyzed_text)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') return true;
  return false;
}

ModelExtras extras_without_model(const Assessment& a) {
  ModelExtras x;
  for (int k = 0; k < kEmotionCount; ++k) {
    const int g = kEmotionGroupOf[k];
    x.groups[g] = std::max(x.groups[g], a.emotions[k]);
  }
  return x;
}

}  // namespace

std::string model_batch_json(ModelBatch* batch, const float* emotions, const float* sentiment,
                             const ModelCalibration& calibration) {
  std::string out = "[";
  std::string one;
  for (size_t i = 0; i < batch->messages.size(); ++i) {
    AnalyzedMessage& m = batch->messages[i];
    const float* emo = emotions + i * kEmotionCount;
    ModelExtras extras;
    if (model_applies(m)) {
      extras = apply_model_outputs(&m.assessment, emo, sentiment + i * 3, calibration);
      // Priority reads the sentiment, which the model just replaced.
      m.assessment.priority = compute_priority(m.assessment);
    } else {
      extras = extras_without_model(m.assessment);
      emo = m.assessment.emotions.data();
    }
    one.clear();
    append_assessment_json(one, m);
    append_model_fields_json(one, extras, emo);
    if (i) out += ',';
    out += one;
  }
  out += ']';
  batch->messages.clear();
  return out;
}

}  // namespace rapport

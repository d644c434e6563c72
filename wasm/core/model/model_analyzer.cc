#include "model/model_analyzer.h"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "analysis/analyzer.h"

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
// keeps the rules' (gated) result, and so does text with nothing in it: only
// whitespace, or only U+FFFD (bytes that were not text). An empty bag, or
// the replacement character's n-grams, is a row the model never saw in
// training, and it answered those with a confident polar label. So does a
// message of at most one word in which the rules find nothing ("a", "zzzz",
// a 70 KB run of one letter): a bag of one id the model has only seen
// among other words, which it read as positive or neutral by the luck of
// training; the rules' neutral stands.
bool model_applies(const AnalyzedMessage& m, const float* dense) {
  if (!m.assessment.language.supported) return false;
  if (m.assessment.evidence.empty() && dense[10] <= std::log1p(1.f) / 4.f + 1e-6f) return false;
  const std::string& t = m.analyzed_text;
  for (size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') continue;
    if (t.compare(i, 3, "\xEF\xBF\xBD") == 0) {  // U+FFFD
      i += 2;
      continue;
    }
    return true;
  }
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

namespace {

// Step 2 for one message: the model's outputs applied (or not, see
// model_applies); returns the extras and the emotions to report.
const float* finish_message(AnalyzedMessage& m, const float* dense, const float* emotions,
                            const float* sentiment, const ModelCalibration& calibration, ModelExtras* extras) {
  if (!model_applies(m, dense)) {
    *extras = extras_without_model(m.assessment);
    return m.assessment.emotions.data();
  }
  *extras = apply_model_outputs(&m.assessment, emotions, sentiment, calibration);
  // Priority reads the sentiment, which the model just replaced.
  m.assessment.priority = compute_priority(m.assessment);
  return emotions;
}

}  // namespace

std::string model_batch_json(ModelBatch* batch, const float* emotions, const float* sentiment,
                             const ModelCalibration& calibration) {
  std::string out = "[";
  std::string one;
  for (size_t i = 0; i < batch->messages.size(); ++i) {
    AnalyzedMessage& m = batch->messages[i];
    ModelExtras extras;
    const float* emo = finish_message(m, batch->dense.data() + i * kDenseFeatureCount,
                                      emotions + i * kEmotionCount, sentiment + i * 3, calibration, &extras);
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

void ModelWire::clear() {
  numbers.clear();
  ints.clear();
}

void model_batch_wire(ModelBatch* batch, const float* emotions, const float* sentiment,
                      const ModelCalibration& calibration, WireBatch* base, ModelWire* extras_out) {
  base->clear();
  extras_out->clear();
  std::array<int, kEmotionCount> order;
  for (size_t i = 0; i < batch->messages.size(); ++i) {
    AnalyzedMessage& m = batch->messages[i];
    ModelExtras extras;
    const float* emo = finish_message(m, batch->dense.data() + i * kDenseFeatureCount,
                                      emotions + i * kEmotionCount, sentiment + i * 3, calibration, &extras);
    append_assessment_wire(*base, m);
    for (float g : extras.groups) extras_out->numbers.push_back(wire_number(g));
    extras_out->ints.push_back(extras.primary_group);
    const int detected = detected_in_order(extras, emo, &order);
    extras_out->ints.push_back(detected);
    extras_out->ints.insert(extras_out->ints.end(), order.begin(), order.begin() + detected);
  }
  base->strings += ']';
  batch->messages.clear();
}

}  // namespace rapport

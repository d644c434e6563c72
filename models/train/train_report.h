// What rapport_train writes besides the weights: model.meta.json (merged into
// models/model.json by models/train/export_onnx.py) and the parity fixture that the
// native and ONNX Runtime Web tests share (header-only, see train_data.h).
#pragma once
#include <array>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/features.h"
#include "model/fusion.h"
#include "model/model_weights.h"
#include "train_model.h"

namespace rapport::train {

struct Report {
  int best_epoch = 0;
  // --ensemble K > 1: each member's seed and kept epoch (model.json says so).
  std::vector<uint64_t> member_seeds;
  std::vector<int> member_best_epochs;
  // --average: "swa" or "ema"; empty when off.
  std::string averaging;
  int average_every = 0, average_start = 0, average_snapshots = 0;
  float ema_decay = 0;
  std::array<float, kEmotionCount> thresholds{}, per_label_f1{};
  SentimentFusion fusion;
  float macro_f1 = 0, macro_f1_lexicon = 0, sentiment_recall = 0, sentiment_recall_lexicon = 0;
  float bitext_recall = 0, tweeteval_recall = 0, tweeteval_recall_lexicon = 0;
  // In-domain dev (support-labelled customer messages), when given.
  float support_recall = 0, support_recall_lexicon = 0, support_cv_recall = 0;
  std::array<float, 3> support_recall_by_class{}, support_cv_recall_by_class{};
  int support_cv_folds = 0;
  // The fusion's in-domain calibration set (rapport_train --calibrate-on):
  // "support" (support dev), "labels" (the team-labelled rows' out-of-fold
  // predictions; support dev is then held out) or "both".
  std::string calibrate_on = "support";
  size_t labels_oof_rows = 0;  // > 0 with --oof-in
  float labels_oof_recall = 0, labels_oof_recall_lexicon = 0, labels_oof_cv_recall = 0;
  std::array<float, 3> labels_oof_recall_by_class{}, labels_oof_cv_recall_by_class{};
  // --init-vectors (train_pretrained.h): what set the starting rows; null when off.
  nlohmann::json init_vectors;
  // --uci-weight, --xed-weight: each sentiment-only corpus trained on, by
  // file, with its weight and rows; empty (no key written) when off.
  nlohmann::json sentiment_sources = nlohmann::json::object();
  double seconds = 0;
  size_t train_rows = 0;
};

inline nlohmann::json guard_scope_names(uint8_t scope) {
  nlohmann::json names = nlohmann::json::array();
  for (int i = 0; i < 4; ++i)
    if (scope >> i & 1) names.push_back(kGuardRuleNames[i]);
  return names;
}

inline float round4(float v) { return std::round(v * 1e4f) / 1e4f; }

inline nlohmann::json meta_json(const Report& r, const FeatureConfig& fc, const Hyper& h, int epochs,
                                bool ambiguous_is_neutral, float bitext_weight) {
  nlohmann::json j;
  j["labels"] = nlohmann::json::array();
  for (const char* n : kEmotionNames) j["labels"].push_back(n);
  j["sentimentLabels"] = {"negative", "neutral", "positive"};
  for (int k = 0; k < kEmotionCount; ++k) {
    j["thresholds"][kEmotionNames[k]] = r.thresholds[k];
    j["metrics"]["goemotionsDevPerLabelF1"][kEmotionNames[k]] = round4(r.per_label_f1[k]);
  }
  j["sentimentFusion"] = {{"negativeOffset", r.fusion.negative_offset},
                          {"positiveOffset", r.fusion.positive_offset},
                          {"lexiconWeight", r.fusion.lexicon_weight},
                          {"wordWeight", r.fusion.word_weight},
                          {"ruleGuard", r.fusion.rule_guard},
                          {"ruleGuardScope", guard_scope_names(r.fusion.guard_scope)},
                          {"rulesDecideAt", r.fusion.rules_decide_at}};
  // Written only when the option is used (--cap-scope): the engine caps with
  // no rule when the key is absent, and a model trained without it stays
  // byte-identical to the one committed before the option existed.
  if (r.fusion.cap_scope != 0)
    j["sentimentFusion"]["ruleCapScope"] = guard_scope_names(r.fusion.cap_scope);
  j["features"] = {{"hash", "fnv1a64+splitmix64"},
                   {"buckets", fc.buckets},
                   {"seed", fc.seed},
                   {"wordNgrams", {1, fc.word_bigrams ? 2 : 1}},
                   {"charNgrams", {fc.char_min, fc.char_max}},
                   {"charNgramMinWordLength", fc.char_min_word},
                   {"rulePriorWeight", fc.rule_prior_weight},
                   {"maxIds", fc.max_ids},
                   {"dense", kDenseFeatureNames}};
  j["architecture"] = {{"embeddingDim", h.dim}, {"hidden", h.hidden},
                       {"embedding", "int8, per-row scale"}, {"opset", 13}};
  if (h.pooling != kPoolMean)  // a second view of the rows beside their mean (train_pool.h)
    j["architecture"]["pooling"] = h.pooling == kPoolAttention ? "mean+attention" : "mean+max";
  if (r.member_seeds.size() > 1) {
    // The ONNX graph averages the members' outputs (export_onnx.py).
    j["architecture"]["ensemble"] = {{"members", r.member_seeds.size()}, {"output", "mean of members"}};
  }
  j["training"] = {{"epochs", epochs}, {"bestEpoch", r.best_epoch}, {"seed", h.seed},
                   {"lr", h.lr}, {"lrEmbedding", h.lr_embedding},
                   {"sentimentWeight", h.sentiment_weight}, {"batch", h.batch},
                   {"bagDropout", h.bag_dropout},
                   {"ambiguousOnlyTarget", ambiguous_is_neutral ? "neutral" : "none"},
                   {"bitextSentimentWeight", bitext_weight},
                   {"sentimentClassWeights", {h.class_weight[0], h.class_weight[1], h.class_weight[2]}},
                   {"rows", r.train_rows}};  // no wall time: model.json stays byte-reproducible
  if (r.member_seeds.size() > 1) {
    j["training"]["ensembleSeeds"] = r.member_seeds;
    j["training"]["ensembleBestEpochs"] = r.member_best_epochs;
  }
  if (!r.averaging.empty())
    j["training"]["weightAveraging"] = {{"kind", r.averaging}, {"everyRows", r.average_every},
                                        {"fromEpoch", r.average_start}, {"emaDecay", r.ema_decay}};
  if (!r.init_vectors.is_null()) j["training"]["initVectors"] = r.init_vectors;
  if (!r.sentiment_sources.empty()) j["training"]["sentimentOnlySources"] = r.sentiment_sources;
  j["metrics"]["goemotionsDevMacroF1"] = round4(r.macro_f1);
  j["metrics"]["goemotionsDevMacroF1Lexicon"] = round4(r.macro_f1_lexicon);
  j["metrics"]["goemotionsDevSentimentMacroRecall"] = round4(r.sentiment_recall);
  j["metrics"]["goemotionsDevSentimentMacroRecallLexicon"] = round4(r.sentiment_recall_lexicon);
  j["metrics"]["bitextDevSentimentMacroRecall"] = round4(r.bitext_recall);
  j["metrics"]["tweetevalValSentimentMacroRecall"] = round4(r.tweeteval_recall);
  j["metrics"]["tweetevalValSentimentMacroRecallLexicon"] = round4(r.tweeteval_recall_lexicon);
  if (r.support_cv_folds > 0) {
    const auto by_class = [](const std::array<float, 3>& v) {
      return nlohmann::json{{"negative", round4(v[0])}, {"neutral", round4(v[1])}, {"positive", round4(v[2])}};
    };
    j["metrics"]["supportDevSentimentMacroRecall"] = round4(r.support_recall);
    j["metrics"]["supportDevSentimentRecallByClass"] = by_class(r.support_recall_by_class);
    j["metrics"]["supportDevSentimentMacroRecallLexicon"] = round4(r.support_recall_lexicon);
    if (r.calibrate_on == "labels") {  // not calibrated on support dev: its figure is a hold-out
      j["metrics"]["supportDevHeldOut"] = true;
    } else {
      j["metrics"]["supportDevCrossValidatedMacroRecall"] = round4(r.support_cv_recall);
      j["metrics"]["supportDevCrossValidatedRecallByClass"] = by_class(r.support_cv_recall_by_class);
      j["metrics"]["supportDevCrossValidationFolds"] = r.support_cv_folds;
    }
  }
  if (r.labels_oof_rows > 0) {
    const auto by_class = [](const std::array<float, 3>& v) {
      return nlohmann::json{{"negative", round4(v[0])}, {"neutral", round4(v[1])}, {"positive", round4(v[2])}};
    };
    j["sentimentFusionCalibration"] = r.calibrate_on == "labels" ? "labels-oof+goemotions-dev"
                                      : r.calibrate_on == "both" ? "support-dev+labels-oof+goemotions-dev"
                                                                 : "support-dev+goemotions-dev";
    j["metrics"]["labelsOutOfFoldRows"] = r.labels_oof_rows;
    j["metrics"]["labelsOutOfFoldMacroRecall"] = round4(r.labels_oof_recall);
    j["metrics"]["labelsOutOfFoldRecallByClass"] = by_class(r.labels_oof_recall_by_class);
    j["metrics"]["labelsOutOfFoldMacroRecallLexicon"] = round4(r.labels_oof_recall_lexicon);
    if (r.calibrate_on != "support") {
      j["metrics"]["labelsOutOfFoldCrossValidatedMacroRecall"] = round4(r.labels_oof_cv_recall);
      j["metrics"]["labelsOutOfFoldCrossValidatedRecallByClass"] = by_class(r.labels_oof_cv_recall_by_class);
    }
  }
  return j;
}

// Messages of the parity fixture: support talk, GoEmotions-like chat and the
// bad-input catalogue (empty, emoji, invalid UTF-8 as escapes, long).
inline const char* const kParityTexts[] = {
    "",
    "   ",
    "Thank you so much, that fixed it!",
    "This is the third time I'm asking. Where is my refund???",
    "I want to cancel my account. Your service is unacceptable.",
    "I'm not happy with the delivery",
    "No problems or complaints",
    "Never once have we been disappointed",
    "not bad",
    "thanks for nothing",
    "I'm confused, how do I change my shipping address?",
    "I'm really worried my package got lost 😟",
    "LOL that's hilarious 😂😂😂",
    "I'm so sorry for your loss.",
    "WHY IS THIS STILL BROKEN",
    "sooo disappointed :(",
    "ok",
    "Where is order #12345? I need it ASAP or I'm calling my lawyer.",
    "Wow, I didn't expect that at all!",
    "I love this product, great job team <3",
    "El paquete no llegó y estoy muy molesto",
    "Can you help me update my payment method",
    "Oh great, another outage. Just what I needed.",
    "I'm scared I'll be charged twice",
};

inline nlohmann::json parity_fixture(const std::vector<ModelWeights>& w, const FeatureConfig& fc,
                                     const Report& r) {
  nlohmann::json cases = nlohmann::json::array();
  ModelOutput out;
  for (const char* text : kParityTexts) {
    const ModelFeatures f = model_features_for_text(text, fc);
    ensemble_forward(w, f.ids, f.dense.data(), &out);
    cases.push_back({{"text", text}, {"ids", f.ids}, {"dense", f.dense},
                     {"emotions", out.emotions}, {"sentiment", out.sentiment}});
  }
  return {{"about", "C++ reference forward pass of models/model.onnx (rapport_train); "
                    "ONNX Runtime Web must agree within 1e-4"},
          {"tolerance", 1e-4},
          {"buckets", fc.buckets},
          {"cases", cases}};
}

}  // namespace rapport::train

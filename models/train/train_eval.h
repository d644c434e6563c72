// Dev-set metrics and the small calibrations tuned on dev splits only:
// per-label thresholds (28-label macro F1) and sentiment class offsets plus
// the lexicon fusion weight (grouped sentiment macro recall).
#pragma once
#include <algorithm>
#include <array>
#include <cmath>
#include <tuple>
#include <vector>

#include "model/fusion.h"
#include "model/model_weights.h"
#include "train_data.h"

namespace rapport::train {

struct Predictions {
  std::vector<std::array<float, kEmotionCount>> emotions;
  std::vector<std::array<float, 3>> sentiment;
};

// The model's (an ensemble's averaged) outputs on every example of `set`,
// through the forward pass the engine and the parity test share.
inline Predictions predict(const std::vector<ModelWeights>& w, const std::vector<Example>& set) {
  Predictions p;
  p.emotions.resize(set.size());
  p.sentiment.resize(set.size());
  ModelOutput out;
  for (size_t i = 0; i < set.size(); ++i) {
    ensemble_forward(w, set[i].features.ids, set[i].features.dense.data(), &out);
    std::copy(out.emotions.begin(), out.emotions.end(), p.emotions[i].begin());
    std::copy(out.sentiment.begin(), out.sentiment.end(), p.sentiment[i].begin());
  }
  return p;
}

inline float f1(int tp, int fp, int fn) {
  return tp ? 2.f * tp / (2.f * tp + fp + fn) : 0.f;
}

// Best threshold per label on these examples (grid 0.01..0.95).
inline std::array<float, kEmotionCount> tune_thresholds(const std::vector<Example>& dev,
                                                        const Predictions& p) {
  std::array<float, kEmotionCount> best{};
  for (int k = 0; k < kEmotionCount; ++k) {
    float best_f1 = -1.f;
    for (int t = 1; t <= 95; ++t) {
      const float th = t / 100.f;
      int tp = 0, fp = 0, fn = 0;
      for (size_t i = 0; i < dev.size(); ++i) {
        const bool y = dev[i].emotions >> k & 1, yhat = p.emotions[i][k] >= th;
        tp += y && yhat, fp += !y && yhat, fn += y && !yhat;
      }
      if (f1(tp, fp, fn) > best_f1) best_f1 = f1(tp, fp, fn), best[k] = th;
    }
  }
  return best;
}

inline float macro_f1(const std::vector<Example>& dev, const Predictions& p,
                      const std::array<float, kEmotionCount>& th,
                      std::array<float, kEmotionCount>* per_label = nullptr) {
  float total = 0.f;
  for (int k = 0; k < kEmotionCount; ++k) {
    int tp = 0, fp = 0, fn = 0;
    for (size_t i = 0; i < dev.size(); ++i) {
      const bool y = dev[i].emotions >> k & 1, yhat = p.emotions[i][k] >= th[k];
      tp += y && yhat, fp += !y && yhat, fn += y && !yhat;
    }
    if (per_label) (*per_label)[k] = f1(tp, fp, fn);
    total += f1(tp, fp, fn);
  }
  return total / kEmotionCount;
}

// Macro recall of a 3-way labelling of items 0..n-1 (truth_of(i) < 0: no
// sentiment target, skipped), averaged over the classes present.
template <typename TruthOf, typename LabelOf>
float macro_recall_over(size_t n, TruthOf truth_of, LabelOf label_of, float* per_class = nullptr) {
  int hit[3] = {0, 0, 0}, count[3] = {0, 0, 0};
  for (size_t i = 0; i < n; ++i) {
    const int y = truth_of(i);
    if (y < 0) continue;
    ++count[y];
    hit[y] += label_of(i) == y;
  }
  float r = 0.f;
  int present = 0;
  for (int c = 0; c < 3; ++c) {
    const float rc = count[c] ? static_cast<float>(hit[c]) / count[c] : 0.f;
    if (per_class) per_class[c] = rc;
    r += rc, present += count[c] > 0;
  }
  return present ? r / present : 0.f;
}

template <typename LabelOf>
float macro_recall(const std::vector<Example>& set, LabelOf label_of, float* per_class = nullptr) {
  return macro_recall_over(set.size(), [&](size_t i) { return set[i].sentiment; }, label_of, per_class);
}

// Lexicon-only label (VADER convention on the compound score, dense[0]).
inline int lexicon_label(const Example& e) {
  const float c = e.features.dense[0];
  return c >= 0.05f ? kPositive : c <= -0.05f ? kNegative : kNeutral;
}

// What the rules said of an example, as the fusion reads it.
inline const LexiconSignal& signal_of(const Example& e) { return e.signal; }

// Sentiment macro recall of `set` once its predictions are fused with the
// rules by `f` (and the recall of each class, when `per_class` is given).
inline float fused_recall(const std::vector<Example>& set, const Predictions& p, const SentimentFusion& f,
                          float* per_class = nullptr) {
  return macro_recall(set, [&](size_t i) {
    return fuse_sentiment(p.sentiment[i].data(), signal_of(set[i]), f).label;
  }, per_class);
}

// The selection score of a fusion: the in-domain dev set (support) first,
// GoEmotions dev second: (2 * support + goemotions) / 3 macro recall, or
// GoEmotions alone when there is no support set.
struct FusionSets {
  const std::vector<Example>* goemotions;
  const Predictions* goemotions_p;
  std::vector<const Example*> support;  // a subset (cross-validation folds)
  std::vector<const std::array<float, 3>*> support_p;
};

inline float support_recall(const std::vector<const Example*>& set,
                            const std::vector<const std::array<float, 3>*>& p, const SentimentFusion& f,
                            float* per_class = nullptr) {
  return macro_recall_over(
      set.size(), [&](size_t i) { return set[i]->sentiment; },
      [&](size_t i) { return fuse_sentiment(p[i]->data(), set[i]->signal, f).label; }, per_class);
}

inline float fusion_score(const FusionSets& s, const SentimentFusion& f) {
  const float ge = fused_recall(*s.goemotions, *s.goemotions_p, f);
  if (s.support.empty()) return ge;
  return (2.f * support_recall(s.support, s.support_p, f) + ge) / 3.f;
}

// Sentiment fusion parameters on a grid: class offsets (when tune_offsets),
// the lexicon weight (0..6 by 0.5: the tie rule below took the top of the
// former 0..4 grid; 0..8 cost TweetEval and GoEmotions dev more than 0..6 did
// for 0.3 more in-domain), the strongest-word weight (when word_weights:
// 0, 1, 2) and the confidence at which the rules decide alone
// (never, or |compound| >= 0.9 .. 0.4). Then the LARGEST rule weight whose score is within
// one standard error of the best is kept: the rules carry over to text unlike
// the training data, the trained head less so, and dev cannot tell weights
// within its noise apart, so the tie goes to the rules. The standard error is
// that of the weighted score (see below).
// offsets: 0 none, 1 one shared offset for both polar classes (a neutral
// bias), 2 one per class (-1.5..1.5 by 0.5), 3 negative only (the
// negative/neutral decision threshold), 4 positive only, 5 negative only in
// quarter steps (-1..1).
// prefer_rules false: the best score wins outright (ties: the most say for
// the rules), for a model that has itself been trained on in-domain labels.
// The rule guard's scopes tried (kRule* bit sets; rapport_train --guard-scopes):
// by default only all four rules, the guard as it shipped first.
// Rules that only cap the fused label (SentimentFusion::cap_scope) in every
// fusion tried; rapport_train --cap-scope.
inline uint8_t g_cap_scope = 0;
inline std::vector<uint8_t> g_guard_scopes = {kRuleNegated | kRuleContrast | kRuleSarcasm | kRuleCourtesy};

inline SentimentFusion tune_fusion(const FusionSets& sets, int offsets, bool word_weights, bool rule_guard,
                                   bool prefer_rules = true) {
  const int range = offsets == 5 ? 4 : offsets ? 3 : 0;
  const float step = offsets == 5 ? 4.f : 2.f;  // offsets 5: quarter steps
  std::vector<std::pair<SentimentFusion, float>> scored;
  for (const uint8_t scope : rule_guard ? g_guard_scopes : std::vector<uint8_t>{g_guard_scopes.front()})
  for (int d = 0; d <= 6; ++d)  // rules_decide_at: never, 0.9, 0.8, ..., 0.4
    for (int wv = 0; wv <= (word_weights ? 2 : 0); ++wv)
      for (int g = 0; g <= 12; ++g)
        for (int a = -range; a <= range; ++a)
          for (int b = -range; b <= range; ++b) {
            if (offsets == 1 && a != b) continue;
            if (((offsets == 3 || offsets == 5) && b != 0) || (offsets == 4 && a != 0)) continue;
            SentimentFusion f;
            f.negative_offset = a / step, f.positive_offset = b / step, f.lexicon_weight = g / 2.f;
            f.word_weight = static_cast<float>(wv);
            f.rule_guard = rule_guard;
            f.guard_scope = scope;
            f.cap_scope = g_cap_scope;
            f.rules_decide_at = d == 0 ? 0.f : 1.f - d / 10.f;
            scored.emplace_back(f, fusion_score(sets, f));
          }
  float top = 0.f;
  for (const auto& [f, r] : scored) top = std::max(top, r);
  // Standard error of the score: (2 * support + goemotions) / 3 adds the
  // two sets' binomial variances with weights (2/3)^2 and (1/3)^2.
  size_t n_ge = 0;
  for (const Example& e : *sets.goemotions) n_ge += e.sentiment >= 0;
  const float var = top * (1.f - top);
  const float se = sets.support.empty()
                       ? std::sqrt(var / std::max<size_t>(n_ge, 1))
                       : std::sqrt(4.f / 9.f * var / sets.support.size() + 1.f / 9.f * var / std::max<size_t>(n_ge, 1));
  // Among those within one SE, the most say for the rules: first the most
  // weight on them, then the lowest confidence at which they decide alone;
  // among equals, the higher score.
  const auto say = [](const SentimentFusion& f) {
    return std::make_tuple(f.lexicon_weight + f.word_weight, f.rules_decide_at > 0.f ? 1.f - f.rules_decide_at : 0.f,
                           __builtin_popcount(f.guard_scope));
  };
  const std::pair<SentimentFusion, float>* chosen = nullptr;
  for (const auto& c : scored) {
    if (c.second < top - (prefer_rules ? se : 0.f)) continue;
    if (!chosen || say(c.first) > say(chosen->first) ||
        (say(c.first) == say(chosen->first) && c.second > chosen->second))
      chosen = &c;
  }
  return chosen->first;
}

// k-fold cross-validation of the tuning over the support set (fold = index
// % k): each fold is labelled by a fusion tuned without it. Returns the
// pooled macro recall and per-class recall of those held-out labels: the
// honest in-domain figure of the calibration. `fixed`: in-domain items that
// every fold's tuning also sees (pooled with the support folds), e.g. the
// out-of-fold predictions of the team-labelled turns (rapport_train
// --calibrate-on both).
inline float cross_validated_support_recall(const std::vector<Example>& ge, const Predictions& ge_p,
                                            const std::vector<Example>& support, const Predictions& sp,
                                            int folds, int offsets, bool word_weights, bool rule_guard,
                                            float* per_class, bool prefer_rules = true,
                                            const FusionSets* fixed = nullptr) {
  std::vector<int> predicted(support.size(), kNeutral);
  for (int k = 0; k < folds; ++k) {
    FusionSets s{&ge, &ge_p, {}, {}};
    if (fixed) s.support = fixed->support, s.support_p = fixed->support_p;
    for (size_t i = 0; i < support.size(); ++i)
      if (static_cast<int>(i % folds) != k) s.support.push_back(&support[i]), s.support_p.push_back(&sp.sentiment[i]);
    const SentimentFusion f = tune_fusion(s, offsets, word_weights, rule_guard, prefer_rules);
    for (size_t i = k; i < support.size(); i += folds)
      predicted[i] = fuse_sentiment(sp.sentiment[i].data(), support[i].signal, f).label;
  }
  return macro_recall(support, [&](size_t i) { return predicted[i]; }, per_class);
}

}  // namespace rapport::train

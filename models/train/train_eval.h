// Dev-set metrics and the small calibrations tuned on dev splits only:
// per-label thresholds (28-label macro F1) and sentiment class offsets plus
// the lexicon fusion weight (grouped sentiment macro recall).
#pragma once
#include <array>
#include <cmath>
#include <vector>

#include "model/fusion.h"
#include "train_data.h"

namespace rapport::train {

struct Predictions {
  std::vector<std::array<float, kEmotionCount>> emotions;
  std::vector<std::array<float, 3>> sentiment;
};

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

// Macro recall of a 3-way labelling over examples that have a sentiment
// target, averaged over the classes present in the set.
template <typename LabelOf>
float macro_recall(const std::vector<Example>& set, LabelOf label_of, float* per_class = nullptr) {
  int hit[3] = {0, 0, 0}, count[3] = {0, 0, 0};
  for (size_t i = 0; i < set.size(); ++i) {
    const int y = set[i].sentiment;
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

// Lexicon-only label (VADER convention on the compound score, dense[0]).
inline int lexicon_label(const Example& e) {
  const float c = e.features.dense[0];
  return c >= 0.05f ? kPositive : c <= -0.05f ? kNegative : kNeutral;
}

// Sentiment fusion parameters, tuned on dev. For each lexicon weight on a
// grid the class offsets are searched (when tune_offsets); then the LARGEST
// lexicon weight whose dev macro recall is within one standard error of the
// best is kept. The rules carry over to text unlike the training data, the
// Reddit-trained head less so; dev cannot tell weights within its noise apart,
// so the tie goes to the lexicon.
// offsets: 0 none, 1 one shared offset for both polar classes (a neutral
// bias), 2 one per class.
inline LexiconSignal signal_of(const Example& e) {
  LexiconSignal s;
  s.compound = e.features.dense[0];
  s.strongest_positive = e.features.dense[14];
  s.strongest_negative = e.features.dense[15];
  return s;
}

inline SentimentFusion tune_fusion(const std::vector<Example>& dev, const Predictions& p,
                                   int offsets, bool word_weights) {
  const int range = offsets ? 10 : 0;
  std::vector<std::pair<SentimentFusion, float>> per_weight;
  for (int wv = 0; wv <= (word_weights ? 8 : 0); ++wv)
  for (int g = 0; g <= 16; ++g) {
    SentimentFusion best;
    float best_recall = -1.f;
    for (int a = -range; a <= range; ++a)
      for (int b = -range; b <= range; ++b) {
        if (offsets == 1 && a != b) continue;
        SentimentFusion f;
        f.negative_offset = a / 10.f, f.positive_offset = b / 10.f, f.lexicon_weight = g / 4.f;
        f.word_weight = wv / 2.f;
        const float r = macro_recall(dev, [&](size_t i) {
          return fuse_sentiment(p.sentiment[i].data(), signal_of(dev[i]), f).label;
        });
        if (r > best_recall) best_recall = r, best = f;
      }
    per_weight.emplace_back(best, best_recall);
  }
  float top = 0.f;
  size_t n = 0;
  for (const auto& [f, r] : per_weight) top = std::max(top, r);
  for (const Example& e : dev) n += e.sentiment >= 0;
  const float se = std::sqrt(top * (1.f - top) / std::max<size_t>(n, 1));
  // Among those within one SE, the most weight on the rules in total.
  SentimentFusion chosen = per_weight.front().first;
  for (const auto& [f, r] : per_weight)
    if (r >= top - se && f.lexicon_weight + f.word_weight >= chosen.lexicon_weight + chosen.word_weight)
      chosen = f;
  return chosen;
}

}  // namespace rapport::train

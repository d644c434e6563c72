// The trainer's fusion calibration (models/train/train_eval.h): the in-domain
// items that every cross-validation fold's tuning sees (--calibrate-on both:
// the team-labelled turns' out-of-fold predictions) and the negative offset
// in quarter steps (--tune-offsets 5). The messages carry no rule signal
// (compound 0, no strongest word, no guard), so only the class offsets move
// a label: log p(negative) + offset against log p(neutral).
#include <gtest/gtest.h>

#include "../../models/train/train_eval.h"

namespace rapport::train {
namespace {

struct Items {
  std::vector<Example> examples;
  Predictions p;
  void add(int8_t truth, float p_negative, int copies = 1) {
    for (int i = 0; i < copies; ++i) {
      Example e;
      e.sentiment = truth;
      examples.push_back(e);
      p.sentiment.push_back({p_negative, 1.f - p_negative, 0.f});
    }
  }
  FusionSets sets(const std::vector<Example>& ge, const Predictions& ge_p) const {
    FusionSets s{&ge, &ge_p, {}, {}};
    for (size_t i = 0; i < examples.size(); ++i) s.support.push_back(&examples[i]), s.support_p.push_back(&p.sentiment[i]);
    return s;
  }
};

const std::vector<Example> kNoGoEmotions;
const Predictions kNoGoEmotionsP;

TEST(FusionCalibration, QuarterStepsFindTheNegativeOffsetThatHalfStepsMiss) {
  // Negative messages need an offset above log(0.645 / 0.355) = 0.60; the
  // neutral ones turn negative above log(0.7 / 0.3) = 0.85: only 0.75 fits.
  Items support;
  support.add(kNegative, 0.355f, 5);
  support.add(kNeutral, 0.3f, 5);
  const FusionSets s = support.sets(kNoGoEmotions, kNoGoEmotionsP);
  const SentimentFusion quarter = tune_fusion(s, 5, false, false, false);
  EXPECT_FLOAT_EQ(quarter.negative_offset, 0.75f);
  EXPECT_FLOAT_EQ(quarter.positive_offset, 0.f);
  EXPECT_FLOAT_EQ(support_recall(s.support, s.support_p, quarter), 1.f);
  const SentimentFusion half = tune_fusion(s, 3, false, false, false);
  EXPECT_LT(support_recall(s.support, s.support_p, half), 1.f);
}

TEST(FusionCalibration, CrossValidationTunesEveryFoldWithTheFixedItems) {
  // Support: five negatives that read negative from an offset of 0.5 on.
  Items support;
  support.add(kNegative, 0.4f, 5);
  float by_class[3];
  const float alone = cross_validated_support_recall(kNoGoEmotions, kNoGoEmotionsP, support.examples, support.p, 5,
                                                     3, false, false, by_class, false);
  EXPECT_FLOAT_EQ(alone, 1.f);
  // Fixed items: twenty neutrals that an offset of 0.5 turns negative and
  // one sure negative; pooled, offset 0 is best, so each held-out support
  // negative reads neutral.
  Items fixed;
  fixed.add(kNeutral, 0.45f, 20);
  fixed.add(kNegative, 0.6f);
  const FusionSets fixed_sets = fixed.sets(kNoGoEmotions, kNoGoEmotionsP);
  const float pooled = cross_validated_support_recall(kNoGoEmotions, kNoGoEmotionsP, support.examples, support.p,
                                                      5, 3, false, false, by_class, false, &fixed_sets);
  EXPECT_FLOAT_EQ(pooled, 0.f);
  EXPECT_FLOAT_EQ(by_class[kNegative], 0.f);
}

}  // namespace
}  // namespace rapport::train

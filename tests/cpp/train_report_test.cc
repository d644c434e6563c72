// The trainer's model.json (models/train/train_report.h): `npm run train`
// must give the committed bytes again, so an option that is off writes no
// key of its own (the eleventh pass's cap scope wrote `"ruleCapScope": []`
// into every model after it was withdrawn).
#include <gtest/gtest.h>

#include "../../models/train/train_report.h"

namespace rapport::train {
namespace {

nlohmann::json fusion_of(const Report& r) {
  return meta_json(r, FeatureConfig{}, Hyper{}, 3, true, 1.f)["sentimentFusion"];
}

TEST(TrainReport, FusionWithoutCapScopeWritesNoCapKey) {
  Report r;
  r.fusion.guard_scope = 0b0001;
  const nlohmann::json fusion = fusion_of(r);
  EXPECT_FALSE(fusion.contains("ruleCapScope")) << fusion.dump();
  EXPECT_EQ(fusion["ruleGuardScope"].size(), 1u);
}

TEST(TrainReport, CapScopeInUseIsWrittenByName) {
  Report r;
  r.fusion.cap_scope = 0b1000;
  const nlohmann::json fusion = fusion_of(r);
  ASSERT_TRUE(fusion.contains("ruleCapScope")) << fusion.dump();
  ASSERT_EQ(fusion["ruleCapScope"].size(), 1u);
  EXPECT_EQ(fusion["ruleCapScope"][0], kGuardRuleNames[3]);
}

TEST(TrainReport, SentimentOnlySourcesAreWrittenOnlyWhenUsed) {
  Report r;
  const nlohmann::json off = meta_json(r, FeatureConfig{}, Hyper{}, 3, true, 1.f)["training"];
  EXPECT_FALSE(off.contains("sentimentOnlySources")) << off.dump();
  r.sentiment_sources["xed_en/annotated.tsv"] = {{"weight", 0.3}, {"rows", 23950}};
  const nlohmann::json on = meta_json(r, FeatureConfig{}, Hyper{}, 3, true, 1.f)["training"];
  ASSERT_TRUE(on.contains("sentimentOnlySources")) << on.dump();
  EXPECT_EQ(on["sentimentOnlySources"]["xed_en/annotated.tsv"]["rows"], 23950);
}

}  // namespace
}  // namespace rapport::train

// Model features (wasm/core/model/features.h): hashing, n-gram extraction,
// bounds, and agreement with the ids/dense the trainer recorded in the parity
// fixture, so training-time and run-time features cannot drift apart.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "model/features.h"
#include "model/model_analyzer.h"
#include "text/tokenizer.h"

namespace rapport {
namespace {

TEST(ModelFeatures, HashIsStableAndSeparatesKindsAndSeeds) {
  EXPECT_EQ(feature_hash('w', "refund", 1), feature_hash('w', "refund", 1));
  EXPECT_NE(feature_hash('w', "refund", 1), feature_hash('b', "refund", 1));
  EXPECT_NE(feature_hash('w', "refund", 1), feature_hash('w', "refund", 2));
  EXPECT_NE(feature_hash('w', "refund", 1), feature_hash('w', "refunds", 1));
  // A pinned value: changing the hash silently would orphan the shipped model.
  EXPECT_EQ(feature_hash('w', "refund", 0x52415050), 15278634721858367815ull);
}

TEST(ModelFeatures, CountsUnigramsBigramsAndCharNgrams) {
  FeatureConfig c;
  c.buckets = 1u << 30;  // effectively collision-free for this tiny text
  std::vector<uint32_t> ids;
  extract_sparse_features(tokenize("ab cd"), c, &ids);
  // "ab": unigram + char n-grams of "<ab>" (4 chars: 3-grams "<ab","ab>"; the
  // 4-gram is the whole word and skipped) = 3; "cd" the same = 3; one bigram.
  EXPECT_EQ(ids.size(), 7u);
  c.word_bigrams = false;
  extract_sparse_features(tokenize("ab cd"), c, &ids);
  EXPECT_EQ(ids.size(), 6u);
}

TEST(ModelFeatures, CharNgramsSplitOnCodePointsNotBytes) {
  FeatureConfig c;
  c.buckets = 1u << 30;
  c.word_bigrams = false;
  std::vector<uint32_t> ascii, accented;
  extract_sparse_features(tokenize("cafe"), c, &ascii);
  extract_sparse_features(tokenize("caf\xC3\xA9"), c, &accented);
  EXPECT_EQ(ascii.size(), accented.size());  // same number of characters
}

TEST(ModelFeatures, EmptyTextHasOneMarkerIdAndIdsStayInRange) {
  FeatureConfig c;
  c.buckets = 997;
  std::vector<uint32_t> ids;
  extract_sparse_features(tokenize(""), c, &ids);
  ASSERT_EQ(ids.size(), 1u);
  extract_sparse_features(tokenize("Where is my ORDER #12345?? sooo late 😡 :( http://x.io"), c, &ids);
  for (uint32_t id : ids) EXPECT_LT(id, 997u);
}

TEST(ModelFeatures, HugeTextIsCappedAtMaxIds) {
  FeatureConfig c;
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "word" + std::to_string(i % 97) + " ";
  const ModelFeatures f = model_features_for_text(text, c);
  EXPECT_EQ(f.ids.size(), c.max_ids);
  const ModelFeatures bangs = model_features_for_text(std::string(100000, '!'), c);
  EXPECT_GE(bangs.ids.size(), 1u);
  EXPECT_LE(bangs.ids.size(), c.max_ids);
}

TEST(ModelFeatures, DenseFeaturesAreBoundedAndReadTheLexicon) {
  FeatureConfig c;
  const ModelFeatures bad = model_features_for_text("This is terrible, I HATE it!!!", c);
  const ModelFeatures good = model_features_for_text("Thank you, this is wonderful", c);
  for (float v : bad.dense) EXPECT_TRUE(v >= -1.f && v <= 1.f) << v;
  EXPECT_LT(bad.dense[0], 0.f);   // lexicon compound
  EXPECT_GT(good.dense[0], 0.f);
  EXPECT_GT(bad.dense[12], 0.f);  // exclamation
  EXPECT_GT(bad.dense[11], 0.f);  // all-caps share
}

// Rule prior ids: a lexicon hit's sign and strength, each cue, each clear
// heuristic emotion, repeated rule_prior_weight times after the text's ids.
TEST(ModelFeatures, RulePriorIdsCarryTheLexiconAndAreRepeatedByTheirWeight) {
  FeatureConfig c;
  c.buckets = 1u << 30;
  const ModelFeatures plain = model_features_for_text("I am furious", c);
  c.rule_prior_weight = 2;
  const ModelFeatures priors = model_features_for_text("I am furious", c);
  ASSERT_GT(priors.ids.size(), plain.ids.size());
  EXPECT_TRUE(std::equal(plain.ids.begin(), plain.ids.end(), priors.ids.begin()));
  const std::vector<uint32_t> added(priors.ids.begin() + plain.ids.size(), priors.ids.end());
  ASSERT_EQ(added.size() % 2, 0u);
  const size_t half = added.size() / 2;
  EXPECT_TRUE(std::equal(added.begin(), added.begin() + half, added.begin() + half));  // two copies
  const auto id = [&](char kind, const char* text) {
    return static_cast<uint32_t>(feature_hash(kind, text, c.seed) % c.buckets);
  };
  const std::set<uint32_t> once(added.begin(), added.begin() + half);
  EXPECT_EQ(once, (std::set<uint32_t>{id('v', "n3"), id('e', "anger")}));  // "furious" -2.7, anger trigger

  const ModelFeatures cue = model_features_for_text("I want to cancel my subscription", c);
  EXPECT_NE(std::find(cue.ids.begin(), cue.ids.end(), id('r', "cue:churn_risk")), cue.ids.end());
  const ModelFeatures neutral = model_features_for_text("The box is on the table", c);
  c.rule_prior_weight = 0;
  EXPECT_EQ(neutral.ids, model_features_for_text("The box is on the table", c).ids);  // no rule fired
}

TEST(ModelFeatures, ModelJsonRejectsAnOutOfRangePriorWeight) {
  std::ifstream meta_in(std::string(RAPPORT_SOURCE_DIR) + "/models/model.json");
  std::stringstream ss;
  ss << meta_in.rdbuf();
  nlohmann::json meta = nlohmann::json::parse(ss.str());
  meta["features"]["rulePriorWeight"] = 99;
  ModelConfig config;
  std::string error;
  EXPECT_FALSE(parse_model_config(meta.dump(), &config, &error));
  EXPECT_NE(error.find("rulePriorWeight"), std::string::npos) << error;
}

// The ids and dense features the trainer recorded must be what the core
// computes now. If this fails, the tokenizer, lexicon or cues changed since
// the model was trained: retrain with `npm run train -- <data dir>`.
TEST(ModelFeatures, MatchTheParityFixtureRecordedAtTraining) {
  std::ifstream in(std::string(RAPPORT_FIXTURES_DIR) + "/golden/model_parity.json");
  ASSERT_TRUE(in) << "tests/fixtures/golden/model_parity.json is missing";
  std::stringstream ss;
  ss << in.rdbuf();
  const nlohmann::json fixture = nlohmann::json::parse(ss.str(), nullptr, false);
  ASSERT_FALSE(fixture.is_discarded());
  // Hashing parameters as shipped (models/model.json), as the engine uses them.
  std::ifstream meta_in(std::string(RAPPORT_SOURCE_DIR) + "/models/model.json");
  std::stringstream meta;
  meta << meta_in.rdbuf();
  ModelConfig config;
  std::string error;
  ASSERT_TRUE(parse_model_config(meta.str(), &config, &error)) << error;
  const FeatureConfig& c = config.features;
  ASSERT_EQ(c.buckets, fixture.at("buckets").get<uint32_t>());
  ASSERT_GE(fixture.at("cases").size(), 10u);
  for (const auto& tc : fixture.at("cases")) {
    const std::string text = tc.at("text").get<std::string>();
    const ModelFeatures f = model_features_for_text(text, c);
    EXPECT_EQ(f.ids, tc.at("ids").get<std::vector<uint32_t>>()) << "ids of: " << text;
    const auto dense = tc.at("dense").get<std::vector<float>>();
    ASSERT_EQ(dense.size(), static_cast<size_t>(kDenseFeatureCount));
    for (int k = 0; k < kDenseFeatureCount; ++k)
      EXPECT_NEAR(f.dense[k], dense[k], 1e-6) << kDenseFeatureNames[k] << " of: " << text;
  }
}

}  // namespace
}  // namespace rapport

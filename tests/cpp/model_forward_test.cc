// The C++ reference forward pass, the weight dump format, and the fusion
// stage (thresholds, sentiment fusion, emotion groups, model.json parsing).
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "model/fusion.h"
#include "model/model_analyzer.h"
#include "model/model_weights.h"

namespace rapport {
namespace {

// 4 buckets, dim 2, 1 dense feature, hidden 2, 2 emotions, 3 sentiments.
ModelWeights tiny() {
  ModelWeights w;
  w.shape = {4, 2, 1, 2, 2, 3};
  w.embedding_q = {10, -20, 127, 0, 0, 0, -127, 127};
  w.embedding_scale = {0.1f, 0.01f, 1.f, 0.02f};
  w.w1 = {1, 0, 0,  0, 1, 1};  // h0 = bag0, h1 = bag1 + dense0
  w.b1 = {0, 0};
  w.w_emo = {1, 0, 0, 1};
  w.b_emo = {0, -1};
  w.w_sent = {1, 0, 0, 0, 0, 1};
  w.b_sent = {0, 0, 0};
  return w;
}

TEST(ModelForward, MatchesAHandComputation) {
  const ModelWeights w = tiny();
  ModelOutput out;
  const float dense[1] = {0.5f};
  model_forward(w, {0, 1}, dense, &out);
  // bag = mean(row0, row1) = mean((1, -2), (1.27, 0)) = (1.135, -1)
  // h = relu(1.135, -1 + 0.5) = (1.135, 0)
  ASSERT_EQ(out.emotions.size(), 2u);
  EXPECT_NEAR(out.emotions[0], 1 / (1 + std::exp(-1.135f)), 1e-6);
  EXPECT_NEAR(out.emotions[1], 1 / (1 + std::exp(1.f)), 1e-6);
  const float z = std::exp(1.135f) + 1 + 1;
  EXPECT_NEAR(out.sentiment[0], std::exp(1.135f) / z, 1e-6);
  EXPECT_NEAR(out.sentiment[1] + out.sentiment[2], 2 / z, 1e-6);
}

TEST(ModelForward, DumpRoundTripsAndRejectsDamage) {
  const ModelWeights w = tiny();
  const std::string bytes = serialize_model_weights(w);
  ModelWeights back;
  std::string error;
  ASSERT_TRUE(parse_model_weights(bytes, &back, &error)) << error;
  EXPECT_EQ(back.embedding_q, w.embedding_q);
  EXPECT_EQ(back.w_sent, w.w_sent);
  EXPECT_FALSE(parse_model_weights(bytes.substr(0, bytes.size() - 1), &back, &error));
  EXPECT_EQ(error, "weight dump is truncated");
  EXPECT_FALSE(parse_model_weights(bytes + "x", &back, &error));
  EXPECT_EQ(error, "trailing bytes after weight dump");
  EXPECT_FALSE(parse_model_weights("garbage", &back, &error));
  EXPECT_EQ(error, "not a Rapport weight dump (missing RPW1 header)");
}

TEST(ModelForward, EnsembleAveragesItsMembersOutputs) {
  ModelWeights a = tiny(), b = tiny();
  b.b_emo = {2, 0};
  b.b_sent = {0, 1, 0};
  const float dense[1] = {0.5f};
  ModelOutput oa, ob, oe;
  model_forward(a, {0, 1}, dense, &oa);
  model_forward(b, {0, 1}, dense, &ob);
  ensemble_forward({a, b}, {0, 1}, dense, &oe);
  for (size_t i = 0; i < oe.emotions.size(); ++i) EXPECT_NEAR(oe.emotions[i], (oa.emotions[i] + ob.emotions[i]) / 2, 1e-7);
  float total = 0;
  for (size_t i = 0; i < oe.sentiment.size(); ++i) {
    EXPECT_NEAR(oe.sentiment[i], (oa.sentiment[i] + ob.sentiment[i]) / 2, 1e-7);
    total += oe.sentiment[i];
  }
  EXPECT_NEAR(total, 1.f, 1e-6);
  EXPECT_NE(oe.emotions[0], oa.emotions[0]);  // b's bias moved it: the members differ
  ensemble_forward({a}, {0, 1}, dense, &oe);
  EXPECT_EQ(oe.sentiment, oa.sentiment);
}

TEST(ModelForward, EnsembleDumpRoundTripsAndOneMemberIsAPlainDump) {
  ModelWeights a = tiny(), b = tiny();
  b.w_sent[0] = 3.f;
  std::vector<ModelWeights> back;
  std::string error;
  EXPECT_EQ(serialize_model_ensemble({a}), serialize_model_weights(a));
  ASSERT_TRUE(parse_model_ensemble(serialize_model_weights(a), &back, &error)) << error;
  ASSERT_EQ(back.size(), 1u);
  const std::string bytes = serialize_model_ensemble({a, b});
  EXPECT_EQ(bytes.substr(0, 4), "RPE1");
  ASSERT_TRUE(parse_model_ensemble(bytes, &back, &error)) << error;
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].w_sent, a.w_sent);
  EXPECT_EQ(back[1].w_sent, b.w_sent);
  EXPECT_FALSE(parse_model_ensemble(bytes.substr(0, bytes.size() - 1), &back, &error));
  EXPECT_EQ(error, "weight dump is truncated");
  EXPECT_FALSE(parse_model_ensemble(bytes + "x", &back, &error));
  EXPECT_EQ(error, "trailing bytes after weight dump");
  ModelWeights c = tiny();
  c.shape.hidden = 1, c.w1.resize(3), c.b1.resize(1), c.w_emo.resize(2), c.w_sent.resize(3);
  EXPECT_FALSE(parse_model_ensemble(serialize_model_ensemble({a, c}), &back, &error));
  EXPECT_EQ(error, "ensemble members differ in shape");
}

TEST(ModelFusion, LabelAndScoreNeverContradict) {
  const SentimentFusion none;
  const float pos[3] = {0.1f, 0.3f, 0.6f}, neu[3] = {0.3f, 0.45f, 0.25f}, neg[3] = {0.5f, 0.2f, 0.3f};
  FusedSentiment f = fuse_sentiment(pos, 0.f, none);
  EXPECT_EQ(f.label, 2);
  EXPECT_GE(f.score, 0.05f);
  f = fuse_sentiment(neu, 0.f, none);
  EXPECT_EQ(f.label, 1);
  EXPECT_LT(std::fabs(f.score), 0.05f);
  f = fuse_sentiment(neg, 0.f, none);
  EXPECT_EQ(f.label, 0);
  EXPECT_LE(f.score, -0.05f);
  // A strongly positive lexicon compound moves a close call toward positive.
  SentimentFusion lex;
  lex.lexicon_weight = 2.f;
  EXPECT_EQ(fuse_sentiment(neu, 0.9f, lex).label, 2);
}

// The rules' signal as the fusion tests need it: a compound, and the
// structural rules that shaped it (guard: their direction, -1 or +1).
LexiconSignal rules_said(float compound, int guard = 0, uint8_t guard_rules = 0) {
  LexiconSignal s;
  s.compound = compound;
  s.guard = guard;
  s.guard_rules = guard_rules;
  return s;
}

// The rule guard (issue 9): a bag of words reads "not bad" as "bad"; when
// the rules' verdict rests on negation, contrast or sarcasm, the rules'
// label and score stand, however sure the model is. So do they when the
// rules are at least rules_decide_at sure.
TEST(ModelFusion, RuleGuardKeepsWhatNegationDecided) {
  SentimentFusion f;
  f.rule_guard = true;
  const float confident_negative[3] = {0.95f, 0.04f, 0.01f};
  const LexiconSignal not_bad = rules_said(0.14f, 1, kRuleNegated);
  FusedSentiment out = fuse_sentiment(confident_negative, not_bad, f);
  EXPECT_TRUE(out.rules_decided);
  EXPECT_EQ(out.label, 2);
  EXPECT_FLOAT_EQ(out.score, 0.14f);
  const float confident_positive[3] = {0.01f, 0.04f, 0.95f};
  const LexiconSignal not_happy = rules_said(-0.4f, -1, kRuleNegated);
  EXPECT_EQ(fuse_sentiment(confident_positive, not_happy, f).label, 0);
  // No rule fired, or the guard is off: the model and the weights decide.
  const LexiconSignal plain = rules_said(0.14f);
  EXPECT_FALSE(fuse_sentiment(confident_negative, plain, f).rules_decided);
  EXPECT_EQ(fuse_sentiment(confident_negative, plain, f).label, 0);
  f.rule_guard = false;
  EXPECT_EQ(fuse_sentiment(confident_negative, not_bad, f).label, 0);
  // Confident rules decide alone when rules_decide_at says so.
  f.rules_decide_at = 0.5f;
  LexiconSignal furious = rules_said(-0.61f);
  const float confident_neutral[3] = {0.05f, 0.9f, 0.05f};
  EXPECT_EQ(fuse_sentiment(confident_neutral, furious, f).label, 0);
  furious.compound = -0.45f;
  EXPECT_EQ(fuse_sentiment(confident_neutral, furious, f).label, 1);
}

// The guard's scope (model.json "ruleGuardScope"): only the rules named
// there keep their verdict; a contrast outside the scope leaves the message
// to the model and the weights.
TEST(ModelFusion, RuleGuardKeepsOnlyTheRulesInItsScope) {
  SentimentFusion f;
  f.rule_guard = true;
  f.guard_scope = kRuleNegated | kRuleSarcasm;
  const float confident_neutral[3] = {0.05f, 0.9f, 0.05f};
  LexiconSignal contrast = rules_said(-0.3f, -1, kRuleContrast);
  EXPECT_FALSE(fuse_sentiment(confident_neutral, contrast, f).rules_decided);
  EXPECT_EQ(fuse_sentiment(confident_neutral, contrast, f).label, 1);
  contrast.guard_rules = kRuleContrast | kRuleSarcasm;  // "thanks for ..., but"
  EXPECT_EQ(fuse_sentiment(confident_neutral, contrast, f).label, 0);
  f.guard_scope = kRuleNegated | kRuleContrast | kRuleSarcasm | kRuleCourtesy;  // the default
  contrast.guard_rules = kRuleContrast;
  EXPECT_EQ(fuse_sentiment(confident_neutral, contrast, f).label, 0);
  EXPECT_EQ(SentimentFusion{}.guard_scope, f.guard_scope);
}

// The cap scope (model.json "ruleCapScope"): where the rules read the message
// negative through a capped rule ("Thanks for the reply but the app still
// crashes": a contrast), the model may not make it positive; it does not make
// the message negative either: the model's neutral stands. Outside the cap the
// model's "positive" would stand. A positive rules' reading caps nothing: "...
// but please help" reads positive to the rules, and the model is right to
// disagree.
TEST(ModelFusion, CapScopeRulesOutPositiveWhereTheRulesReadNegative) {
  SentimentFusion f;
  f.rule_guard = true;
  f.guard_scope = kRuleNegated | kRuleSarcasm;
  const float reads_thanks_as_praise[3] = {0.1f, 0.35f, 0.55f};
  LexiconSignal courtesy = rules_said(-0.2f, -1, kRuleCourtesy);
  EXPECT_EQ(fuse_sentiment(reads_thanks_as_praise, courtesy, f).label, 2);
  f.cap_scope = kRuleCourtesy;
  const FusedSentiment capped = fuse_sentiment(reads_thanks_as_praise, courtesy, f);
  EXPECT_FALSE(capped.rules_decided);
  EXPECT_EQ(capped.label, 1);
  EXPECT_EQ(capped.probs[2], 0.f);
  EXPECT_NEAR(capped.probs[0] + capped.probs[1], 1.f, 1e-6f);
  courtesy.guard = 1;  // a positive sum: no cap, the model's negative stands
  const float leans_negative[3] = {0.6f, 0.3f, 0.1f};
  EXPECT_EQ(fuse_sentiment(leans_negative, courtesy, f).label, 0);
  f.guard_scope |= kRuleCourtesy;  // in both scopes: the rules decide
  EXPECT_TRUE(fuse_sentiment(leans_negative, courtesy, f).rules_decided);
}

TEST(ModelFusion, ModelJsonNamesTheGuardScope) {
  const std::string thresholds = [] {
    std::string t = "{";
    for (int k = 0; k < kEmotionCount; ++k) t += std::string(k ? "," : "") + "\"" + kEmotionNames[k] + "\":0.5";
    return t + "}";
  }();
  const auto parse = [&](const std::string& fusion, ModelCalibration* c, std::string* error) {
    return parse_model_calibration("{\"thresholds\":" + thresholds + ",\"sentimentFusion\":" + fusion + "}", c, error);
  };
  ModelCalibration c;
  std::string error;
  ASSERT_TRUE(parse(R"({"ruleGuard":true})", &c, &error)) << error;
  EXPECT_EQ(c.sentiment.guard_scope, kRuleNegated | kRuleContrast | kRuleSarcasm | kRuleCourtesy);
  ASSERT_TRUE(parse(R"({"ruleGuard":true,"ruleGuardScope":["negated","sarcasm"]})", &c, &error)) << error;
  EXPECT_EQ(c.sentiment.guard_scope, kRuleNegated | kRuleSarcasm);
  EXPECT_FALSE(parse(R"({"ruleGuardScope":["negation"]})", &c, &error));
  EXPECT_EQ(error, "model.json: unknown rule in \"ruleGuardScope\": \"negation\"");
  EXPECT_FALSE(parse(R"({"ruleGuardScope":"negated"})", &c, &error));
  EXPECT_EQ(c.sentiment.cap_scope, 0);
  ASSERT_TRUE(parse(R"({"ruleGuardScope":["negated","sarcasm"],"ruleCapScope":["courtesy"]})", &c, &error)) << error;
  EXPECT_EQ(c.sentiment.cap_scope, kRuleCourtesy);
  EXPECT_FALSE(parse(R"({"ruleCapScope":["thanks"]})", &c, &error));
  EXPECT_EQ(error, "model.json: unknown rule in \"ruleCapScope\": \"thanks\"");
}

TEST(ModelFusion, LexiconSignalSetsTheGuardFromRuleFlags) {
  Assessment a;
  Evidence negated;
  negated.weight = 0.75f;
  negated.source = "lexicon";
  negated.rules = kRuleNegated;
  a.evidence.push_back(negated);
  EXPECT_EQ(lexicon_signal(a).guard, 1);
  EXPECT_EQ(lexicon_signal(a).guard_rules, kRuleNegated);
  Evidence cue;
  cue.weight = -0.9f;  // cue evidence is not sentiment: ignored
  cue.source = "cue:urgency";
  a.evidence.push_back(cue);
  EXPECT_EQ(lexicon_signal(a).guard, 1);
  Evidence plain;
  plain.weight = -2.f;
  plain.source = "lexicon";
  a.evidence.push_back(plain);
  EXPECT_EQ(lexicon_signal(a).guard, -1);  // the rules' items now sum below zero
  a.evidence.erase(a.evidence.begin());
  EXPECT_EQ(lexicon_signal(a).guard, 0);  // no negation/contrast/sarcasm: no guard
}

TEST(ModelFusion, ApplySetsSourceGroupsAndThresholds) {
  Assessment a;
  float emo[kEmotionCount] = {};
  emo[2] = 0.7f;    // anger -> angry
  emo[15] = 0.2f;   // gratitude -> grateful, under its threshold
  const float sent[3] = {0.8f, 0.15f, 0.05f};
  ModelCalibration c;
  c.thresholds[15] = 0.3f;
  const ModelExtras x = apply_model_outputs(&a, emo, sent, c);
  EXPECT_EQ(a.source, "model+lexicon");
  EXPECT_EQ(a.label, "negative");
  EXPECT_FLOAT_EQ(a.emotions[2], 0.7f);
  EXPECT_TRUE(x.detected[2]);
  EXPECT_FALSE(x.detected[15]);
  EXPECT_EQ(std::string(kEmotionGroupNames[x.primary_group]), "angry");
  EXPECT_FLOAT_EQ(x.groups[6], 0.2f);  // grateful

  std::string json = "{\"source\":\"model+lexicon\"}";
  append_model_fields_json(json, x, emo);
  const nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << json;
  EXPECT_EQ(j["emotionGroups"].size(), static_cast<size_t>(kEmotionGroupCount));
  EXPECT_EQ(j["detectedEmotions"], nlohmann::json::array({"anger"}));
  EXPECT_EQ(j["primaryEmotion"], "angry");
}

TEST(ModelConfig, ParsesTheShippedModelJsonAndRejectsBrokenOnes) {
  std::ifstream in(std::string(RAPPORT_SOURCE_DIR) + "/models/model.json");
  ASSERT_TRUE(in) << "models/model.json is missing";
  std::stringstream ss;
  ss << in.rdbuf();
  ModelConfig config;
  std::string error;
  ASSERT_TRUE(parse_model_config(ss.str(), &config, &error)) << error;
  EXPECT_GT(config.features.buckets, 0u);
  for (float t : config.calibration.thresholds) EXPECT_TRUE(t > 0.f && t < 1.f);

  EXPECT_FALSE(parse_model_config("{not json", &config, &error));
  EXPECT_EQ(error, "model.json is not valid JSON");
  EXPECT_FALSE(parse_model_config("{}", &config, &error));
  EXPECT_EQ(error, "model.json has no \"thresholds\" object");
  nlohmann::json j = nlohmann::json::parse(ss.str());
  j["features"]["hash"] = "md5";
  EXPECT_FALSE(parse_model_config(j.dump(), &config, &error));
  EXPECT_EQ(error, "model.json: features.hash is not fnv1a64+splitmix64");
}

}  // namespace
}  // namespace rapport

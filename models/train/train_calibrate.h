// rapport_train's third phase: the trained model's per-label thresholds and
// the sentiment fusion with the rules (train_eval.h, tune_fusion), tuned on
// GoEmotions dev with the in-domain calibration set, and the in-domain
// figures of that fusion (calibrate_fusion, at the end). Header-only, like
// the other trainer helpers (see train_data.h).
#pragma once
#include <algorithm>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "model/fusion.h"
#include "model/model_weights.h"
#include "train_assemble.h"
#include "train_eval.h"
#include "train_options.h"
#include "train_report.h"

namespace rapport::train {

// What the fusion was tuned on, kept for the measurements after it
// (train_measure.h). The FusionSets point into this object and into the
// TrainingSets: neither may move, so this one is filled in place.
struct Calibration {
  Calibration() = default;
  Calibration(const Calibration&) = delete;
  Calibration& operator=(const Calibration&) = delete;

  std::string on;  // --calibrate-on: support, labels or both
  int offsets = 0;  // --tune-offsets
  bool word_weights = false, guard = false, prefer_rules = true;
  Predictions dev_p, support_p;  // the model on GoEmotions dev and on support dev
  // GoEmotions dev with support dev, and with the labelled rows' out-of-fold
  // predictions (--oof-in; none without).
  FusionSets support_sets{}, oof_sets{};
};

// `names` joined by '+' (kGuardRuleNames; "none": no rule) as kRule* bits
// added to `bits`; false, after naming it, on an unknown rule.
inline bool add_rule_bits(const std::string& names, const char* option, uint8_t* bits) {
  std::istringstream list(names == "none" ? "" : names);
  for (std::string name; std::getline(list, name, '+');) {
    if (!rule_bit(name)) {
      std::fprintf(stderr, "rapport_train: %s: unknown rule '%s'\n", option, name.c_str());
      return false;
    }
    *bits |= rule_bit(name);
  }
  return true;
}

// --guard-scopes (e.g. all,negated+sarcasm: the rule guard's scopes tried)
// and --cap-scope (e.g. courtesy: rules that only cap the fused label,
// fusion.h cap_scope) into train_eval.h's g_guard_scopes and g_cap_scope,
// which only the fusion tuning reads. main() calls it before any data is
// read, so a misspelt rule stops the run before the training it would waste.
// Returns the exit code (2 on an unknown rule).
inline int set_rule_scopes(const Options& arg) {
  if (arg.count("guard-scopes")) {
    g_guard_scopes.clear();
    std::istringstream list(arg["guard-scopes"]);
    for (std::string item; std::getline(list, item, ',');) {
      uint8_t scope = 0;
      if (!add_rule_bits(item == "all" ? "negated+contrast+sarcasm+courtesy" : item, "--guard-scopes", &scope))
        return 2;
      g_guard_scopes.push_back(scope);
    }
  }
  if (arg.count("cap-scope") && !add_rule_bits(arg["cap-scope"], "--cap-scope", &g_cap_scope)) return 2;
  return 0;
}

// The labelled rows, out of fold (--oof-in): a hold-out of the fusion unless
// it was tuned on them, and then also cross-validated over them (support dev
// pooled in, for "both").
inline void report_oof_figures(const Options& arg, const TrainingSets& s, const Calibration& c, Report* r) {
  const std::vector<Example>& labels_all = s.labels_all;
  r->labels_oof_rows = labels_all.size();
  r->labels_oof_recall = support_recall(c.oof_sets.support, c.oof_sets.support_p, r->fusion,
                                        r->labels_oof_recall_by_class.data());
  r->labels_oof_recall_lexicon = macro_recall(labels_all, [&](size_t i) { return lexicon_label(labels_all[i]); });
  if (c.on != "support") {
    r->labels_oof_cv_recall = cross_validated_support_recall(
        s.dev, c.dev_p, labels_all, s.labels_oof, std::stoi(arg["cv-folds"]), c.offsets, c.word_weights, c.guard,
        r->labels_oof_cv_recall_by_class.data(), c.prefer_rules, c.on == "both" ? &c.support_sets : nullptr);
  }
  std::fprintf(stderr, "team labels out of fold (%zu, calibrated on %s): fused %.4f (neg %.3f neu %.3f pos %.3f)%s",
               labels_all.size(), c.on.c_str(), r->labels_oof_recall, r->labels_oof_recall_by_class[0],
               r->labels_oof_recall_by_class[1], r->labels_oof_recall_by_class[2],
               c.on == "support" ? " held out" : "");
  if (c.on != "support")
    std::fprintf(stderr, ", CV %.4f (neg %.3f neu %.3f pos %.3f)", r->labels_oof_cv_recall,
                 r->labels_oof_cv_recall_by_class[0], r->labels_oof_cv_recall_by_class[1],
                 r->labels_oof_cv_recall_by_class[2]);
  std::fprintf(stderr, ", lexicon %.4f\n", r->labels_oof_recall_lexicon);
}

// Support dev: the fused figure, its cross-validated one (a hold-out when the
// fusion was tuned on the labelled rows alone) and, by class, the model alone
// (argmax) and the lexicon alone: which side a fused miss comes from.
inline void report_support_figures(const Options& arg, const TrainingSets& s, const Calibration& c, Report* r) {
  const std::vector<Example>& support = s.support;
  r->support_recall = support_recall(c.support_sets.support, c.support_sets.support_p, r->fusion,
                                     r->support_recall_by_class.data());
  r->support_recall_lexicon = macro_recall(support, [&](size_t i) { return lexicon_label(support[i]); });
  r->support_cv_folds = std::stoi(arg["cv-folds"]);
  if (c.on == "labels") {  // support dev was not used: its figure is a hold-out
    r->support_cv_recall = r->support_recall, r->support_cv_recall_by_class = r->support_recall_by_class;
  } else {
    r->support_cv_recall = cross_validated_support_recall(s.dev, c.dev_p, support, c.support_p, r->support_cv_folds,
                                                          c.offsets, c.word_weights, c.guard,
                                                          r->support_cv_recall_by_class.data(), c.prefer_rules,
                                                          c.on == "both" ? &c.oof_sets : nullptr);
  }
  std::fprintf(stderr, "support dev: fused %.4f (neg %.3f neu %.3f pos %.3f), %s %.4f "
               "(neg %.3f neu %.3f pos %.3f), lexicon %.4f\n", r->support_recall, r->support_recall_by_class[0],
               r->support_recall_by_class[1], r->support_recall_by_class[2],
               c.on == "labels" ? "held out" : (std::to_string(r->support_cv_folds) + "-fold CV").c_str(),
               r->support_cv_recall,
               r->support_cv_recall_by_class[0], r->support_cv_recall_by_class[1], r->support_cv_recall_by_class[2],
               r->support_recall_lexicon);
  float mc[3] = {}, lc[3] = {};
  const float model_only = macro_recall(support, [&](size_t i) {
    const auto& q = c.support_p.sentiment[i];
    return static_cast<int8_t>(std::max_element(q.begin(), q.end()) - q.begin());
  }, mc);
  macro_recall(support, [&](size_t i) { return lexicon_label(support[i]); }, lc);
  std::fprintf(stderr, "support dev by side: model argmax %.4f (neg %.3f neu %.3f pos %.3f), lexicon "
               "(neg %.3f neu %.3f pos %.3f)\n", model_only, mc[0], mc[1], mc[2], lc[0], lc[1], lc[2]);
}

// The whole phase: thresholds on GoEmotions dev, then the fusion tuned on
// GoEmotions dev with the in-domain calibration set: support dev (default),
// the labelled rows' out-of-fold predictions (support dev is then a true
// hold-out), or both pooled; then its in-domain figures. Returns the exit code.
inline int calibrate_fusion(const Options& arg, const TrainingSets& s, const std::vector<ModelWeights>& best,
                            Calibration* c, Report* r) {
  c->dev_p = predict(best, s.dev);
  r->thresholds = tune_thresholds(s.dev, c->dev_p);
  c->on = arg["calibrate-on"];
  c->offsets = std::stoi(arg["tune-offsets"]);
  c->word_weights = arg["word-weight"] == "1", c->guard = arg["rule-guard"] == "1";
  c->support_p = predict(best, s.support);
  FusionSets sets{&s.dev, &c->dev_p, {}, {}};
  c->support_sets = sets, c->oof_sets = sets;
  for (size_t i = 0; i < s.support.size(); ++i)
    c->support_sets.support.push_back(&s.support[i]), c->support_sets.support_p.push_back(&c->support_p.sentiment[i]);
  for (size_t i = 0; i < s.labels_all.size(); ++i)
    c->oof_sets.support.push_back(&s.labels_all[i]), c->oof_sets.support_p.push_back(&s.labels_oof.sentiment[i]);
  if (c->on != "labels") sets = c->support_sets;
  if (c->on != "support")
    for (size_t i = 0; i < c->oof_sets.support.size(); ++i)
      sets.support.push_back(c->oof_sets.support[i]), sets.support_p.push_back(c->oof_sets.support_p[i]);
  c->prefer_rules = arg["fusion-choice"] != "best";
  r->fusion = tune_fusion(sets, c->offsets, c->word_weights, c->guard, c->prefer_rules);
  r->calibrate_on = c->on;
  if (s.oof) report_oof_figures(arg, s, *c, r);
  if (!s.support.empty()) report_support_figures(arg, s, *c, r);
  std::fprintf(stderr, "fusion: lexicon weight %.2f, word weight %.2f, offsets neg %.2f pos %.2f, guard %d scope %d, rules decide at %.2f\n",
               r->fusion.lexicon_weight, r->fusion.word_weight, r->fusion.negative_offset, r->fusion.positive_offset,
               r->fusion.rule_guard, r->fusion.guard_scope, r->fusion.rules_decide_at);
  return 0;
}

}  // namespace rapport::train

// rapport_train's fourth phase: the calibrated model measured on every set
// it reports (GoEmotions dev, Bitext dev, TweetEval val, held-out team
// labels), the lexicon alone beside it, and the development aids (--sweep,
// --oof-out, --dump) (measure_model, at the end). Header-only, like the other
// trainer helpers (see train_data.h).
#pragma once
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/analyzer.h"
#include "model/fusion.h"
#include "model/model_weights.h"
#include "train_assemble.h"
#include "train_calibrate.h"
#include "train_eval.h"
#include "train_labels.h"
#include "train_options.h"
#include "train_report.h"

namespace rapport::train {

// --sweep (development aid): how the lexicon weight trades off, on support
// dev, GoEmotions dev and TweetEval, around the tuned fusion.
inline void print_fusion_sweep(const TrainingSets& s, const Predictions& pt, const Calibration& c, const Report& r) {
  for (const float decide : {0.f, 0.4f, 0.6f})
    for (const float ww : {0.f, 2.f})
      for (int g = 0; g <= 8; g += 2) {
        SentimentFusion f = r.fusion;
        f.lexicon_weight = g / 2.f, f.word_weight = ww, f.rules_decide_at = decide;
        float by_class[3] = {0, 0, 0};
        const float sr =
            s.support.empty() ? 0.f : support_recall(c.support_sets.support, c.support_sets.support_p, f, by_class);
        std::fprintf(stderr, "decide %.1f word %.0f lexicon %.1f: support %.4f (neg %.3f neu %.3f pos %.1f) "
                     "goemotions %.4f tweeteval %.4f\n", decide, ww, f.lexicon_weight, sr, by_class[0],
                     by_class[1], by_class[2], fused_recall(s.dev, c.dev_p, f), fused_recall(s.tweeteval, pt, f));
      }
}

// The lexicon path alone on GoEmotions dev: its sentiment recall and its own
// (heuristic) emotions, with thresholds tuned the same way as the model's.
inline void measure_lexicon(const std::vector<Example>& dev, Report* r) {
  r->sentiment_recall_lexicon = macro_recall(dev, [&](size_t i) { return lexicon_label(dev[i]); });
  Predictions lex;
  for (const Example& e : dev) {
    lex.emotions.push_back(analyze_message(e.text).assessment.emotions);
    lex.sentiment.push_back({0.f, 1.f, 0.f});
  }
  r->macro_f1_lexicon = macro_f1(dev, lex, tune_thresholds(dev, lex));
}

// Fused and lexicon macro recall of `set` (model predictions `p`), each with
// its recall by class.
struct SetRecall {
  float fused = 0, lexicon = 0;
  float fused_by_class[3] = {}, lexicon_by_class[3] = {};
};

inline SetRecall recall_by_class(const std::vector<Example>& set, const Predictions& p,
                                 const SentimentFusion& fusion) {
  SetRecall out;
  out.fused = fused_recall(set, p, fusion, out.fused_by_class);
  out.lexicon = macro_recall(set, [&](size_t i) { return lexicon_label(set[i]); }, out.lexicon_by_class);
  return out;
}

// --dump FILE (development aid): per-message model and rule signals of
// support dev, GoEmotions dev, TweetEval and the out-of-fold labelled rows,
// one JSON object a line, for offline study.
inline void dump_signals(const std::string& path, const TrainingSets& s, const Predictions& tweeteval_p,
                         const Calibration& c) {
  std::ofstream d(path);
  const auto dump = [&](const char* set_name, const std::vector<Example>& set, const Predictions& pp) {
    for (size_t i = 0; i < set.size(); ++i) {
      nlohmann::json j;
      j["set"] = set_name, j["y"] = set[i].sentiment, j["text"] = set[i].text;
      j["p"] = pp.sentiment[i], j["dense"] = set[i].features.dense;
      // Out-of-fold predictions (--oof-in) carry sentiment only: no emotions to write.
      if (i < pp.emotions.size()) j["emo"] = pp.emotions[i];
      j["guard"] = set[i].signal.guard, j["sp"] = set[i].signal.strongest_positive;
      j["sn"] = set[i].signal.strongest_negative, j["gr"] = set[i].signal.guard_rules;
      d << j.dump() << "\n";
    }
  };
  dump("support", s.support, c.support_p);
  dump("goemotions", s.dev, c.dev_p);
  dump("tweeteval", s.tweeteval, tweeteval_p);
  if (s.oof) dump("labels-oof", s.labels_all, s.labels_oof);
}

// The whole phase, ending with the summary line (its time is the whole run's).
// TweetEval and the held-out rows are predicted once, for every use below.
inline void measure_model(const Options& arg, const TrainingSets& s, const std::vector<ModelWeights>& best,
                          const Calibration& c, double t0, Report* r) {
  r->macro_f1 = macro_f1(s.dev, c.dev_p, r->thresholds, &r->per_label_f1);
  r->sentiment_recall = fused_recall(s.dev, c.dev_p, r->fusion);
  const Predictions tweeteval_p = predict(best, s.tweeteval), heldout_p = predict(best, s.labels_heldout);
  if (arg.count("sweep")) print_fusion_sweep(s, tweeteval_p, c, *r);
  measure_lexicon(s.dev, r);
  r->bitext_recall = fused_recall(s.bitext_dev, predict(best, s.bitext_dev), r->fusion);
  if (!s.tweeteval.empty()) {
    const SetRecall t = recall_by_class(s.tweeteval, tweeteval_p, r->fusion);
    r->tweeteval_recall = t.fused;
    const float* pc = t.fused_by_class;
    std::fprintf(stderr, "tweeteval recall by class: neg %.3f neu %.3f pos %.3f\n", pc[0], pc[1], pc[2]);
    r->tweeteval_recall_lexicon = t.lexicon;
  }
  if (!s.labels_heldout.empty()) {  // --labels-folds: the held-out team-labelled turns
    const SetRecall h = recall_by_class(s.labels_heldout, heldout_p, r->fusion);
    const float *pc = h.fused_by_class, *lc = h.lexicon_by_class;
    std::fprintf(stderr, "held-out team labels (%zu): fused %.4f (neg %.3f neu %.3f pos %.3f), lexicon %.4f "
                 "(neg %.3f neu %.3f pos %.3f)\n", s.labels_heldout.size(), h.fused, pc[0], pc[1], pc[2], h.lexicon,
                 lc[0], lc[1], lc[2]);
  }
  if (arg.count("oof-out")) {  // --labels-folds K --labels-fold k: the held-out rows' probabilities
    std::ofstream o(arg["oof-out"]);
    for (size_t i = 0; i < s.labels_heldout.size(); ++i)
      o << oof_line(s.labels_heldout_index[i], s.labels_heldout_id[i], heldout_p.sentiment[i]);
  }
  if (arg.count("dump")) dump_signals(arg["dump"], s, tweeteval_p, c);
  r->seconds = now_s() - t0;
  r->train_rows = s.train.size();
  std::fprintf(stderr,
               "best epoch %d: dev macro-F1 %.4f (lexicon %.4f), grouped sentiment recall %.4f (lexicon %.4f), "
               "bitext dev recall %.4f, tweeteval val recall %.4f (lexicon %.4f), %.0fs\n",
               r->best_epoch, r->macro_f1, r->macro_f1_lexicon, r->sentiment_recall, r->sentiment_recall_lexicon,
               r->bitext_recall, r->tweeteval_recall, r->tweeteval_recall_lexicon, r->seconds);
}

}  // namespace rapport::train

// rapport_train: trains the emotion + sentiment classifier shipped in models/.
//
//   rapport_train --data ../shared/data --out build/model [--fixture FILE]
//                 [--epochs 10] [--buckets 65536] [--dim 64] [--hidden 128] [--seed 1]
//
// Features come from the core (model/features.h), exactly what inference uses.
// Model selection, thresholds and fusion are tuned on GoEmotions dev only;
// TweetEval sentiment val is only measured. Single-threaded, seeded: the same
// inputs give the same bytes. Writes model.weights.bin (read by
// models/train/export_onnx.py), model.meta.json, and optionally the parity fixture.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>

#include "analysis/analyzer.h"
#include "model/fusion.h"
#include "model/model_weights.h"
#include "train_assemble.h"
#include "train_data.h"
#include "train_labels.h"
#include "train_eval.h"
#include "train_label_model.h"
#include "train_model.h"
#include "train_options.h"
#include "train_pretrained.h"
#include "train_report.h"
#include "train_weak.h"

using namespace rapport;
using namespace rapport::train;

int main(int argc, char** argv) {
  Options arg;
  if (!parse_options(argc, argv, &arg)) return 2;
  const std::string out = arg["out"];
  const double t0 = now_s();
  Report r;
  TrainingSets rows;
  FeatureConfig fc;
  if (const int rc = assemble_training_rows(arg, t0, &rows, &fc, &r)) return rc;
  // The names the phases below still use (they move out next).
  std::vector<Example>&train = rows.train, &dev = rows.dev, &bitext_dev = rows.bitext_dev, &tweeteval = rows.tweeteval,
                       &support = rows.support, &labels_heldout = rows.labels_heldout, &labels_all = rows.labels_all;
  const std::vector<size_t>& labels_heldout_index = rows.labels_heldout_index;
  const std::vector<std::string>& labels_heldout_id = rows.labels_heldout_id;
  const Predictions& p_oof = rows.labels_oof;
  const bool oof = rows.oof;
  const std::string calibrate_on = arg["calibrate-on"];
  std::string error;

  Hyper h;
  h.dim = std::stoul(arg["dim"]), h.hidden = std::stoul(arg["hidden"]);
  h.seed = std::stoull(arg["seed"]);
  h.lr = std::stof(arg["lr"]), h.lr_embedding = std::stof(arg["lr-emb"]);
  h.sentiment_weight = std::stof(arg["sentiment-weight"]);
  h.bag_dropout = std::stof(arg["bag-dropout"]);
  // --pooling attention|max: a second pooling of the same ids beside the mean
  // (train_pool.h); the engine's inputs stay the same.
  const std::string pooling = arg.count("pooling") ? arg["pooling"] : "mean";
  h.pooling = pooling == "attention" ? kPoolAttention : pooling == "max" ? kPoolMax : kPoolMean;
  if (pooling != "mean" && h.pooling == kPoolMean) {
    std::fprintf(stderr, "rapport_train: --pooling mean|attention|max\n");
    return 2;
  }
  const int epochs = std::stoi(arg["epochs"]);
  if (arg["balance"] == "1") {
    double count[3] = {0, 0, 0}, total = 0;
    for (const Example& e : train)
      if (e.sentiment >= 0) ++count[e.sentiment], ++total;
    for (int c = 0; c < 3; ++c) h.class_weight[c] = count[c] ? static_cast<float>(total / (3 * count[c])) : 1.f;
  }
  // --ensemble K: K models trained alike with seeds seed, seed + 1000, ...;
  // the shipped graph averages their outputs. --average swa|ema: each member's
  // weights are averaged from the start of epoch --average-start on (a
  // snapshot every --average-every rows; ema: decay --ema-decay per
  // snapshot), and the averaged weights are the epoch's candidate.
  const int members = std::stoi(arg["ensemble"]);
  const std::string averaging = arg["average"];
  if (members < 1 || members > 8 || (averaging != "none" && averaging != "swa" && averaging != "ema")) {
    std::fprintf(stderr, "rapport_train: --ensemble takes 1-8, --average none, swa or ema\n");
    return 2;
  }
  const int average_every = std::stoi(arg["average-every"]), average_start = std::stoi(arg["average-start"]);
  const float ema_decay = averaging == "ema" ? std::stof(arg["ema-decay"]) : 0.f;
  // --init-vectors FILE (glove-vectors.mjs): pretrained word vectors as the
  // embedding's starting point (train_pretrained.h); off by default.
  PretrainedInit pretrained;
  if (arg.count("init-vectors")) {
    if (!setup_pretrained(arg["init-vectors"], std::stoul(arg["init-vectors-max"]), h.dim,
                          std::stof(arg["init-vectors-scale"]), arg["init-vectors-bigrams"] == "1", train, fc,
                          &pretrained, &error)) {
      std::fprintf(stderr, "rapport_train: %s\n", error.c_str());
      return 1;
    }
    pretrained.lr = std::stof(arg["init-vectors-lr"]), pretrained.freeze_epochs = std::stoi(arg["init-vectors-freeze"]);
    pretrained.source = arg["init-vectors"].substr(arg["init-vectors"].find_last_of('/') + 1);
    std::fprintf(stderr, "init vectors: %s\n", pretrained.describe().dump().c_str());
  }
  if (pretrained.enabled()) r.init_vectors = pretrained.describe();
  std::vector<ModelWeights> best;
  for (int m = 0; m < members; ++m) {
    Hyper hm = h;
    hm.seed = h.seed + 1000ull * m;
    Model model(fc.buckets, hm);
    if (pretrained.enabled()) pretrained.apply(&model);
    Rng shuffle_rng(hm.seed + 7);
    std::vector<uint32_t> order(train.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    ModelWeights member;
    float best_score = -1.f;
    int best_epoch = 0;
    for (int epoch = 1; epoch <= epochs; ++epoch) {
      for (size_t i = order.size() - 1; i > 0; --i)  // Fisher-Yates, our own RNG
        std::swap(order[i], order[shuffle_rng.next() % (i + 1)]);
      if (averaging != "none" && epoch == average_start) model.start_averaging(average_every, ema_decay);
      if (pretrained.enabled()) pretrained.before_epoch(&model, epoch, fc.buckets);
      const float lr_scale = 1.f - 0.9f * (epoch - 1) / std::max(1, epochs - 1);
      const double loss = model.train_epoch(train, order, lr_scale);
      std::vector<ModelWeights> w = {model.export_weights(model.averaging())};
      const Predictions p = predict(w, dev);
      const float f1 = macro_f1(dev, p, tune_thresholds(dev, p));
      const float recall = fused_recall(dev, p, SentimentFusion{});
      std::fprintf(stderr, "%sepoch %d loss %.4f dev macro-F1 %.4f sentiment recall %.4f%s (%.1fs)\n",
                   members > 1 ? ("member " + std::to_string(m + 1) + " ").c_str() : "", epoch, loss, f1, recall,
                   model.averaging() ? (" averaged over " + std::to_string(model.snapshots()) + " snapshots").c_str() : "",
                   now_s() - t0);
      if (f1 + recall > best_score) best_score = f1 + recall, member = std::move(w[0]), best_epoch = epoch;
    }
    best.push_back(std::move(member));
    if (m == 0) r.best_epoch = best_epoch, r.average_snapshots = model.snapshots();
    r.member_seeds.push_back(hm.seed), r.member_best_epochs.push_back(best_epoch);
  }
  if (members == 1) r.member_seeds.clear(), r.member_best_epochs.clear();
  if (averaging != "none")
    r.averaging = averaging, r.average_every = average_every, r.average_start = average_start, r.ema_decay = ema_decay;

  const Predictions p = predict(best, dev);
  r.thresholds = tune_thresholds(dev, p);
  const int offsets = std::stoi(arg["tune-offsets"]);
  const bool word_weights = arg["word-weight"] == "1", guard = arg["rule-guard"] == "1";
  const Predictions ps = predict(best, support);
  // The in-domain calibration set: support dev (default), the labelled rows'
  // out-of-fold predictions (support dev is then a true hold-out), or both
  // pooled. `oof_sets`: the labelled rows alone.
  FusionSets sets{&dev, &p, {}, {}}, support_sets{&dev, &p, {}, {}}, oof_sets{&dev, &p, {}, {}};
  for (size_t i = 0; i < support.size(); ++i)
    support_sets.support.push_back(&support[i]), support_sets.support_p.push_back(&ps.sentiment[i]);
  for (size_t i = 0; i < labels_all.size(); ++i)
    oof_sets.support.push_back(&labels_all[i]), oof_sets.support_p.push_back(&p_oof.sentiment[i]);
  if (calibrate_on != "labels") sets = support_sets;
  if (calibrate_on != "support")
    for (size_t i = 0; i < oof_sets.support.size(); ++i)
      sets.support.push_back(oof_sets.support[i]), sets.support_p.push_back(oof_sets.support_p[i]);
  const bool prefer_rules = arg["fusion-choice"] != "best";
  if (arg.count("guard-scopes")) {  // e.g. all,negated+sarcasm (names of kGuardRuleNames)
    g_guard_scopes.clear();
    std::istringstream list(arg["guard-scopes"]);
    for (std::string item; std::getline(list, item, ',');) {
      uint8_t scope = 0;
      std::istringstream names(item == "all" ? "negated+contrast+sarcasm+courtesy" : item == "none" ? "" : item);
      for (std::string name; std::getline(names, name, '+');) {
        if (!rule_bit(name)) {
          std::fprintf(stderr, "rapport_train: --guard-scopes: unknown rule '%s'\n", name.c_str());
          return 2;
        }
        scope |= rule_bit(name);
      }
      g_guard_scopes.push_back(scope);
    }
  }
  if (arg.count("cap-scope")) {  // e.g. courtesy: those rules only cap the label (fusion.h, cap_scope)
    std::istringstream names(arg["cap-scope"] == "none" ? "" : arg["cap-scope"]);
    for (std::string name; std::getline(names, name, '+');) {
      if (!rule_bit(name)) {
        std::fprintf(stderr, "rapport_train: --cap-scope: unknown rule '%s'\n", name.c_str());
        return 2;
      }
      g_cap_scope |= rule_bit(name);
    }
  }
  r.fusion = tune_fusion(sets, offsets, word_weights, guard, prefer_rules);
  r.calibrate_on = calibrate_on;
  if (oof) {  // the labelled rows, out of fold: a hold-out of the fusion unless it was tuned on them
    r.labels_oof_rows = labels_all.size();
    r.labels_oof_recall = support_recall(oof_sets.support, oof_sets.support_p, r.fusion, r.labels_oof_recall_by_class.data());
    r.labels_oof_recall_lexicon = macro_recall(labels_all, [&](size_t i) { return lexicon_label(labels_all[i]); });
    if (calibrate_on != "support") {  // then also cross-validated over them (support dev pooled in, for "both")
      r.labels_oof_cv_recall = cross_validated_support_recall(
          dev, p, labels_all, p_oof, std::stoi(arg["cv-folds"]), offsets, word_weights, guard,
          r.labels_oof_cv_recall_by_class.data(), prefer_rules, calibrate_on == "both" ? &support_sets : nullptr);
    }
    std::fprintf(stderr, "team labels out of fold (%zu, calibrated on %s): fused %.4f (neg %.3f neu %.3f pos %.3f)%s",
                 labels_all.size(), calibrate_on.c_str(), r.labels_oof_recall, r.labels_oof_recall_by_class[0],
                 r.labels_oof_recall_by_class[1], r.labels_oof_recall_by_class[2],
                 calibrate_on == "support" ? " held out" : "");
    if (calibrate_on != "support")
      std::fprintf(stderr, ", CV %.4f (neg %.3f neu %.3f pos %.3f)", r.labels_oof_cv_recall,
                   r.labels_oof_cv_recall_by_class[0], r.labels_oof_cv_recall_by_class[1],
                   r.labels_oof_cv_recall_by_class[2]);
    std::fprintf(stderr, ", lexicon %.4f\n", r.labels_oof_recall_lexicon);
  }
  if (!support.empty()) {
    r.support_recall = support_recall(support_sets.support, support_sets.support_p, r.fusion, r.support_recall_by_class.data());
    r.support_recall_lexicon = macro_recall(support, [&](size_t i) { return lexicon_label(support[i]); });
    r.support_cv_folds = std::stoi(arg["cv-folds"]);
    if (calibrate_on == "labels") {  // support dev was not used: its figure is a hold-out
      r.support_cv_recall = r.support_recall, r.support_cv_recall_by_class = r.support_recall_by_class;
    } else {
      r.support_cv_recall = cross_validated_support_recall(dev, p, support, ps, r.support_cv_folds, offsets,
                                                           word_weights, guard, r.support_cv_recall_by_class.data(),
                                                           prefer_rules, calibrate_on == "both" ? &oof_sets : nullptr);
    }
    std::fprintf(stderr, "support dev: fused %.4f (neg %.3f neu %.3f pos %.3f), %s %.4f "
                 "(neg %.3f neu %.3f pos %.3f), lexicon %.4f\n", r.support_recall, r.support_recall_by_class[0],
                 r.support_recall_by_class[1], r.support_recall_by_class[2],
                 calibrate_on == "labels" ? "held out" : (std::to_string(r.support_cv_folds) + "-fold CV").c_str(),
                 r.support_cv_recall,
                 r.support_cv_recall_by_class[0], r.support_cv_recall_by_class[1], r.support_cv_recall_by_class[2],
                 r.support_recall_lexicon);
    // The model alone (argmax) and the lexicon alone, by class: which side a
    // fused miss comes from.
    float mc[3] = {}, lc[3] = {};
    const float model_only = macro_recall(support, [&](size_t i) {
      const auto& q = ps.sentiment[i];
      return static_cast<int8_t>(std::max_element(q.begin(), q.end()) - q.begin());
    }, mc);
    macro_recall(support, [&](size_t i) { return lexicon_label(support[i]); }, lc);
    std::fprintf(stderr, "support dev by side: model argmax %.4f (neg %.3f neu %.3f pos %.3f), lexicon "
                 "(neg %.3f neu %.3f pos %.3f)\n", model_only, mc[0], mc[1], mc[2], lc[0], lc[1], lc[2]);
  }
  std::fprintf(stderr, "fusion: lexicon weight %.2f, word weight %.2f, offsets neg %.2f pos %.2f, guard %d scope %d, rules decide at %.2f\n",
               r.fusion.lexicon_weight, r.fusion.word_weight, r.fusion.negative_offset, r.fusion.positive_offset,
               r.fusion.rule_guard, r.fusion.guard_scope, r.fusion.rules_decide_at);
  r.macro_f1 = macro_f1(dev, p, r.thresholds, &r.per_label_f1);
  r.sentiment_recall = fused_recall(dev, p, r.fusion);
  if (arg.count("sweep")) {  // development aid: how the lexicon weight trades off
    const Predictions pt = predict(best, tweeteval);
    for (const float decide : {0.f, 0.4f, 0.6f})
      for (const float ww : {0.f, 2.f})
        for (int g = 0; g <= 8; g += 2) {
          SentimentFusion f = r.fusion;
          f.lexicon_weight = g / 2.f, f.word_weight = ww, f.rules_decide_at = decide;
          float by_class[3] = {0, 0, 0};
          const float sr = support.empty() ? 0.f : support_recall(support_sets.support, support_sets.support_p, f, by_class);
          std::fprintf(stderr, "decide %.1f word %.0f lexicon %.1f: support %.4f (neg %.3f neu %.3f pos %.1f) "
                       "goemotions %.4f tweeteval %.4f\n", decide, ww, f.lexicon_weight, sr, by_class[0],
                       by_class[1], by_class[2], fused_recall(dev, p, f), fused_recall(tweeteval, pt, f));
        }
  }
  r.sentiment_recall_lexicon = macro_recall(dev, [&](size_t i) { return lexicon_label(dev[i]); });
  {  // The lexicon path's own (heuristic) emotions, with thresholds tuned the same way.
    Predictions lex;
    for (const Example& e : dev) {
      lex.emotions.push_back(analyze_message(e.text).assessment.emotions);
      lex.sentiment.push_back({0.f, 1.f, 0.f});
    }
    r.macro_f1_lexicon = macro_f1(dev, lex, tune_thresholds(dev, lex));
  }
  const Predictions pb = predict(best, bitext_dev);
  r.bitext_recall = fused_recall(bitext_dev, pb, r.fusion);
  if (!tweeteval.empty()) {
    const Predictions pt = predict(best, tweeteval);
    float pc[3];
    r.tweeteval_recall = macro_recall(tweeteval, [&](size_t i) {
      return fuse_sentiment(pt.sentiment[i].data(), signal_of(tweeteval[i]), r.fusion).label;
    }, pc);
    std::fprintf(stderr, "tweeteval recall by class: neg %.3f neu %.3f pos %.3f\n", pc[0], pc[1], pc[2]);
    r.tweeteval_recall_lexicon =
        macro_recall(tweeteval, [&](size_t i) { return lexicon_label(tweeteval[i]); });
  }
  if (!labels_heldout.empty()) {  // --labels-folds: the held-out team-labelled turns
    const Predictions ph = predict(best, labels_heldout);
    float pc[3], lc[3];
    const float fused = macro_recall(labels_heldout, [&](size_t i) {
      return fuse_sentiment(ph.sentiment[i].data(), signal_of(labels_heldout[i]), r.fusion).label;
    }, pc);
    const float lex = macro_recall(labels_heldout, [&](size_t i) { return lexicon_label(labels_heldout[i]); }, lc);
    std::fprintf(stderr, "held-out team labels (%zu): fused %.4f (neg %.3f neu %.3f pos %.3f), lexicon %.4f "
                 "(neg %.3f neu %.3f pos %.3f)\n", labels_heldout.size(), fused, pc[0], pc[1], pc[2], lex, lc[0],
                 lc[1], lc[2]);
  }
  if (arg.count("oof-out")) {  // --labels-folds K --labels-fold k: the held-out rows' probabilities
    std::ofstream o(arg["oof-out"]);
    const Predictions ph = predict(best, labels_heldout);
    for (size_t i = 0; i < labels_heldout.size(); ++i)
      o << oof_line(labels_heldout_index[i], labels_heldout_id[i], ph.sentiment[i]);
  }
  if (arg.count("dump")) {  // development aid: per-message model and rule signals for offline study
    std::ofstream d(arg["dump"]);
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
    dump("support", support, ps);
    dump("goemotions", dev, p);
    dump("tweeteval", tweeteval, predict(best, tweeteval));
    if (oof) dump("labels-oof", labels_all, p_oof);
  }
  r.seconds = now_s() - t0;
  r.train_rows = train.size();
  std::fprintf(stderr,
               "best epoch %d: dev macro-F1 %.4f (lexicon %.4f), grouped sentiment recall %.4f (lexicon %.4f), "
               "bitext dev recall %.4f, tweeteval val recall %.4f (lexicon %.4f), %.0fs\n",
               r.best_epoch, r.macro_f1, r.macro_f1_lexicon, r.sentiment_recall, r.sentiment_recall_lexicon,
               r.bitext_recall, r.tweeteval_recall, r.tweeteval_recall_lexicon, r.seconds);

  std::ofstream(out + "/model.weights.bin", std::ios::binary) << serialize_model_ensemble(best);
  std::ofstream(out + "/model.meta.json") << meta_json(r, fc, h, epochs, g_ambiguous_is_neutral, std::stof(arg["bitext-weight"])).dump(2) << "\n";
  if (arg.count("fixture"))
    std::ofstream(arg["fixture"]) << parity_fixture(best, fc, r).dump(1) << "\n";
  return 0;
}

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
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>

#include "analysis/analyzer.h"
#include "model/fusion.h"
#include "model/model_weights.h"
#include "train_data.h"
#include "train_labels.h"
#include "train_eval.h"
#include "train_model.h"
#include "train_report.h"
#include "train_weak.h"

using namespace rapport;
using namespace rapport::train;

namespace {

double now_s() {
  using C = std::chrono::steady_clock;
  return std::chrono::duration<double>(C::now().time_since_epoch()).count();
}

Predictions predict(const ModelWeights& w, const std::vector<Example>& set) {
  Predictions p;
  p.emotions.resize(set.size());
  p.sentiment.resize(set.size());
  ModelOutput out;
  for (size_t i = 0; i < set.size(); ++i) {
    model_forward(w, set[i].features.ids, set[i].features.dense.data(), &out);
    std::copy(out.emotions.begin(), out.emotions.end(), p.emotions[i].begin());
    std::copy(out.sentiment.begin(), out.sentiment.end(), p.sentiment[i].begin());
  }
  return p;
}

float fused_recall(const std::vector<Example>& set, const Predictions& p, const SentimentFusion& f) {
  return macro_recall(set, [&](size_t i) {
    return fuse_sentiment(p.sentiment[i].data(), signal_of(set[i]), f).label;
  });
}

}  // namespace

int main(int argc, char** argv) {
  std::map<std::string, std::string> arg = {{"epochs", "10"}, {"buckets", "65536"},
                                            {"dim", "64"},    {"hidden", "128"},
                                            {"seed", "1"},    {"lr", "0.002"},
                                            {"lr-emb", "0.01"}, {"sentiment-weight", "1"},
                                            {"balance", "1"}, {"ambiguous", "neutral"},
                                            {"tune-offsets", "0"}, {"bag-dropout", "0"},
                                            {"bitext-weight", "1"}, {"word-weight", "0"},
                                            {"rule-guard", "0"}, {"cv-folds", "5"},
                                            {"weak-weight", "0"}, {"weak-banking77", "1"}, {"weak-lfs", "1"}, {"uci-weight", "0"},
                                            {"labels-weight", "1"}, {"labels-folds", "0"}, {"labels-fold", "0"}, {"fusion-choice", "rules"}, {"labels-repeat", "1"}, {"labels-emotion-repeat", "0"}};
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strncmp(argv[i], "--", 2) != 0) break;
    arg[argv[i] + 2] = argv[i + 1];
  }
  if (!arg.count("data") || !arg.count("out")) {
    std::fprintf(stderr, "usage: rapport_train --data DIR --out DIR [--fixture FILE] [--epochs N]\n");
    return 2;
  }
  const std::string data = arg["data"], out = arg["out"];
  const double t0 = now_s();

  std::string error;
  if (!load_sentiment_groups(data + "/goemotions/labels.txt",
                             data + "/goemotions/sentiment_groups.json", &error)) {
    std::fprintf(stderr, "rapport_train: %s\n", error.c_str());
    return 1;
  }
  std::vector<Example> train, dev, bitext_dev, tweeteval;
  // Dev is always grouped the way the benchmark groups it (ambiguous-only ->
  // neutral, mixed left out); --ambiguous only changes the training targets.
  g_ambiguous_is_neutral = true;
  const bool dev_ok = load_goemotions(data + "/goemotions/dev.tsv", &dev);
  g_ambiguous_is_neutral = arg["ambiguous"] == "neutral";
  if (!dev_ok || !load_goemotions(data + "/goemotions/train.tsv", &train) ||
      !load_bitext(data + "/bitext/customer_support_sample.csv", &train, &bitext_dev)) {
    std::fprintf(stderr, "rapport_train: cannot read GoEmotions or Bitext under %s\n", data.c_str());
    return 1;
  }
  load_tweeteval(data + "/tweeteval/sentiment", &tweeteval);
  // The in-domain dev set: fusion calibration (cross-validated) and report only.
  std::vector<Example> support;
  if (arg.count("support-dev") && !load_support_dev(arg["support-dev"], &support, &error)) {
    std::fprintf(stderr, "rapport_train: %s\n", error.c_str());
    return 1;
  }
  // Bitext is templated requests (thousands of near-duplicates): a lower
  // weight keeps "where is my refund" from outvoting the words around it.
  for (Example& e : train)
    if (!e.has_emotions) e.sentiment_weight = std::stof(arg["bitext-weight"]);  // optional, measured only

  // Review sentences (train_data.h): off unless --uci-weight > 0.
  const float uci_weight = std::stof(arg["uci-weight"]);
  if (uci_weight > 0.f && !load_uci_sentences(data + "/uci_sentences/sentences.tsv", uci_weight, &train)) {
    std::fprintf(stderr, "rapport_train: cannot read uci_sentences/sentences.tsv under %s\n", data.c_str());
    return 1;
  }

  // Team labels of the twcc test customer turns (train_labels.h): in-domain
  // sentiment rows of weight --labels-weight. Their texts are no longer
  // weakly labelled below (the team's label replaces the functions' one).
  // --labels-folds F --labels-fold K (development aid): train on the labelled
  // turns outside fold K (index % F) and report the held-out fold.
  const std::string twcc_test = data + "/twcc/test.json";
  std::vector<TwccTurn> twcc_turns;
  if (!load_twcc_turns_with_ids(twcc_test, "test", &twcc_turns)) {
    std::fprintf(stderr, "rapport_train: cannot read %s\n", twcc_test.c_str());
    return 1;
  }
  std::set<std::string> team_labelled;
  std::vector<Example> labels_heldout;
  if (arg.count("labels")) {
    std::vector<LabelledTurn> labelled;
    if (!load_labelled_turns(arg["labels"], twcc_test, twcc_turns, &labelled, &error)) {
      std::fprintf(stderr, "rapport_train: %s\n", error.c_str());
      return 1;
    }
    const float w = std::stof(arg["labels-weight"]);
    const int folds = std::stoi(arg["labels-folds"]), fold = std::stoi(arg["labels-fold"]);
    // Each labelled row this many times (its loss spread over several steps
    // rather than one step of a large weight, which Adam's moments remember).
    const int repeat = std::stoi(arg["labels-repeat"]);
    // --labels-emotion-repeat N: the first N copies of a row also train the
    // emotion head, on the GoEmotions label that stands for its group
    // (kGroupLabel below), as a one-label GoEmotions row would.
    const int emotion_repeat = std::stoi(arg["labels-emotion-repeat"]);
    int n[3] = {0, 0, 0};
    for (size_t i = 0; i < labelled.size(); ++i) {
      team_labelled.insert(labelled[i].id);
      Example e;
      e.text = labelled[i].text;
      e.sentiment = labelled[i].sentiment;
      e.sentiment_weight = w;
      if (folds > 1 && static_cast<int>(i % folds) == fold) {
        labels_heldout.push_back(std::move(e));
        continue;
      }
      ++n[e.sentiment];
      if (w > 0.f)
        for (int k = 0; k < repeat; ++k) {
          Example copy = e;
          if (k < emotion_repeat) {
            copy.has_emotions = true;
            copy.emotions = 1u << group_label(labelled[i].emotion_group);
          }
          train.push_back(std::move(copy));
        }
    }
    std::fprintf(stderr, "team labels: %zu twcc test turns (%d negative, %d neutral, %d positive trained at "
                 "weight %.2f x %d; %zu held out)\n", labelled.size(), n[0], n[1], n[2], w, repeat, labels_heldout.size());
  }

  // Weak supervision: in-domain support text labelled by the rules
  // (train_weak.h). Off unless --weak-weight > 0.
  const float weak_weight = std::stof(arg["weak-weight"]);
  if (weak_weight > 0.f) {
    std::vector<Example> pool;
    for (const TwccTurn& t : twcc_turns) {
      if (team_labelled.count(t.id)) continue;
      Example e;
      e.text = t.text;
      pool.push_back(std::move(e));
    }
    const bool banking = arg["weak-banking77"] == "1";
    if (banking && (!load_banking77_texts(data + "/banking77/train.tsv", &pool) ||
                    !load_banking77_texts(data + "/banking77/test.tsv", &pool))) {
      std::fprintf(stderr, "rapport_train: cannot read banking77/*.tsv under %s\n", data.c_str());
      return 1;
    }
    const size_t unlabelled = pool.size();
    const std::array<int, 3> n = add_weakly_labelled(pool, weak_weight, &train, std::stoi(arg["weak-lfs"]));
    std::fprintf(stderr, "weak supervision: %zu unlabelled texts -> %d negative, %d neutral, %d positive\n",
                 unlabelled, n[0], n[1], n[2]);
  }

  FeatureConfig fc;
  fc.buckets = static_cast<uint32_t>(std::stoul(arg["buckets"]));
  if (arg.count("char-min")) fc.char_min = std::stoi(arg["char-min"]);
  if (arg.count("char-max")) fc.char_max = std::stoi(arg["char-max"]);
  if (arg.count("char-min-word")) fc.char_min_word = std::stoi(arg["char-min-word"]);
  if (arg.count("rule-prior-weight")) fc.rule_prior_weight = std::stoi(arg["rule-prior-weight"]);
  for (auto* set : {&train, &dev, &bitext_dev, &tweeteval, &support, &labels_heldout})
    for (Example& e : *set) featurize(&e, fc);
  std::fprintf(stderr, "features: %zu train, %zu dev, %zu bitext dev, %zu tweeteval (%.1fs)\n",
               train.size(), dev.size(), bitext_dev.size(), tweeteval.size(), now_s() - t0);

  Hyper h;
  h.dim = std::stoul(arg["dim"]), h.hidden = std::stoul(arg["hidden"]);
  h.seed = std::stoull(arg["seed"]);
  h.lr = std::stof(arg["lr"]), h.lr_embedding = std::stof(arg["lr-emb"]);
  h.sentiment_weight = std::stof(arg["sentiment-weight"]);
  h.bag_dropout = std::stof(arg["bag-dropout"]);
  const int epochs = std::stoi(arg["epochs"]);
  if (arg["balance"] == "1") {
    double count[3] = {0, 0, 0}, total = 0;
    for (const Example& e : train)
      if (e.sentiment >= 0) ++count[e.sentiment], ++total;
    for (int c = 0; c < 3; ++c) h.class_weight[c] = count[c] ? static_cast<float>(total / (3 * count[c])) : 1.f;
  }
  Model model(fc.buckets, h);
  Rng shuffle_rng(h.seed + 7);
  std::vector<uint32_t> order(train.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;

  ModelWeights best;
  float best_score = -1.f;
  int best_epoch = 0;
  for (int epoch = 1; epoch <= epochs; ++epoch) {
    for (size_t i = order.size() - 1; i > 0; --i)  // Fisher-Yates, our own RNG
      std::swap(order[i], order[shuffle_rng.next() % (i + 1)]);
    const float lr_scale = 1.f - 0.9f * (epoch - 1) / std::max(1, epochs - 1);
    const double loss = model.train_epoch(train, order, lr_scale);
    ModelWeights w = model.export_weights();
    const Predictions p = predict(w, dev);
    const float f1 = macro_f1(dev, p, tune_thresholds(dev, p));
    const float recall = fused_recall(dev, p, SentimentFusion{});
    std::fprintf(stderr, "epoch %d loss %.4f dev macro-F1 %.4f sentiment recall %.4f (%.1fs)\n",
                 epoch, loss, f1, recall, now_s() - t0);
    if (f1 + recall > best_score) best_score = f1 + recall, best = std::move(w), best_epoch = epoch;
  }

  Report r;
  r.best_epoch = best_epoch;
  const Predictions p = predict(best, dev);
  r.thresholds = tune_thresholds(dev, p);
  const int offsets = std::stoi(arg["tune-offsets"]);
  const bool word_weights = arg["word-weight"] == "1", guard = arg["rule-guard"] == "1";
  const Predictions ps = predict(best, support);
  FusionSets sets{&dev, &p, {}, {}};
  for (size_t i = 0; i < support.size(); ++i) sets.support.push_back(&support[i]), sets.support_p.push_back(&ps.sentiment[i]);
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
  r.fusion = tune_fusion(sets, offsets, word_weights, guard, prefer_rules);
  if (!support.empty()) {
    r.support_recall = support_recall(sets.support, sets.support_p, r.fusion, r.support_recall_by_class.data());
    r.support_recall_lexicon = macro_recall(support, [&](size_t i) { return lexicon_label(support[i]); });
    r.support_cv_folds = std::stoi(arg["cv-folds"]);
    r.support_cv_recall = cross_validated_support_recall(dev, p, support, ps, r.support_cv_folds, offsets,
                                                         word_weights, guard, r.support_cv_recall_by_class.data(), prefer_rules);
    std::fprintf(stderr, "support dev: fused %.4f (neg %.3f neu %.3f pos %.3f), %d-fold CV %.4f "
                 "(neg %.3f neu %.3f pos %.3f), lexicon %.4f\n", r.support_recall, r.support_recall_by_class[0],
                 r.support_recall_by_class[1], r.support_recall_by_class[2], r.support_cv_folds, r.support_cv_recall,
                 r.support_cv_recall_by_class[0], r.support_cv_recall_by_class[1], r.support_cv_recall_by_class[2],
                 r.support_recall_lexicon);
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
          const float sr = support.empty() ? 0.f : support_recall(sets.support, sets.support_p, f, by_class);
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
  if (arg.count("dump")) {  // development aid: per-message model and rule signals for offline study
    std::ofstream d(arg["dump"]);
    const auto dump = [&](const char* set_name, const std::vector<Example>& set, const Predictions& pp) {
      for (size_t i = 0; i < set.size(); ++i) {
        nlohmann::json j;
        j["set"] = set_name, j["y"] = set[i].sentiment, j["text"] = set[i].text;
        j["p"] = pp.sentiment[i], j["dense"] = set[i].features.dense, j["emo"] = pp.emotions[i];
        j["guard"] = set[i].signal.guard, j["sp"] = set[i].signal.strongest_positive;
        j["sn"] = set[i].signal.strongest_negative, j["gr"] = set[i].signal.guard_rules;
        d << j.dump() << "\n";
      }
    };
    dump("support", support, ps);
    dump("goemotions", dev, p);
    dump("tweeteval", tweeteval, predict(best, tweeteval));
  }
  r.seconds = now_s() - t0;
  r.train_rows = train.size();
  std::fprintf(stderr,
               "best epoch %d: dev macro-F1 %.4f (lexicon %.4f), grouped sentiment recall %.4f (lexicon %.4f), "
               "bitext dev recall %.4f, tweeteval val recall %.4f (lexicon %.4f), %.0fs\n",
               best_epoch, r.macro_f1, r.macro_f1_lexicon, r.sentiment_recall, r.sentiment_recall_lexicon,
               r.bitext_recall, r.tweeteval_recall, r.tweeteval_recall_lexicon, r.seconds);

  std::ofstream(out + "/model.weights.bin", std::ios::binary) << serialize_model_weights(best);
  std::ofstream(out + "/model.meta.json") << meta_json(r, fc, h, epochs, g_ambiguous_is_neutral, std::stof(arg["bitext-weight"])).dump(2) << "\n";
  if (arg.count("fixture"))
    std::ofstream(arg["fixture"]) << parity_fixture(best, fc, r).dump(1) << "\n";
  return 0;
}

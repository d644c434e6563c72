// rapport_train's second phase: the member(s) trained on the assembled rows,
// each keeping its best epoch on GoEmotions dev (train_members, at the end).
// Header-only, like the other trainer helpers (see train_data.h).
#pragma once
#include <algorithm>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "model/fusion.h"
#include "model/model_weights.h"
#include "train_eval.h"
#include "train_model.h"
#include "train_options.h"
#include "train_pretrained.h"
#include "train_report.h"

namespace rapport::train {

// The model's shape and optimisation from the options, and with --balance 1
// the sentiment classes weighted by inverse frequency over the assembled rows
// (so argmax aims at macro recall). Returns the exit code.
inline int hyper_from_options(const Options& arg, const std::vector<Example>& train, Hyper* h) {
  h->dim = std::stoul(arg["dim"]), h->hidden = std::stoul(arg["hidden"]);
  h->seed = std::stoull(arg["seed"]);
  h->lr = std::stof(arg["lr"]), h->lr_embedding = std::stof(arg["lr-emb"]);
  h->sentiment_weight = std::stof(arg["sentiment-weight"]);
  h->bag_dropout = std::stof(arg["bag-dropout"]);
  // --pooling attention|max: a second pooling of the same ids beside the mean
  // (train_pool.h); the engine's inputs stay the same.
  const std::string pooling = arg.count("pooling") ? arg["pooling"] : "mean";
  h->pooling = pooling == "attention" ? kPoolAttention : pooling == "max" ? kPoolMax : kPoolMean;
  if (pooling != "mean" && h->pooling == kPoolMean) {
    std::fprintf(stderr, "rapport_train: --pooling mean|attention|max\n");
    return 2;
  }
  if (arg["balance"] == "1") {
    double count[3] = {0, 0, 0}, total = 0;
    for (const Example& e : train)
      if (e.sentiment >= 0) ++count[e.sentiment], ++total;
    for (int c = 0; c < 3; ++c) h->class_weight[c] = count[c] ? static_cast<float>(total / (3 * count[c])) : 1.f;
  }
  return 0;
}

// How every member is trained alike. --ensemble K: K models with seeds seed,
// seed + 1000, ...; the shipped graph averages their outputs. --average
// swa|ema: each member's weights are averaged from the start of epoch
// --average-start on (a snapshot every --average-every rows; ema: decay
// --ema-decay per snapshot), and the averaged weights are the epoch's
// candidate. --init-vectors FILE (glove-vectors.mjs): pretrained word vectors
// as the embedding's starting point (train_pretrained.h); off by default.
struct MemberPlan {
  int epochs = 0, members = 1;
  std::string averaging;
  int average_every = 0, average_start = 0;
  float ema_decay = 0;
  PretrainedInit pretrained;
};

// The plan from the options; the init vectors are read and described here.
// Returns the exit code.
inline int plan_members(const Options& arg, const std::vector<Example>& train, const FeatureConfig& fc,
                        const Hyper& h, MemberPlan* plan, Report* r) {
  plan->epochs = std::stoi(arg["epochs"]);
  plan->members = std::stoi(arg["ensemble"]);
  plan->averaging = arg["average"];
  const std::string& averaging = plan->averaging;
  if (plan->members < 1 || plan->members > 8 ||
      (averaging != "none" && averaging != "swa" && averaging != "ema")) {
    std::fprintf(stderr, "rapport_train: --ensemble takes 1-8, --average none, swa or ema\n");
    return 2;
  }
  plan->average_every = std::stoi(arg["average-every"]), plan->average_start = std::stoi(arg["average-start"]);
  plan->ema_decay = averaging == "ema" ? std::stof(arg["ema-decay"]) : 0.f;
  PretrainedInit& pretrained = plan->pretrained;
  if (arg.count("init-vectors")) {
    std::string error;
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
  if (pretrained.enabled()) r->init_vectors = pretrained.describe();
  return 0;
}

// One trained member: the weights of its best epoch.
struct Member {
  ModelWeights weights;
  int best_epoch = 0;
  int snapshots = 0;  // weight snapshots averaged by the end (--average)
};

// Member `m` (0-based) of the plan, seeded hm.seed: each epoch shuffles the
// rows with its own RNG, trains at a learning rate decaying linearly to 10 %,
// and is scored on GoEmotions dev (macro-F1 at tuned thresholds + sentiment
// recall with the default fusion); the best-scoring epoch's weights are kept.
inline Member train_member(const MemberPlan& plan, const Hyper& hm, int m, const std::vector<Example>& train,
                           const std::vector<Example>& dev, const FeatureConfig& fc, double t0) {
  const int epochs = plan.epochs;
  const PretrainedInit& pretrained = plan.pretrained;
  Model model(fc.buckets, hm);
  if (pretrained.enabled()) pretrained.apply(&model);
  Rng shuffle_rng(hm.seed + 7);
  std::vector<uint32_t> order(train.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  Member member;
  float best_score = -1.f;
  for (int epoch = 1; epoch <= epochs; ++epoch) {
    for (size_t i = order.size() - 1; i > 0; --i)  // Fisher-Yates, our own RNG
      std::swap(order[i], order[shuffle_rng.next() % (i + 1)]);
    if (plan.averaging != "none" && epoch == plan.average_start)
      model.start_averaging(plan.average_every, plan.ema_decay);
    if (pretrained.enabled()) pretrained.before_epoch(&model, epoch, fc.buckets);
    const float lr_scale = 1.f - 0.9f * (epoch - 1) / std::max(1, epochs - 1);
    const double loss = model.train_epoch(train, order, lr_scale);
    std::vector<ModelWeights> w = {model.export_weights(model.averaging())};
    const Predictions p = predict(w, dev);
    const float f1 = macro_f1(dev, p, tune_thresholds(dev, p));
    const float recall = fused_recall(dev, p, SentimentFusion{});
    std::fprintf(stderr, "%sepoch %d loss %.4f dev macro-F1 %.4f sentiment recall %.4f%s (%.1fs)\n",
                 plan.members > 1 ? ("member " + std::to_string(m + 1) + " ").c_str() : "", epoch, loss, f1, recall,
                 model.averaging() ? (" averaged over " + std::to_string(model.snapshots()) + " snapshots").c_str() : "",
                 now_s() - t0);
    if (f1 + recall > best_score) best_score = f1 + recall, member.weights = std::move(w[0]), member.best_epoch = epoch;
  }
  member.snapshots = model.snapshots();
  return member;
}

// The whole phase: hyperparameters, plan, then every member in turn (the
// first one's epoch and snapshots are the report's; the others' seeds and
// epochs are listed when there are several). Returns the exit code.
inline int train_members(const Options& arg, const std::vector<Example>& train, const std::vector<Example>& dev,
                         const FeatureConfig& fc, double t0, Hyper* h, std::vector<ModelWeights>* best,
                         Report* r) {
  if (const int rc = hyper_from_options(arg, train, h)) return rc;
  MemberPlan plan;
  if (const int rc = plan_members(arg, train, fc, *h, &plan, r)) return rc;
  for (int m = 0; m < plan.members; ++m) {
    Hyper hm = *h;
    hm.seed = h->seed + 1000ull * m;
    Member member = train_member(plan, hm, m, train, dev, fc, t0);
    best->push_back(std::move(member.weights));
    if (m == 0) r->best_epoch = member.best_epoch, r->average_snapshots = member.snapshots;
    r->member_seeds.push_back(hm.seed), r->member_best_epochs.push_back(member.best_epoch);
  }
  if (plan.members == 1) r->member_seeds.clear(), r->member_best_epochs.clear();
  if (plan.averaging != "none")
    r->averaging = plan.averaging, r->average_every = plan.average_every, r->average_start = plan.average_start,
    r->ema_decay = plan.ema_decay;
  return 0;
}

}  // namespace rapport::train

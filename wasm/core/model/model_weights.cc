#include "model/model_weights.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace rapport {

namespace {

// The second pooled view (model_weights.h), in the ONNX graph's order of
// operations: the score is the int8 row times q, then times the row's scale.
void pool_rows(const ModelWeights& w, const std::vector<uint32_t>& ids, float* pool) {
  const uint32_t d = w.shape.dim;
  const auto row = [&](uint32_t id) { return &w.embedding_q[static_cast<size_t>(id) * d]; };
  if (w.shape.pooling == kPoolMax) {
    for (uint32_t j = 0; j < d; ++j) pool[j] = -1e30f;
    for (uint32_t id : ids)
      for (uint32_t j = 0; j < d; ++j) pool[j] = std::max(pool[j], static_cast<float>(row(id)[j]) * w.embedding_scale[id]);
    return;
  }
  std::vector<float> score(ids.size());
  float top = -1e30f;
  for (size_t i = 0; i < ids.size(); ++i) {
    float acc = 0.f;
    for (uint32_t j = 0; j < d; ++j) acc += static_cast<float>(row(ids[i])[j]) * w.attention_query[j];
    score[i] = acc * w.embedding_scale[ids[i]];
    top = std::max(top, score[i]);
  }
  float total = 0.f;
  for (float& v : score) total += (v = std::exp(v - top));
  for (uint32_t j = 0; j < d; ++j) pool[j] = 0.f;
  for (size_t i = 0; i < ids.size(); ++i) {
    const float k = score[i] / total * w.embedding_scale[ids[i]];
    for (uint32_t j = 0; j < d; ++j) pool[j] += static_cast<float>(row(ids[i])[j]) * k;
  }
}

}  // namespace

void model_forward(const ModelWeights& w, const std::vector<uint32_t>& ids,
                   const float* dense, ModelOutput* out) {
  const ModelShape& s = w.shape;
  std::vector<float> x(s.input_width(), 0.f);
  // Same operation order as the ONNX graph: (scale * bag weight) first, then
  // times the int8 value cast to float, summed over the bag.
  const float bag_weight = 1.f / static_cast<float>(ids.size());
  for (uint32_t id : ids) {
    const float k = w.embedding_scale[id] * bag_weight;
    const int8_t* row = &w.embedding_q[static_cast<size_t>(id) * s.dim];
    for (uint32_t j = 0; j < s.dim; ++j) x[j] += static_cast<float>(row[j]) * k;
  }
  uint32_t at = s.dim;
  if (s.pooling != kPoolMean) pool_rows(w, ids, &x[s.dim]), at += s.dim;
  for (uint32_t j = 0; j < s.dense; ++j) x[at + j] = dense[j];

  std::vector<float> h(s.hidden);
  for (uint32_t i = 0; i < s.hidden; ++i) {
    const float* r = &w.w1[static_cast<size_t>(i) * s.input_width()];
    float acc = w.b1[i];
    for (uint32_t j = 0; j < s.input_width(); ++j) acc += r[j] * x[j];
    h[i] = acc > 0.f ? acc : 0.f;
  }
  out->emotions.resize(s.emotions);
  for (uint32_t i = 0; i < s.emotions; ++i) {
    const float* r = &w.w_emo[static_cast<size_t>(i) * s.hidden];
    float acc = w.b_emo[i];
    for (uint32_t j = 0; j < s.hidden; ++j) acc += r[j] * h[j];
    out->emotions[i] = 1.f / (1.f + std::exp(-acc));
  }
  out->sentiment.resize(s.sentiments);
  float top = -1e30f;
  for (uint32_t i = 0; i < s.sentiments; ++i) {
    const float* r = &w.w_sent[static_cast<size_t>(i) * s.hidden];
    float acc = w.b_sent[i];
    for (uint32_t j = 0; j < s.hidden; ++j) acc += r[j] * h[j];
    out->sentiment[i] = acc;
    top = std::max(top, acc);
  }
  float total = 0.f;
  for (float& v : out->sentiment) total += (v = std::exp(v - top));
  for (float& v : out->sentiment) v /= total;
}

void ensemble_forward(const std::vector<ModelWeights>& members, const std::vector<uint32_t>& ids,
                      const float* dense, ModelOutput* out) {
  if (members.size() == 1) return model_forward(members[0], ids, dense, out);
  ModelOutput one;
  for (size_t m = 0; m < members.size(); ++m) {
    model_forward(members[m], ids, dense, &one);
    if (m == 0) {
      *out = one;
      continue;
    }
    for (size_t i = 0; i < one.emotions.size(); ++i) out->emotions[i] += one.emotions[i];
    for (size_t i = 0; i < one.sentiment.size(); ++i) out->sentiment[i] += one.sentiment[i];
  }
  const float k = static_cast<float>(members.size());
  for (float& v : out->emotions) v /= k;
  for (float& v : out->sentiment) v /= k;
}

namespace {

template <typename T>
void put(std::string& out, const std::vector<T>& v) {
  out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
}

template <typename T>
bool take(std::string_view& in, size_t count, std::vector<T>* v) {
  const size_t bytes = count * sizeof(T);
  if (in.size() < bytes) return false;
  v->resize(count);
  // An empty array (a mean-pooled model has no attention query) has no
  // storage: memcpy must not be handed its null data pointer.
  if (bytes) std::memcpy(v->data(), in.data(), bytes);
  in.remove_prefix(bytes);
  return true;
}

}  // namespace

// Little-endian hosts only (x86, wasm): the dump is raw arrays.
std::string serialize_model_weights(const ModelWeights& w) {
  const ModelShape& s = w.shape;
  const bool v2 = s.pooling != kPoolMean;
  std::string out(v2 ? "RPW2" : "RPW1");
  const uint32_t header[7] = {s.buckets, s.dim, s.dense, s.hidden, s.emotions, s.sentiments, s.pooling};
  out.append(reinterpret_cast<const char*>(header), (v2 ? 7 : 6) * sizeof(uint32_t));
  put(out, w.embedding_q);
  put(out, w.embedding_scale);
  put(out, w.w1);
  put(out, w.b1);
  put(out, w.w_emo);
  put(out, w.b_emo);
  put(out, w.w_sent);
  put(out, w.b_sent);
  put(out, w.attention_query);
  return out;
}

bool parse_model_weights(std::string_view in, ModelWeights* w, std::string* error) {
  uint32_t header[7] = {0, 0, 0, 0, 0, 0, kPoolMean};
  const bool v2 = in.substr(0, 4) == "RPW2";
  const size_t header_bytes = (v2 ? 7 : 6) * sizeof(uint32_t);
  if (in.size() < 4 + header_bytes || (!v2 && in.substr(0, 4) != "RPW1")) {
    *error = "not a Rapport weight dump (missing RPW1 header)";
    return false;
  }
  std::memcpy(header, in.data() + 4, header_bytes);
  in.remove_prefix(4 + header_bytes);
  ModelShape& s = w->shape;
  s = {header[0], header[1], header[2], header[3], header[4], header[5], header[6]};
  if (!s.buckets || !s.dim || !s.hidden || !s.emotions || !s.sentiments ||
      s.buckets > (1u << 24) || s.dim > 1024 || s.hidden > 4096 || s.dense > 1024 ||
      s.pooling > kPoolMax || (v2 && s.pooling == kPoolMean)) {
    *error = "implausible model shape in weight dump";
    return false;
  }
  const size_t iw = s.input_width();
  const bool ok = take(in, size_t{s.buckets} * s.dim, &w->embedding_q) &&
                  take(in, s.buckets, &w->embedding_scale) &&
                  take(in, s.hidden * iw, &w->w1) && take(in, s.hidden, &w->b1) &&
                  take(in, size_t{s.emotions} * s.hidden, &w->w_emo) &&
                  take(in, s.emotions, &w->b_emo) &&
                  take(in, size_t{s.sentiments} * s.hidden, &w->w_sent) &&
                  take(in, s.sentiments, &w->b_sent) &&
                  take(in, s.pooling == kPoolAttention ? s.dim : 0, &w->attention_query);
  if (!ok || !in.empty()) {
    *error = ok ? "trailing bytes after weight dump" : "weight dump is truncated";
    return false;
  }
  return true;
}

namespace {

// Bytes of one member's RPW1/RPW2 dump with shape s (header included).
size_t dump_size(const ModelShape& s) {
  const size_t iw = s.input_width();
  const bool v2 = s.pooling != kPoolMean;
  return 4 + (v2 ? 7 : 6) * sizeof(uint32_t) + size_t{s.buckets} * s.dim +
         sizeof(float) * (s.buckets + s.hidden * iw + s.hidden + size_t{s.emotions} * s.hidden + s.emotions +
                          size_t{s.sentiments} * s.hidden + s.sentiments + (s.pooling == kPoolAttention ? s.dim : 0));
}

}  // namespace

std::string serialize_model_ensemble(const std::vector<ModelWeights>& members) {
  if (members.size() == 1) return serialize_model_weights(members[0]);
  std::string out("RPE1");
  const uint32_t k = static_cast<uint32_t>(members.size());
  out.append(reinterpret_cast<const char*>(&k), sizeof(k));
  for (const ModelWeights& w : members) out += serialize_model_weights(w);
  return out;
}

bool parse_model_ensemble(std::string_view in, std::vector<ModelWeights>* members, std::string* error) {
  members->clear();
  if (in.substr(0, 4) != "RPE1") {
    members->emplace_back();
    return parse_model_weights(in, &members->back(), error);
  }
  uint32_t k = 0;
  if (in.size() < 8) {
    *error = "ensemble dump is truncated";
    return false;
  }
  std::memcpy(&k, in.data() + 4, sizeof(k));
  in.remove_prefix(8);
  if (k < 2 || k > 16) {
    *error = "implausible ensemble size in weight dump";
    return false;
  }
  for (uint32_t m = 0; m < k; ++m) {
    // The member's length follows from its header; parse_model_weights checks the rest.
    ModelWeights w;
    uint32_t header[7] = {0, 0, 0, 0, 0, 0, kPoolMean};
    const size_t header_bytes = (in.substr(0, 4) == "RPW2" ? 7 : 6) * sizeof(uint32_t);
    if (in.size() < 4 + header_bytes) {
      *error = "ensemble dump is truncated";
      return false;
    }
    std::memcpy(header, in.data() + 4, header_bytes);
    const ModelShape s{header[0], header[1], header[2], header[3], header[4], header[5], header[6]};
    const size_t n = std::min(in.size(), dump_size(s));
    if (!parse_model_weights(in.substr(0, n), &w, error)) return false;
    if (m > 0 && std::memcmp(&w.shape, &(*members)[0].shape, sizeof(ModelShape)) != 0) {
      *error = "ensemble members differ in shape";
      return false;
    }
    members->push_back(std::move(w));
    in.remove_prefix(n);
  }
  if (!in.empty()) {
    *error = "trailing bytes after weight dump";
    return false;
  }
  return true;
}

}  // namespace rapport

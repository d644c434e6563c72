// The trainer's second pooling of a message's embedding rows besides their
// mean (--pooling attention|max, issue 9 tenth pass; model_weights.h gives the
// graph): forward and backward on float rows, kept apart from the Model so
// tests/cpp/train_pool_test.cc can check the gradients numerically.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "model/model_weights.h"

namespace rapport::train {

// What the forward pass keeps for the backward one.
struct PoolState {
  std::vector<float> weight;  // attention: softmax weight per position
  std::vector<uint32_t> arg;  // max: the winning position per dimension
};

// pool (d floats) from rows[i] (d floats each, one per id position).
inline void pool_forward(uint32_t pooling, const std::vector<const float*>& rows, const float* q, uint32_t d,
                         float* pool, PoolState* st) {
  const size_t n = rows.size();
  if (pooling == kPoolMax) {
    st->arg.assign(d, 0);
    for (uint32_t j = 0; j < d; ++j) pool[j] = rows[0][j];
    for (size_t i = 1; i < n; ++i)
      for (uint32_t j = 0; j < d; ++j)
        if (rows[i][j] > pool[j]) pool[j] = rows[i][j], st->arg[j] = static_cast<uint32_t>(i);
    return;
  }
  st->weight.resize(n);
  float top = -1e30f;
  for (size_t i = 0; i < n; ++i) {
    float s = 0.f;
    for (uint32_t j = 0; j < d; ++j) s += q[j] * rows[i][j];
    st->weight[i] = s, top = std::max(top, s);
  }
  float total = 0.f;
  for (float& a : st->weight) total += (a = std::exp(a - top));
  for (float& a : st->weight) a /= total;
  std::fill(pool, pool + d, 0.f);
  for (size_t i = 0; i < n; ++i)
    for (uint32_t j = 0; j < d; ++j) pool[j] += st->weight[i] * rows[i][j];
}

// Given dpool, adds each position's row gradient to grad[i * d + j] and the
// query's to dq (attention only). With a = softmax(s), s_i = q . e_i:
//   de_i += a_i dpool + ds_i q,  dq += sum_i ds_i e_i,
//   ds_i = a_i (dpool . e_i - sum_k a_k dpool . e_k).
inline void pool_backward(uint32_t pooling, const std::vector<const float*>& rows, const float* q, uint32_t d,
                          const float* dpool, const PoolState& st, float* grad, float* dq) {
  const size_t n = rows.size();
  if (pooling == kPoolMax) {
    for (uint32_t j = 0; j < d; ++j) grad[size_t{st.arg[j]} * d + j] += dpool[j];
    return;
  }
  std::vector<float> da(n);
  float mean = 0.f;
  for (size_t i = 0; i < n; ++i) {
    float s = 0.f;
    for (uint32_t j = 0; j < d; ++j) s += dpool[j] * rows[i][j];
    da[i] = s, mean += st.weight[i] * s;
  }
  for (size_t i = 0; i < n; ++i) {
    const float a = st.weight[i], ds = a * (da[i] - mean);
    float* g = &grad[i * d];
    for (uint32_t j = 0; j < d; ++j) g[j] += a * dpool[j] + ds * q[j], dq[j] += ds * rows[i][j];
  }
}

}  // namespace rapport::train

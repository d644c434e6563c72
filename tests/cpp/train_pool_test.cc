// The trainer's attention and max pooling (models/train/train_pool.h): the
// backward pass against central differences of the forward one, and the C++
// reference forward pass (model_weights.cc) against the trainer's pooling.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "../../models/train/train_pool.h"

namespace rapport::train {
namespace {

// A loss that weighs every pooled dimension differently: L = sum_j c_j pool_j.
float loss(uint32_t pooling, std::vector<float> rows, const std::vector<float>& q, uint32_t d,
           const std::vector<float>& c) {
  std::vector<const float*> ptr;
  for (size_t i = 0; i < rows.size() / d; ++i) ptr.push_back(&rows[i * d]);
  std::vector<float> pool(d);
  PoolState st;
  pool_forward(pooling, ptr, q.data(), d, pool.data(), &st);
  float l = 0.f;
  for (uint32_t j = 0; j < d; ++j) l += c[j] * pool[j];
  return l;
}

void check_gradients(uint32_t pooling) {
  const uint32_t d = 3;
  // Three positions; for attention the last repeats the first (rule priors
  // come twice), for max it may not (a tie is where max has no derivative).
  std::vector<float> rows = {0.5f, -1.f, 0.25f, 1.5f, 0.2f, -0.7f, 0.5f, -1.f, 0.25f};
  if (pooling == kPoolMax) rows[6] = 0.1f, rows[7] = -2.f, rows[8] = 0.f;
  std::vector<float> q = {0.8f, -0.4f, 1.1f};
  const std::vector<float> c = {1.f, -2.f, 0.5f};
  std::vector<const float*> ptr = {&rows[0], &rows[3], &rows[6]};
  std::vector<float> pool(d), grad(rows.size(), 0.f), dq(d, 0.f);
  PoolState st;
  pool_forward(pooling, ptr, q.data(), d, pool.data(), &st);
  pool_backward(pooling, ptr, q.data(), d, c.data(), st, grad.data(), dq.data());
  const float h = 1e-3f;
  for (size_t k = 0; k < rows.size(); ++k) {
    std::vector<float> up = rows, down = rows;
    up[k] += h, down[k] -= h;
    const float numeric = (loss(pooling, up, q, d, c) - loss(pooling, down, q, d, c)) / (2 * h);
    EXPECT_NEAR(grad[k], numeric, 2e-3f) << "row value " << k;
  }
  for (uint32_t j = 0; j < d; ++j) {
    std::vector<float> up = q, down = q;
    up[j] += h, down[j] -= h;
    const float numeric = (loss(pooling, rows, up, d, c) - loss(pooling, rows, down, d, c)) / (2 * h);
    EXPECT_NEAR(dq[j], numeric, 2e-3f) << "query " << j;
  }
}

TEST(TrainPool, AttentionGradientsMatchFiniteDifferences) { check_gradients(kPoolAttention); }

TEST(TrainPool, MaxGradientsMatchFiniteDifferences) { check_gradients(kPoolMax); }

TEST(TrainPool, AttentionWithAZeroQueryIsTheMean) {
  std::vector<float> rows = {1.f, 2.f, 3.f, -1.f};
  std::vector<const float*> ptr = {&rows[0], &rows[2]};
  const std::vector<float> q = {0.f, 0.f};
  std::vector<float> pool(2);
  PoolState st;
  pool_forward(kPoolAttention, ptr, q.data(), 2, pool.data(), &st);
  EXPECT_FLOAT_EQ(pool[0], 2.f);
  EXPECT_FLOAT_EQ(pool[1], 0.5f);
}

// The shipped reference forward pass pools the dequantized int8 rows the same way.
TEST(TrainPool, ReferenceForwardPoolsLikeTheTrainer) {
  for (const uint32_t pooling : {kPoolAttention, kPoolMax}) {
    ModelWeights w;
    w.shape = {3, 2, 0, 4, 1, 3, pooling};
    w.embedding_q = {100, -50, -127, 20, 10, 127};
    w.embedding_scale = {0.01f, 0.02f, 0.005f};
    if (pooling == kPoolAttention) w.attention_query = {1.5f, -2.f};
    // h = relu(x) for the 4 inputs [mean; pool]; emotion 0 reads pool dim 0.
    w.w1 = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
    w.b1 = {0, 0, 0, 0};
    w.w_emo = {0, 0, 1, 0};
    w.b_emo = {0};
    w.w_sent.assign(12, 0.f);
    w.b_sent = {0, 0, 0};
    const std::vector<uint32_t> ids = {0, 1, 2, 0};
    std::vector<float> rows;
    for (uint32_t id : ids)
      for (uint32_t j = 0; j < 2; ++j) rows.push_back(w.embedding_q[id * 2 + j] * w.embedding_scale[id]);
    std::vector<const float*> ptr;
    for (size_t i = 0; i < ids.size(); ++i) ptr.push_back(&rows[i * 2]);
    std::vector<float> pool(2);
    PoolState st;
    pool_forward(pooling, ptr, w.attention_query.data(), 2, pool.data(), &st);
    ModelOutput out;
    model_forward(w, ids, nullptr, &out);
    const float expected = 1.f / (1.f + std::exp(-std::max(0.f, pool[0])));
    EXPECT_NEAR(out.emotions[0], expected, 1e-6f) << "pooling " << pooling;
    EXPECT_GT(pool[0], 0.f);  // the case is not vacuous: relu passes it
    ModelWeights back;
    std::string error;
    ASSERT_TRUE(parse_model_weights(serialize_model_weights(w), &back, &error)) << error;
    EXPECT_EQ(back.shape.pooling, pooling);
    EXPECT_EQ(back.attention_query, w.attention_query);
    EXPECT_EQ(serialize_model_weights(back), serialize_model_weights(w));
  }
}

}  // namespace
}  // namespace rapport::train

// The trainer's pretrained starting rows (models/train/train_pretrained.h):
// the vector file reader, the PCA projection and its scale, the ids (the
// core's own word unigram ids), and the per-row learning-rate hook.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "../../models/train/train_pretrained.h"

namespace rapport::train {
namespace {

std::string write_vectors(const std::string& name, const std::vector<std::string>& words,
                          const std::vector<float>& vectors, uint32_t dims, size_t cut = 0) {
  const std::string path = testing::TempDir() + name;
  std::string bytes = "RWV1";
  const uint32_t count = static_cast<uint32_t>(words.size());
  bytes.append(reinterpret_cast<const char*>(&count), 4).append(reinterpret_cast<const char*>(&dims), 4);
  for (size_t i = 0; i < words.size(); ++i) {
    const uint16_t len = static_cast<uint16_t>(words[i].size());
    bytes.append(reinterpret_cast<const char*>(&len), 2).append(words[i]);
    bytes.append(reinterpret_cast<const char*>(&vectors[i * dims]), 4 * size_t{dims});
  }
  std::ofstream(path, std::ios::binary) << bytes.substr(0, bytes.size() - cut);
  return path;
}

TEST(TrainPretrained, ReadsTheFileAndRejectsATruncatedOne) {
  const std::vector<float> v = {1, 2, 3, 4, 5, 6};
  const std::string path = write_vectors("vectors.bin", {"refund", "café"}, v, 3);
  WordVectors wv;
  std::string error;
  ASSERT_TRUE(load_word_vectors(path, 10, &wv, &error)) << error;
  EXPECT_EQ(wv.dims, 3u);
  EXPECT_EQ(wv.words, (std::vector<std::string>{"refund", "café"}));
  EXPECT_EQ(wv.vectors, v);
  ASSERT_TRUE(load_word_vectors(path, 1, &wv, &error)) << error;  // --init-vectors-max
  EXPECT_EQ(wv.words.size(), 1u);
  EXPECT_FALSE(load_word_vectors(write_vectors("cut.bin", {"refund", "café"}, v, 3, 2), 10, &wv, &error));
  EXPECT_NE(error.find("truncated"), std::string::npos) << error;
  std::ofstream(testing::TempDir() + "other.bin") << "not vectors";
  EXPECT_FALSE(load_word_vectors(testing::TempDir() + "other.bin", 10, &wv, &error));
}

// Points along x (+-4), z (+-3) and y (+-1), plus an offset the centring
// removes: the first component is x, the second z, each signed positive.
TEST(TrainPretrained, ProjectsOnTheLargestComponentsAndScales) {
  WordVectors wv;
  wv.dims = 3;
  const std::vector<std::array<float, 3>> points = {{0, 0, -3}, {0, 0, 3}, {-4, 0, 0}, {4, 0, 0}, {0, -1, 0}, {0, 1, 0}};
  const float offset[3] = {5.f, -2.f, 1.f};
  for (size_t i = 0; i < points.size(); ++i) {
    wv.words.push_back("w" + std::to_string(i));
    for (int j = 0; j < 3; ++j) wv.vectors.push_back(points[i][j] + offset[j]);
  }
  double explained = 0;
  const std::vector<float> raw = project_word_vectors(wv, 2, 1.f, &explained);
  ASSERT_EQ(raw.size(), 12u);
  EXPECT_NEAR(explained, (32.0 + 18.0) / (32.0 + 18.0 + 2.0), 1e-6);
  // Mean norm before scaling: (3 + 3 + 4 + 4 + 0 + 0) / 6; after, sqrt(1 / (3 * 2)).
  const float k = static_cast<float>(std::sqrt(1.0 / 6.0) / (14.0 / 6.0));
  const std::vector<float> expected = {0, -3 * k, 0, 3 * k, -4 * k, 0, 4 * k, 0, 0, 0, 0, 0};
  for (size_t i = 0; i < raw.size(); ++i) EXPECT_NEAR(raw[i], expected[i], 1e-5) << i;
  const std::vector<float> big = project_word_vectors(wv, 2, 4.f);
  for (size_t i = 0; i < raw.size(); ++i) EXPECT_NEAR(big[i], 4.f * raw[i], 1e-5);
}

TEST(TrainPretrained, RowsAreTheCoreWordUnigramIdsFirstWordWins) {
  WordVectors wv;
  wv.dims = 2;
  wv.words = {"refund", "late"};
  wv.vectors = {1, 0, 0, 1};
  const std::vector<float> projected = {0.5f, 0.f, 0.f, 0.5f};
  FeatureConfig fc;
  fc.buckets = 50000;
  const std::vector<PretrainedRow> rows = pretrained_rows(wv, projected, 2, fc);
  ASSERT_EQ(rows.size(), 2u);
  // The word's unigram id is the first sparse id the core extracts for it.
  EXPECT_EQ(rows[0].id, model_features_for_text("refund", fc).ids.at(0));
  EXPECT_EQ(rows[1].id, model_features_for_text("late", fc).ids.at(0));
  EXPECT_EQ(rows[0].row, (std::vector<float>{0.5f, 0.f}));
  fc.buckets = 1;  // both words in one bucket: the more frequent (first) keeps it
  const std::vector<PretrainedRow> shared = pretrained_rows(wv, projected, 2, fc);
  ASSERT_EQ(shared.size(), 1u);
  EXPECT_EQ(shared[0].row, (std::vector<float>{0.5f, 0.f}));
  fc.buckets = 50000;  // a bigram of two known words: the mean of their rows
  const std::vector<std::pair<std::string, std::string>> pairs = {{"late", "refund"}, {"late", "unknown"}};
  const std::vector<PretrainedRow> with_bigrams = pretrained_rows(wv, projected, 2, fc, &pairs);
  ASSERT_EQ(with_bigrams.size(), 3u);
  const std::vector<uint32_t> ids = model_features_for_text("late refund", fc).ids;
  EXPECT_NE(std::find(ids.begin(), ids.end(), with_bigrams[2].id), ids.end());
  EXPECT_EQ(with_bigrams[2].row, (std::vector<float>{0.25f, 0.25f}));
}

TEST(TrainPretrained, RowLearningRateZeroKeepsTheRowsFactorOneMovesThem) {
  FeatureConfig fc;
  fc.buckets = 64;
  std::vector<Example> data(1);
  data[0].text = "my refund is late";
  data[0].sentiment = kNegative;
  featurize(&data[0], fc);
  Hyper h;
  h.dim = 4, h.hidden = 8, h.batch = 1;
  const std::vector<uint32_t> order = {0, 0, 0};
  for (const float factor : {0.f, 1.f}) {
    Model m(fc.buckets, h);
    PretrainedInit init;
    for (uint32_t id : data[0].features.ids) init.rows.push_back({id, {0.1f, -0.2f, 0.3f, 0.05f}});
    init.lr = factor;
    init.apply(&m);
    init.before_epoch(&m, 1, fc.buckets);
    m.train_epoch(data, order, 1.f);
    const float* row = m.embedding_row(data[0].features.ids[0]);
    const bool same = row[0] == 0.1f && row[1] == -0.2f && row[2] == 0.3f && row[3] == 0.05f;
    EXPECT_EQ(same, factor == 0.f) << "factor " << factor;
  }
}

}  // namespace
}  // namespace rapport::train

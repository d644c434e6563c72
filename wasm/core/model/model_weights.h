// The classifier's weights and the C++ reference forward pass. ONNX Runtime
// Web runs the same graph (models/train/export_onnx.py writes it from the dump
// below); the parity test holds the two within 1e-4.
//
// Graph, for one message with sparse ids k_1..k_n and dense features d:
//   bag    = sum_i  float(E_q[k_i]) * (scale[k_i] * (1/n))      (embedding bag, mean)
//   h      = relu(W1 [bag; d] + b1)
//   emo    = sigmoid(W_emo h + b_emo)      28 GoEmotions labels, multi-label
//   sent   = softmax(W_sent h + b_sent)    negative, neutral, positive
// E_q is int8 with one float scale per row (symmetric, per-row quantization).
//
// With shape.pooling != kPoolMean a second view of the same rows joins the
// mean before d (x = [bag; pool; d]), so a few strong words in a long message
// are not diluted by the average:
//   attention: s_i = q . e_i, a = softmax(s) over the message's ids,
//              pool = sum_i a_i e_i      (q: attention_query, dim floats)
//   max:       pool_j = max_i e_i[j]
// where e_i = float(E_q[k_i]) * scale[k_i]. Padding never enters (the ONNX
// graph masks ids whose bag weight is 0).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rapport {

constexpr int kSentimentClasses = 3;  // negative, neutral, positive

// How the embedding rows are pooled besides their mean (issue 9, tenth pass).
constexpr uint32_t kPoolMean = 0, kPoolAttention = 1, kPoolMax = 2;

struct ModelShape {
  uint32_t buckets = 0;
  uint32_t dim = 0;
  uint32_t dense = 0;
  uint32_t hidden = 0;
  uint32_t emotions = 0;
  uint32_t sentiments = 0;
  uint32_t pooling = kPoolMean;
  // The bag (and the second pooled view, if any), then the dense features.
  uint32_t input_width() const { return dim * (pooling == kPoolMean ? 1 : 2) + dense; }
};

struct ModelWeights {
  ModelShape shape;
  std::vector<int8_t> embedding_q;  // buckets x dim
  std::vector<float> embedding_scale;  // buckets
  std::vector<float> w1, b1;           // hidden x (dim+dense), hidden
  std::vector<float> w_emo, b_emo;     // emotions x hidden, emotions
  std::vector<float> w_sent, b_sent;   // sentiments x hidden, sentiments
  std::vector<float> attention_query;  // dim with kPoolAttention, else empty
};

struct ModelOutput {
  std::vector<float> emotions;   // probabilities, shape.emotions
  std::vector<float> sentiment;  // probabilities, shape.sentiments (sum 1)
};

// Reference forward pass for one message. `ids` must be non-empty and each
// below shape.buckets (features.cc guarantees both).
void model_forward(const ModelWeights& w, const std::vector<uint32_t>& ids,
                   const float* dense, ModelOutput* out);

// An ensemble of models of one shape trained with different seeds: the mean
// of the members' emotion probabilities and the mean of their sentiment
// distributions (the ONNX graph's Mean nodes). One member is model_forward.
void ensemble_forward(const std::vector<ModelWeights>& members, const std::vector<uint32_t>& ids,
                      const float* dense, ModelOutput* out);

// Binary dump shared by the trainer and models/train/export_onnx.py: magic "RPW1",
// six little-endian uint32 (the ModelShape fields in order), then the arrays
// in the order of ModelWeights (int8 embedding, then float32 arrays). A model
// with a second pooling is "RPW2" with a seventh uint32 (pooling) and, for
// attention, the query last; a mean-only model keeps RPW1, byte for byte.
std::string serialize_model_weights(const ModelWeights& w);
// Returns false (and says why in *error) on a short, truncated or malformed dump.
bool parse_model_weights(std::string_view bytes, ModelWeights* w, std::string* error);

// An ensemble's dump: one member is its RPW1 dump as above; K > 1 members are
// "RPE1", K as a little-endian uint32, then the K members' RPW1 dumps.
std::string serialize_model_ensemble(const std::vector<ModelWeights>& members);
bool parse_model_ensemble(std::string_view bytes, std::vector<ModelWeights>* members, std::string* error);

}  // namespace rapport

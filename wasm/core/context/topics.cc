#include "context/topics.h"

#include <cmath>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace rapport::context {
namespace {

struct Model {
  std::vector<TopicInfo> topics;
  std::vector<double> bias;
  std::unordered_map<std::string, std::vector<std::pair<int, double>>> weights;
  double threshold = 1;
  int none = -1;  // the no-topic class
};

// Parsed once, on first use (the wasm module pays nothing until a message
// needs a topic).
const Model& model() {
  static const Model m = [] {
    Model out;
    auto doc = nlohmann::json::parse(topic_model_json(), nullptr, false);
    if (doc.is_discarded()) return out;  // a broken build step: every text gets no topic
    for (const auto& t : doc["topics"]) {
      out.topics.push_back({t["id"].get<std::string>(), t["label"].get<std::string>(), t["phrase"].get<std::string>()});
      if (out.topics.back().id == "none") out.none = static_cast<int>(out.topics.size()) - 1;
    }
    for (const auto& b : doc["bias"]) out.bias.push_back(b.get<double>());
    out.threshold = doc["threshold"].get<double>();
    for (auto it = doc["features"].begin(); it != doc["features"].end(); ++it) {
      auto& row = out.weights[it.key()];
      for (const auto& kw : *it) row.emplace_back(kw[0].get<int>(), kw[1].get<double>());
    }
    return out;
  }();
  return m;
}

// The trainer's features (scripts/train-topics.mjs): lower-cased ASCII
// words, apostrophes dropped inside them, a word with a digit as "<n>", and
// adjacent pairs.
std::unordered_set<std::string> features(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  bool digit = false;
  auto flush = [&] {
    if (!word.empty()) words.push_back(digit ? "<n>" : word);
    word.clear();
    digit = false;
  };
  for (char c : text) {
    if (c == '\'') continue;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      digit = digit || (c >= '0' && c <= '9');
      word += c;
    } else {
      flush();
    }
  }
  flush();
  std::unordered_set<std::string> out(words.begin(), words.end());
  for (size_t i = 1; i < words.size(); ++i) out.insert(words[i - 1] + " " + words[i]);
  return out;
}

}  // namespace

const TopicInfo* classify_topic(std::string_view text, double* confidence) {
  const Model& m = model();
  if (confidence) *confidence = 0;
  if (m.topics.empty()) return nullptr;
  std::vector<double> score = m.bias;
  bool seen = false;
  for (const std::string& f : features(text)) {
    auto it = m.weights.find(f);
    if (it == m.weights.end()) continue;
    seen = true;
    for (const auto& [k, w] : it->second) score[k] += w;
  }
  if (!seen) return nullptr;
  size_t best = 0;
  for (size_t k = 1; k < score.size(); ++k) {
    if (score[k] > score[best]) best = k;
  }
  double z = 0;
  for (double s : score) z += std::exp(s - score[best]);
  double p = 1 / z;
  if (confidence) *confidence = p;
  if (static_cast<int>(best) == m.none || p < m.threshold) return nullptr;
  return &m.topics[best];
}

const TopicInfo* topic_info(std::string_view id) {
  if (id.empty()) return nullptr;
  for (const TopicInfo& t : model().topics) {
    if (t.id == id && static_cast<int>(&t - &model().topics[0]) != model().none) return &t;
  }
  return nullptr;
}

}  // namespace rapport::context

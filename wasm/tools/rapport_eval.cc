// Macro recall of the lexicon sentiment path on the dev/val splits:
//   rapport_eval <data dir> [--sweep]   (the folder holding tweeteval/ and goemotions/)
// TweetEval sentiment val: labels 0 negative, 1 neutral, 2 positive.
// GoEmotions dev: each label maps through sentiment_groups.json; a text whose
// labels are only neutral or "ambiguous" is neutral; one with both positive and
// negative labels is dropped (its gold polarity is undefined), as the bench does.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/sentiment.h"
#include "text/tokenizer.h"
#include "dataset_text.h"
#include "text/utf8.h"

namespace {

using rapport::sentiment_label;

enum Polarity { kNeg = 0, kNeu = 1, kPos = 2 };
struct Example {
  std::string text;
  int gold;
};

std::vector<std::string> read_lines(const std::string& path) {
  std::vector<std::string> lines;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<Example> load_tweeteval(const std::string& dir) {
  auto texts = read_lines(dir + "/tweeteval/sentiment/val_text.txt");
  auto labels = read_lines(dir + "/tweeteval/sentiment/val_labels.txt");
  std::vector<Example> out;
  for (size_t i = 0; i < labels.size() && i < texts.size(); ++i)
    if (!labels[i].empty()) out.push_back({rapport::tools::decode_literal_escapes(texts[i]), labels[i][0] - '0'});
  return out;
}

std::vector<Example> load_goemotions(const std::string& dir, int* dropped) {
  auto names = read_lines(dir + "/goemotions/labels.txt");
  std::ifstream gin(dir + "/goemotions/sentiment_groups.json");
  std::stringstream ss;
  ss << gin.rdbuf();
  nlohmann::json groups = nlohmann::json::parse(ss.str(), nullptr, false);
  std::map<std::string, int> group_of;
  if (groups.is_object()) {
    for (const auto& n : groups["positive"]) group_of[n.get<std::string>()] = kPos;
    for (const auto& n : groups["negative"]) group_of[n.get<std::string>()] = kNeg;
  }
  std::vector<Example> out;
  *dropped = 0;
  for (const std::string& line : read_lines(dir + "/goemotions/dev.tsv")) {
    size_t t1 = line.find('\t');
    if (t1 == std::string::npos) continue;
    size_t t2 = line.find('\t', t1 + 1);
    std::string ids = line.substr(t1 + 1, t2 == std::string::npos ? std::string::npos : t2 - t1 - 1);
    bool pos = false, neg = false;
    std::stringstream idss(ids);
    for (std::string id; std::getline(idss, id, ',');) {
      size_t k = std::stoul(id);
      if (k >= names.size()) continue;
      auto it = group_of.find(names[k]);
      if (it == group_of.end()) continue;
      (it->second == kPos ? pos : neg) = true;
    }
    if (pos && neg) { ++*dropped; continue; }
    out.push_back({line.substr(0, t1), pos ? kPos : neg ? kNeg : kNeu});
  }
  return out;
}

rapport::LexiconSentiment score(const std::string& raw) {
  rapport::SanitizedText clean = rapport::sanitize_utf8(raw);
  rapport::Tokenized tokens = rapport::tokenize(clean.text);
  return rapport::score_sentiment(clean.text, tokens);
}

int predict(const std::string& raw) {
  std::string label = sentiment_label(score(raw).score.compound);
  return label == "negative" ? kNeg : label == "positive" ? kPos : kNeu;
}

// --sweep: macro recall if the neutral band (on the valence sum) were `band`,
// to tune kNeutralBand. The label threshold 0.05 on x/sqrt(x^2+15) is a sum
// of about 0.19 past the band.
void sweep(const char* name, const std::vector<Example>& data) {
  std::vector<float> sums;
  for (const Example& ex : data) sums.push_back(score(ex.text).valence_sum);
  std::printf("%s band sweep:", name);
  for (float band = 0; band <= 2.01f; band += 0.25f) {
    int hit[3] = {0, 0, 0}, total[3] = {0, 0, 0};
    for (size_t i = 0; i < data.size(); ++i) {
      float cut = band + 0.194f;
      int p = sums[i] >= cut ? kPos : sums[i] <= -cut ? kNeg : kNeu;
      ++total[data[i].gold];
      if (p == data[i].gold) ++hit[data[i].gold];
    }
    double macro = 0;
    for (int c = 0; c < 3; ++c) macro += total[c] ? 100.0 * hit[c] / total[c] / 3 : 0;
    std::printf(" %.2f:%.2f", band, macro);
  }
  std::printf("\n");
}

void report(const char* name, const std::vector<Example>& data) {
  int hit[3] = {0, 0, 0}, total[3] = {0, 0, 0}, confusion[3][3] = {};
  auto start = std::chrono::steady_clock::now();
  for (const Example& ex : data) {
    int p = predict(ex.text);
    ++total[ex.gold];
    ++confusion[ex.gold][p];
    if (p == ex.gold) ++hit[ex.gold];
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  double macro = 0;
  std::printf("%s (n=%zu)\n", name, data.size());
  const char* cls[3] = {"negative", "neutral", "positive"};
  for (int c = 0; c < 3; ++c) {
    double r = total[c] ? 100.0 * hit[c] / total[c] : 0;
    macro += r / 3;
    std::printf("  recall %-8s %6.2f  (gold %4d -> neg %4d neu %4d pos %4d)\n", cls[c], r,
                total[c], confusion[c][0], confusion[c][1], confusion[c][2]);
  }
  std::printf("  macro recall     %6.2f   %.2f us/message (sanitize+tokenize+score)\n", macro,
              1e6 * secs / (data.empty() ? 1 : data.size()));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: rapport_eval <data dir with tweeteval/ and goemotions/>\n");
    return 2;
  }
  std::string dir = argv[1];
  auto tweeteval = load_tweeteval(dir);
  int dropped = 0;
  auto goemotions = load_goemotions(dir, &dropped);
  if (tweeteval.empty() || goemotions.empty()) {
    std::fprintf(stderr, "rapport_eval: no data under %s\n", dir.c_str());
    return 1;
  }
  report("TweetEval sentiment val", tweeteval);
  std::printf("  (GoEmotions: %d texts with both positive and negative labels dropped)\n", dropped);
  report("GoEmotions dev, sentiment groups", goemotions);
  if (argc > 2 && std::string(argv[2]) == "--sweep") {
    sweep("TweetEval", tweeteval);
    sweep("GoEmotions", goemotions);
  }
  return 0;
}

// Weak supervision for rapport_train: sentiment targets for unlabelled
// in-domain support text from labelling functions over the core's own rules
// (lexicon incl. the service-failure lexicon, cues, negation/contrast/sarcasm).
// Each function votes negative, neutral or positive, or abstains; a message
// gets the class with the most votes, none on a tie or when all abstain.
// The model then learns the in-domain words that come WITH those rule hits
// ("pack", "garage", "verification", "hours ago"), which the rules alone
// cannot name. Header-only, like the other trainer helpers.
//
// Sources (see ../shared/data/SOURCES.md; all may train the shipped model):
//  - twcc/test.json: customer turns of the IBM customer-care conversations
//    (Apache-2.0). The dev split is NOT read: its turns are the labelled
//    in-domain dev set (support-labelled/), which must stay unseen.
//  - banking77/train.tsv and test.tsv: online-banking customer queries (CC BY 4.0).
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/analyzer.h"
#include "train_data.h"

namespace rapport::train {

struct WeakVotes {
  int votes[3] = {0, 0, 0};  // negative, neutral, positive
};

// The labelling functions, over one analyzed message. Returns the class or
// kNoSentiment (abstain).
inline int8_t weak_label(const Assessment& a, WeakVotes* out = nullptr) {
  float net = 0.f, strongest = 0.f;
  bool negative_item = false, ruled_negative = false;
  for (const Evidence& e : a.evidence) {
    if (e.source.compare(0, 4, "cue:") == 0) continue;
    net += e.weight;
    strongest = std::max(strongest, std::fabs(e.weight));
    negative_item |= e.weight < 0.f;
    ruled_negative |= (e.rules & kRuleSarcasm) != 0;
  }
  bool complaint_cue = false, gratitude = false;
  for (const Cue& c : a.cues) {
    complaint_cue |= c.id == "churn_risk" || c.id == "escalation" || c.id == "repeat_contact";
    gratitude |= c.id == "gratitude";
  }
  WeakVotes v;
  // LF1 failure or negative words: the rules' items sum to -1 or less.
  if (net <= -1.f) ++v.votes[kNegative];
  // LF2 complaint cues: leaving, escalating, or asking again.
  if (complaint_cue) ++v.votes[kNegative];
  // LF3 sarcastic thanks over a failure.
  if (ruled_negative) ++v.votes[kNegative];
  // LF4 gratitude with nothing negative.
  if (gratitude && !negative_item) ++v.votes[kPositive];
  // LF5 clear praise with nothing negative.
  if (net >= 1.5f && !negative_item) ++v.votes[kPositive];
  // LF6 a plain request or question: no item of any weight, no complaint cue.
  if (strongest < 0.5f && !complaint_cue) ++v.votes[kNeutral];
  if (out) *out = v;
  int best = -1, top = 0;
  bool tie = false;
  for (int c = 0; c < 3; ++c) {
    if (v.votes[c] > top) top = v.votes[c], best = c, tie = false;
    else if (v.votes[c] == top && top > 0) tie = true;
  }
  return best < 0 || tie ? kNoSentiment : static_cast<int8_t>(best);
}

// Customer turns of twcc/test.json (turns with a "client" key).
inline bool load_twcc_customer_turns(const std::string& path, std::vector<Example>* out) {
  std::string data;
  if (!read_file(path, &data)) return false;
  const nlohmann::json j = nlohmann::json::parse(data, nullptr, false);
  if (!j.is_array()) return false;
  for (const auto& conv : j) {
    const auto turns = conv.find("dialogContent");
    if (turns == conv.end() || !turns->is_array()) continue;
    for (const auto& t : *turns) {
      if (!t.contains("client") || !t.contains("message") || !t["message"].is_string()) continue;
      Example e;
      e.text = t["message"].get<std::string>();
      out->push_back(std::move(e));
    }
  }
  return true;
}

// banking77 TSV: text<TAB>intent with a header row.
inline bool load_banking77_texts(const std::string& path, std::vector<Example>* out) {
  std::string data;
  if (!read_file(path, &data)) return false;
  std::istringstream lines(data);
  std::string line;
  std::getline(lines, line);  // header
  while (std::getline(lines, line)) {
    const size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0) continue;
    Example e;
    e.text = line.substr(0, tab);
    out->push_back(std::move(e));
  }
  return true;
}

// Labels `pool` by the labelling functions (analyzing each text) and
// appends the labelled ones to `train` with sentiment weight `weight` and
// no emotion targets. Returns counts per class (negative, neutral, positive).
inline std::array<int, 3> add_weakly_labelled(std::vector<Example>& pool, float weight,
                                              std::vector<Example>* train) {
  std::array<int, 3> counts{};
  for (Example& e : pool) {
    const int8_t y = weak_label(analyze_message(e.text).assessment);
    if (y == kNoSentiment) continue;
    e.sentiment = y;
    e.sentiment_weight = weight;
    e.has_emotions = false;
    ++counts[y];
    train->push_back(std::move(e));
  }
  return counts;
}

}  // namespace rapport::train

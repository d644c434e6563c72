// Weak supervision for rapport_train: sentiment targets for unlabelled
// in-domain support text from labelling functions over the core's own rules
// (lexicon incl. the service-failure lexicon, cues, negation/contrast/sarcasm).
// Each function votes negative, neutral or positive, or abstains; a message
// gets the class with the most votes, none on a tie or when all abstain
// (--weak-combine weighted: votes weighted by each function's measured
// precision instead, train_label_model.h).
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
#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <cctype>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/analyzer.h"
#include "train_data.h"

namespace rapport::train {

struct WeakVotes {
  int votes[3] = {0, 0, 0};  // negative, neutral, positive
};

// "Put out" markers of the labelling guidelines (support-labelled/GUIDELINES.md
// separates a negative problem report from a neutral one by whether the
// customer is "clearly put out"): repeated failure or contact ("still",
// "again", "yet", "every time", "keeps"), time waited ("3 days", "hours"),
// doubled "!!" / "??", demands ("asap", "fix this"), a shouted word. Text
// patterns, not the lexicon, so they add a signal the rules do not carry.
inline bool put_out_marker(const std::string& text) {
  std::string t;
  int caps_run = 0, longest_caps = 0;
  for (const char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    caps_run = std::isupper(c) ? caps_run + 1 : 0;
    longest_caps = std::max(longest_caps, caps_run);
    t += static_cast<char>(std::tolower(c));
  }
  if (longest_caps >= 4 || t.find("!!") != std::string::npos || t.find("??") != std::string::npos) return true;
  const std::string padded = " " + t + " ";
  for (const char* w : {" still ", " again", " yet ", " every time", " keeps ", " keep getting", " always ",
                        " never ", " asap", " fix this", " fix it", " ridiculous", " unacceptable"})
    if (padded.find(w) != std::string::npos) return true;
  for (const char* unit : {" hours", " days", " weeks", " months", " hrs"}) {  // "3 days", "two weeks"
    const size_t at = padded.find(unit);
    if (at != std::string::npos && at > 0 && (std::isdigit(static_cast<unsigned char>(padded[at - 1])) ||
                                              padded.compare(at >= 4 ? at - 4 : 0, 4, " few") == 0 ||
                                              padded.compare(at >= 3 ? at - 3 : 0, 3, "two") == 0))
      return true;
  }
  return false;
}

// A calm how-to or information question ("how do I", "is there a way",
// "can I"): neutral by the guidelines unless the customer is put out.
inline bool info_question(const std::string& text) {
  std::string t;
  for (const char ch : text) t += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  for (const char* w : {"how do i", "how can i", "how to ", "is there a way", "is there any way", "can i ",
                        "is it possible", "do i need", "what is the best", "where can i"})
    if (t.find(w) != std::string::npos) return true;
  return false;
}

// The labelling functions, by number (LF1..LF8 below, index 0..7).
constexpr int kLfCount = 8;
// One message's votes: per function the class it votes for, or kNoSentiment
// (abstain). A label model (majority below, or train_label_model.h) turns
// them into one label.
using LfVotes = std::array<int8_t, kLfCount>;

// The labelling functions, over one analyzed message. lfs 2 adds the
// put-out functions (LF7, LF8), which also let a failure report without a
// put-out marker tie with a calm question under the majority vote.
inline LfVotes lf_votes(const Assessment& a, int lfs = 1, const std::string* text = nullptr) {
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
  LfVotes v;
  v.fill(kNoSentiment);
  const auto vote = [&](int lf, bool fires, int8_t y) {
    if (fires) v[lf] = y;
  };
  // LF1 failure or negative words: the rules' items sum to -1 or less.
  vote(0, net <= -1.f, kNegative);
  // LF2 complaint cues: leaving, escalating, or asking again.
  vote(1, complaint_cue, kNegative);
  // LF3 sarcastic thanks over a failure.
  vote(2, ruled_negative, kNegative);
  // LF4 gratitude with nothing negative.
  vote(3, gratitude && !negative_item, kPositive);
  // LF5 clear praise with nothing negative.
  vote(4, net >= 1.5f && !negative_item, kPositive);
  // LF6 a plain request or question: no item of any weight, no complaint cue.
  vote(5, strongest < 0.5f && !complaint_cue, kNeutral);
  if (lfs >= 2 && text) {
    const bool put_out = put_out_marker(*text);
    // lfs 3 (tried): a calm failure report (no marker, no word of 2+, no
    // complaint cue) is neutral by the guidelines: LF1's vote is withdrawn.
    if (lfs >= 3 && net <= -1.f && !put_out && strongest < 2.f && !complaint_cue) v[0] = kNoSentiment;
    // LF7 a failure or negative item told with a put-out marker.
    vote(6, put_out && net <= -0.5f, kNegative);
    // LF8 a calm information question, no marker and no strong negative.
    vote(7, !put_out && !complaint_cue && info_question(*text) && net > -2.f, kNeutral);
  }
  return v;
}

// The majority vote (what ships): the class with the most votes, none on a
// tie or when all abstain.
inline int8_t majority_label(const LfVotes& lf, WeakVotes* out = nullptr) {
  WeakVotes v;
  for (const int8_t y : lf)
    if (y != kNoSentiment) ++v.votes[y];
  if (out) *out = v;
  int best = -1, top = 0;
  bool tie = false;
  for (int c = 0; c < 3; ++c) {
    if (v.votes[c] > top) top = v.votes[c], best = c, tie = false;
    else if (v.votes[c] == top && top > 0) tie = true;
  }
  return best < 0 || tie ? kNoSentiment : static_cast<int8_t>(best);
}

// The labelling functions' majority label of one analyzed message, or
// kNoSentiment (abstain).
inline int8_t weak_label(const Assessment& a, WeakVotes* out = nullptr, int lfs = 1,
                         const std::string* text = nullptr) {
  return majority_label(lf_votes(a, lfs, text), out);
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

// Labels `pool` by the labelling functions (analyzing each text), their
// votes combined by `combine` (the majority vote when empty), and appends
// the labelled ones to `train` with sentiment weight `weight` and no
// emotion targets. Returns counts per class (negative, neutral, positive).
inline std::array<int, 3> add_weakly_labelled(std::vector<Example>& pool, float weight,
                                              std::vector<Example>* train, int lfs = 1,
                                              const std::function<int8_t(const LfVotes&)>& combine = {}) {
  std::array<int, 3> counts{};
  for (Example& e : pool) {
    const LfVotes votes = lf_votes(analyze_message(e.text).assessment, lfs, &e.text);
    const int8_t y = combine ? combine(votes) : majority_label(votes);
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

// A label model for the labelling functions of train_weak.h
// (rapport_train --weak-combine weighted): instead of one function one vote,
// each function's vote counts by how often that vote is right on text the
// team labelled (never the dev set).
//
// Fitting: for function j voting class c, its precision p = P(team label is
// c | j votes c) on the labelled rows, add-one smoothed over the three
// classes, (right + 1) / (votes + 3), so a function never seen voting sits at
// chance, 1/3. Its weight is the log-odds of that vote under a one-coin
// noise model (right with p, else either other class alike):
// w = log(p / ((1 - p) / 2)), 0 at chance, negative below it (the vote is
// then evidence against its class).
// Combining: each class scores the sum of the weights of the votes for it;
// the message gets the top class when it is positive and leads the next by
// more than `margin`, else none (margin 0: ties abstain, as the majority
// vote's do). No class prior: a message no function votes on stays
// unlabelled, as under the majority vote. So a vote that is mostly wrong can
// only be dropped, not turned into the label the team gives instead.
// --weak-combine posterior does that: a vote of function j for class c adds
// log(3 P(team label y | j votes c)) to every class y (the same add-one
// smoothing over the three classes, 0 at chance), so a negative vote that the
// team calls neutral 3 times in 4 is evidence for neutral. Header-only.
#pragma once
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "train_weak.h"

namespace rapport::train {

struct LabelModel {
  // Per function and class: rows it voted that class on, and of those the
  // rows whose team label was that class.
  std::array<std::array<int, 3>, kLfCount> votes{}, right{};
  std::array<std::array<float, 3>, kLfCount> weight{};
  // Per function, class voted and team label: the rows (posterior mode).
  std::array<std::array<std::array<int, 3>, 3>, kLfCount> team{};
  int rows = 0;
  float margin = 0.f;
  bool posterior = false;

  float precision(int lf, int c) const { return (right[lf][c] + 1.f) / (votes[lf][c] + 3.f); }
};

// Fits the weights on `votes` (one LfVotes per labelled row) against the
// rows' team labels `truth` (kNegative..kPositive).
inline LabelModel fit_label_model(const std::vector<LfVotes>& votes, const std::vector<int8_t>& truth,
                                  float margin = 0.f, bool posterior = false) {
  LabelModel m;
  m.margin = margin;
  m.posterior = posterior;
  m.rows = static_cast<int>(votes.size());
  for (size_t i = 0; i < votes.size(); ++i)
    for (int j = 0; j < kLfCount; ++j) {
      const int8_t y = votes[i][j];
      if (y == kNoSentiment) continue;
      ++m.votes[j][y];
      m.right[j][y] += truth[i] == y;
      ++m.team[j][y][truth[i]];
    }
  for (int j = 0; j < kLfCount; ++j)
    for (int c = 0; c < 3; ++c)  // p / (1 - p) = (right + 1) / (wrong + 2), in counts: exactly 0 at chance
      m.weight[j][c] = std::log(2.f * (m.right[j][c] + 1.f) / (m.votes[j][c] - m.right[j][c] + 2.f));
  return m;
}

// Per-class scores of one message's votes.
inline std::array<float, 3> label_scores(const LabelModel& m, const LfVotes& v) {
  std::array<float, 3> s{};
  for (int j = 0; j < kLfCount; ++j) {
    const int8_t c = v[j];
    if (c == kNoSentiment) continue;
    if (!m.posterior) {
      s[c] += m.weight[j][c];
      continue;
    }
    for (int y = 0; y < 3; ++y) s[y] += std::log(3.f * (m.team[j][c][y] + 1.f) / (m.votes[j][c] + 3.f));
  }
  return s;
}

// The weighted label of one message, or kNoSentiment.
inline int8_t weighted_label(const LabelModel& m, const LfVotes& v) {
  const std::array<float, 3> s = label_scores(m, v);
  int best = 0;
  for (int c = 1; c < 3; ++c)
    if (s[c] > s[best]) best = c;
  float second = -1e30f;
  for (int c = 0; c < 3; ++c)
    if (c != best) second = std::max(second, s[c]);
  return s[best] > 0.f && s[best] - second > m.margin ? static_cast<int8_t>(best) : kNoSentiment;
}

// Each function's coverage, precision and weight, one line per vote class it
// casts, to stderr (`what` names the rows fitted on).
inline void print_label_model(const LabelModel& m, const char* what) {
  static const char* const kClass[3] = {"negative", "neutral", "positive"};
  std::fprintf(stderr, "label model on %s (%d rows; precision add-one smoothed; weight = log-odds, 0 at chance):\n",
               what, m.rows);
  for (int j = 0; j < kLfCount; ++j)
    for (int c = 0; c < 3; ++c) {
      if (m.votes[j][c] == 0) continue;
      std::fprintf(stderr, "  LF%d %-8s votes %4d (coverage %5.1f%%), right %4d (%5.1f%%), smoothed %.3f, weight %+.2f; "
                   "team neg/neu/pos %d/%d/%d\n", j + 1, kClass[c], m.votes[j][c], 100.f * m.votes[j][c] / std::max(m.rows, 1),
                   m.right[j][c], 100.f * m.right[j][c] / m.votes[j][c], m.precision(j, c), m.weight[j][c],
                   m.team[j][c][0], m.team[j][c][1], m.team[j][c][2]);
    }
}

// Cross-fitted labels of the labelled rows themselves: row i is labelled by
// a model fitted without its fold (i % folds), so agreement with the team is
// not measured on the rows the weights came from.
inline std::vector<int8_t> cross_fitted_labels(const std::vector<LfVotes>& votes, const std::vector<int8_t>& truth,
                                               int folds, float margin, bool posterior = false) {
  std::vector<int8_t> out(votes.size(), kNoSentiment);
  for (int k = 0; k < folds; ++k) {
    std::vector<LfVotes> fit_votes;
    std::vector<int8_t> fit_truth;
    for (size_t i = 0; i < votes.size(); ++i)
      if (static_cast<int>(i % folds) != k) fit_votes.push_back(votes[i]), fit_truth.push_back(truth[i]);
    const LabelModel m = fit_label_model(fit_votes, fit_truth, margin, posterior);
    for (size_t i = static_cast<size_t>(k); i < votes.size(); i += static_cast<size_t>(folds))
      out[i] = weighted_label(m, votes[i]);
  }
  return out;
}

// Agreement of weak labels with the team's on rows [from, to): the
// confusion (team neg/neu/pos x weak neg/neu/pos/abstain), coverage,
// accuracy where labelled, and the weak negative's precision.
inline void print_agreement(const char* what, const std::vector<int8_t>& truth, const std::vector<int8_t>& weak,
                            size_t from, size_t to) {
  int m[3][4] = {};
  for (size_t i = from; i < to; ++i) ++m[truth[i]][weak[i] == kNoSentiment ? 3 : weak[i]];
  const int n = static_cast<int>(to - from), labelled = n - m[0][3] - m[1][3] - m[2][3];
  const int right = m[0][0] + m[1][1] + m[2][2], negatives = m[0][0] + m[1][0] + m[2][0];
  std::fprintf(stderr, "  %s: %d %d %d %d | %d %d %d %d | %d %d %d %d; labelled %d of %d, right %d (%.1f%%), "
               "negative right %d of %d\n", what, m[0][0], m[0][1], m[0][2], m[0][3], m[1][0], m[1][1], m[1][2],
               m[1][3], m[2][0], m[2][1], m[2][2], m[2][3], labelled, n, right,
               100.f * right / std::max(labelled, 1), m[0][0], negatives);
}

}  // namespace rapport::train

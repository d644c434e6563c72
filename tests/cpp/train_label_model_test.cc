// The weighted label model of the weak supervision
// (models/train/train_label_model.h, rapport_train --weak-combine weighted):
// weights from a tiny hand-made labelled set, and the label it gives a few
// vote patterns, against the majority vote that ships.
#include <gtest/gtest.h>

#include <cmath>

#include "../../models/train/train_label_model.h"

namespace rapport::train {
namespace {

constexpr int8_t kAbstain = kNoSentiment;

// Votes with the given functions (0-based: LF1 = 0) voting the given classes.
LfVotes votes(std::initializer_list<std::pair<int, int8_t>> cast) {
  LfVotes v;
  v.fill(kAbstain);
  for (const auto& [lf, y] : cast) v[lf] = y;
  return v;
}

// LF1 votes negative on four rows, right on two; LF6 votes neutral on three,
// right on all; LF5 votes positive once, wrongly; LF7 never votes.
struct TinySet {
  std::vector<LfVotes> v = {votes({{0, kNegative}}),
                            votes({{0, kNegative}}),
                            votes({{0, kNegative}, {5, kNeutral}}),
                            votes({{0, kNegative}, {5, kNeutral}}),
                            votes({{5, kNeutral}}),
                            votes({{4, kPositive}})};
  std::vector<int8_t> truth = {kNegative, kNegative, kNeutral, kNeutral, kNeutral, kNeutral};
};

TEST(LabelModel, WeightsAreLogOddsOfAddOneSmoothedPrecision) {
  const TinySet s;
  const LabelModel m = fit_label_model(s.v, s.truth);
  EXPECT_EQ(m.rows, 6);
  EXPECT_EQ(m.votes[0][kNegative], 4);
  EXPECT_EQ(m.right[0][kNegative], 2);
  // (right + 1) / (votes + 3); weight log(p / ((1 - p) / 2)).
  EXPECT_FLOAT_EQ(m.precision(0, kNegative), 3.f / 7.f);
  EXPECT_NEAR(m.weight[0][kNegative], std::log(1.5f), 1e-5);  // 3/7 against 2/7 each
  EXPECT_FLOAT_EQ(m.precision(5, kNeutral), 4.f / 6.f);
  EXPECT_NEAR(m.weight[5][kNeutral], std::log(4.f), 1e-5);
  EXPECT_FLOAT_EQ(m.precision(4, kPositive), 1.f / 4.f);
  EXPECT_LT(m.weight[4][kPositive], 0.f);  // worse than chance: evidence against
  EXPECT_FLOAT_EQ(m.precision(6, kNegative), 1.f / 3.f);  // never seen: chance
  EXPECT_NEAR(m.weight[6][kNegative], 0.f, 1e-6);
}

TEST(LabelModel, CombinesVotesByWeight) {
  const TinySet s;
  const LabelModel m = fit_label_model(s.v, s.truth);
  // One vote of positive weight: its class.
  EXPECT_EQ(weighted_label(m, votes({{0, kNegative}})), kNegative);
  // A conflict the majority vote leaves as a tie goes to the more precise function.
  const LfVotes conflict = votes({{0, kNegative}, {5, kNeutral}});
  EXPECT_EQ(majority_label(conflict), kAbstain);
  EXPECT_EQ(weighted_label(m, conflict), kNeutral);
  // Two negative votes against one neutral: the majority says negative,
  // the weights (log 1.5 + 0 against log 4) neutral.
  const LfVotes two_to_one = votes({{0, kNegative}, {6, kNegative}, {5, kNeutral}});
  EXPECT_EQ(majority_label(two_to_one), kNegative);
  EXPECT_EQ(weighted_label(m, two_to_one), kNeutral);
  // A function worse than chance, or never measured, labels nothing alone.
  EXPECT_EQ(majority_label(votes({{4, kPositive}})), kPositive);
  EXPECT_EQ(weighted_label(m, votes({{4, kPositive}})), kAbstain);
  EXPECT_EQ(weighted_label(m, votes({{6, kNegative}})), kAbstain);
  EXPECT_EQ(weighted_label(m, votes({})), kAbstain);
}

TEST(LabelModel, AbstainsBelowTheMargin) {
  const TinySet s;
  const LabelModel m = fit_label_model(s.v, s.truth, 0.5f);
  EXPECT_EQ(weighted_label(m, votes({{0, kNegative}})), kAbstain);  // log 1.5 = 0.41 is not above 0.5
  EXPECT_EQ(weighted_label(m, votes({{5, kNeutral}})), kNeutral);   // log 4 = 1.39 is
  // log 4 - log 1.5 = 0.98 clears the margin.
  EXPECT_EQ(weighted_label(m, votes({{0, kNegative}, {5, kNeutral}})), kNeutral);
}

TEST(LabelModel, PosteriorTurnsAMostlyWrongVoteIntoTheTeamsLabel) {
  const TinySet s;
  const LabelModel m = fit_label_model(s.v, s.truth, 0.f, true);
  // LF5's one positive vote was neutral to the team: (0+1, 1+1, 0+1) / 4,
  // so alone it reads neutral where the precision weights abstain.
  EXPECT_EQ(weighted_label(m, votes({{4, kPositive}})), kNeutral);
  // LF1's negative votes split 2 / 2 between negative and neutral: a tie.
  EXPECT_EQ(weighted_label(m, votes({{0, kNegative}})), kAbstain);
  // With LF6's neutral vote beside it, neutral.
  EXPECT_EQ(weighted_label(m, votes({{0, kNegative}, {5, kNeutral}})), kNeutral);
  EXPECT_EQ(weighted_label(m, votes({})), kAbstain);
}

TEST(LabelModel, CrossFittedLabelsDoNotSeeTheirOwnRow) {
  // LF1 votes negative on both rows, right on the first only. Fitted on both
  // rows (p = (1 + 1) / (2 + 3) = 0.4, above chance) it labels both negative;
  // cross-fitted, row 0 is labelled by row 1 alone (p 1/4: abstain) and row 1
  // by row 0 alone (p 1/2: negative).
  const std::vector<LfVotes> v = {votes({{0, kNegative}}), votes({{0, kNegative}})};
  const std::vector<int8_t> truth = {kNegative, kNeutral};
  const LabelModel in_sample = fit_label_model(v, truth);
  EXPECT_EQ(weighted_label(in_sample, v[0]), kNegative);
  EXPECT_EQ(cross_fitted_labels(v, truth, 2, 0.f), (std::vector<int8_t>{kAbstain, kNegative}));
}

TEST(LabelModel, VotesOfTheShippedFunctions) {
  // lf_votes is what both combiners read: a put-out failure report gets
  // LF7's negative, a calm how-to question LF6's and LF8's neutral.
  const std::string fed_up = "Still no refund after 3 weeks, this is ridiculous!!";
  EXPECT_EQ(lf_votes(analyze_message(fed_up).assessment, 2, &fed_up)[6], kNegative);
  const std::string calm = "How do I change my email address?";
  const LfVotes c = lf_votes(analyze_message(calm).assessment, 2, &calm);
  EXPECT_EQ(c[5], kNeutral);
  EXPECT_EQ(c[7], kNeutral);
  EXPECT_EQ(c[0], kAbstain);
}

}  // namespace
}  // namespace rapport::train

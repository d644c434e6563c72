// The trainer's labelling functions (models/train/train_weak.h): the shipped
// model is trained on their labels (--weak-lfs 2), so what they call "put
// out" and "a calm question" is pinned here.
#include <gtest/gtest.h>

#include "../../models/train/train_weak.h"

namespace rapport::train {
namespace {

int8_t label_of(const std::string& text, int lfs) {
  return weak_label(analyze_message(text).assessment, nullptr, lfs, &text);
}

TEST(WeakLabels, PutOutMarkersAreRepeatsWaitsEmphasisAndDemands) {
  EXPECT_TRUE(put_out_marker("My order still hasn't arrived"));
  EXPECT_TRUE(put_out_marker("I have waited 3 days for an answer"));
  EXPECT_TRUE(put_out_marker("Waited a few hours on the line"));
  EXPECT_TRUE(put_out_marker("Where is my refund??"));
  EXPECT_TRUE(put_out_marker("This is the WORST service"));
  EXPECT_TRUE(put_out_marker("Please fix this asap"));
  EXPECT_FALSE(put_out_marker("How do I change my email address?"));
  EXPECT_FALSE(put_out_marker("My package shows delivered, can you check?"));
  EXPECT_FALSE(put_out_marker("I use the app on iOS"));  // a short acronym is not shouting
}

TEST(WeakLabels, InformationQuestions) {
  EXPECT_TRUE(info_question("How do I change my email address?"));
  EXPECT_TRUE(info_question("Is there a way to export my playlists?"));
  EXPECT_FALSE(info_question("My order never arrived."));
}

TEST(WeakLabels, PutOutFunctionsSeparateAFedUpReportFromACalmQuestion) {
  EXPECT_EQ(label_of("How do I change my email address?", 2), kNeutral);
  EXPECT_EQ(label_of("Still no refund after 3 weeks, this is ridiculous!!", 2), kNegative);
  EXPECT_EQ(label_of("Thank you so much, the new update is great", 2), kPositive);
}

}  // namespace
}  // namespace rapport::train

// ReviewSession: per-conversation review state over a Reviewer's pack. Two
// conversations interleaved review exactly as each would alone; the customer
// is analysed once per change; packs never leak between Reviewers.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "review/reviewer.h"
#include "review/session.h"

using namespace rapport::review;

namespace {

const char* kAngry = "Third time my order is late. Unacceptable, I'm furious!";
const char* kHappy = "Thanks so much, the replacement arrived and works great!";
const std::vector<std::string> kDrafts = {
    "Hi, calm down. As I said, there is nothing I can do.",
    "I am so sorry about your order, Dana. I will refund it today.",
    "Glad it works! Let me know if anything else comes up.",
    "",
};

bool flags(const Review& r, const Reviewer& reviewer, const std::string& id) {
  for (const Suggestion& s : r.suggestions) {
    if (reviewer.pack().rules[s.rule].id == id) return true;
  }
  return false;
}

}  // namespace

TEST(ReviewSession, InterleavedConversationsReviewAsEachWouldAlone) {
  const Reviewer reviewer;
  ReviewSession angry(reviewer), happy(reviewer);
  angry.set_customer(kAngry, "Dana");
  happy.set_customer(kHappy, "Lee", "Sam", "Acme");
  for (const std::string& draft : kDrafts) {
    const std::string a = angry.review_json(draft);
    const std::string h = happy.review_json(draft);
    ReviewSession alone_a(reviewer), alone_h(reviewer);
    alone_a.set_customer(kAngry, "Dana");
    alone_h.set_customer(kHappy, "Lee", "Sam", "Acme");
    EXPECT_EQ(a, alone_a.review_json(draft)) << draft;
    EXPECT_EQ(h, alone_h.review_json(draft)) << draft;
  }
  EXPECT_EQ(angry.review(kDrafts[0]).mismatch.customer_label, "negative");
  EXPECT_EQ(happy.review(kDrafts[0]).mismatch.customer_label, "positive");
}

TEST(ReviewSession, AnalysesTheCustomerOncePerChange) {
  const Reviewer reviewer;
  ReviewSession s(reviewer);
  EXPECT_EQ(s.customer_analyses(), 0u);
  EXPECT_TRUE(s.set_customer(kAngry, "Dana"));
  for (int i = 0; i < 20; ++i) {
    EXPECT_FALSE(s.set_customer(kAngry, "Dana"));  // every keystroke passes it again
    s.review("I am sorry");
  }
  EXPECT_EQ(s.customer_analyses(), 1u);
  EXPECT_TRUE(s.set_customer(kAngry, "Dana", "Sam"));  // a name changed
  EXPECT_TRUE(s.set_customer(kHappy, "Dana", "Sam"));
  EXPECT_EQ(s.customer_analyses(), 3u);
  EXPECT_TRUE(s.set_customer("", ""));
  EXPECT_FALSE(s.review("Glad to hear it!").mismatch.has_customer);
}

TEST(ReviewSession, PacksBelongToTheirReviewer) {
  Reviewer team, other;
  ReviewSession before(team), untouched(other);
  before.set_customer(kAngry, "Dana");
  untouched.set_customer(kAngry, "Dana");
  ASSERT_TRUE(flags(before.review("Please calm down."), team, "dismissive.calm-down"));
  const PackLoadResult loaded =
      team.load_pack(R"({"schema":"rapport-rules/1","base":"default","rules":[],"disable":["dismissive.calm-down"]})");
  ASSERT_TRUE(loaded.ok);
  // An open session follows its reviewer's new pack; the other reviewer's does not.
  EXPECT_FALSE(flags(before.review("Please calm down."), team, "dismissive.calm-down"));
  EXPECT_TRUE(flags(untouched.review("Please calm down."), other, "dismissive.calm-down"));
  team.reset_pack();
  EXPECT_TRUE(flags(before.review("Please calm down."), team, "dismissive.calm-down"));
}

TEST(ReviewSession, TheReviewersOwnSessionKeepsWorking) {
  Reviewer reviewer;
  reviewer.set_customer(kAngry, "Dana");
  ReviewSession same(reviewer);
  same.set_customer(kAngry, "Dana");
  EXPECT_EQ(reviewer.review_json(kDrafts[0]), same.review_json(kDrafts[0]));
}

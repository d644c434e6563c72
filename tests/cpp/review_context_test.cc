// Rules with context (issue 10): absence checks that know what real replies
// look like (satisfiedBy, onlyWith, one per category, no nagging a pleased
// customer), phrase rules with "except" patterns, "unless" signals and near
// misses checked at load time, and the <link>/<email> pattern words. Each
// behaviour is shown on a small pack or overlay built here.
#include <gtest/gtest.h>

#include <algorithm>

#include "review/reviewer.h"

using namespace rapport::review;

namespace {

std::vector<std::string> rule_ids(const Review& r, const RulePack& pack, bool absence) {
  std::vector<std::string> ids;
  for (const Suggestion& s : r.suggestions) {
    if ((pack.rules[s.rule].kind == RuleKind::Absence) == absence) ids.push_back(pack.rules[s.rule].id);
  }
  return ids;
}

std::vector<std::string> absences(const Reviewer& reviewer, const std::string& draft) {
  return rule_ids(reviewer.review(draft), reviewer.pack(), true);
}

std::vector<std::string> phrases(const Reviewer& reviewer, const std::string& draft) {
  return rule_ids(reviewer.review(draft), reviewer.pack(), false);
}

std::vector<std::string> load_errors(Reviewer& reviewer, const std::string& json) {
  std::vector<std::string> lines;
  for (const PackIssue& e : reviewer.load_pack(json).errors) lines.push_back(e.path + " " + e.code);
  return lines;
}

using Ids = std::vector<std::string>;

const char* kFactOnly = "The order was delayed at the warehouse because of high demand and should arrive next week.";

}  // namespace

TEST(ReviewAbsence, ConcreteHelpOfAnyKindSatisfiesTheChecks) {
  Reviewer reviewer;
  EXPECT_EQ(absences(reviewer, kFactOnly), (Ids{"ownership.missing", "nextstep.missing"}));
  // A link with an instruction, a request for details, an imperative fix, a
  // commitment, a clarifying question: each is a next step, and a next step
  // answers "who owns this" too.
  for (const char* draft : {
           "Restore Licenses to refresh your privileges and try again: https://example.com/restore",
           "Sorry about the delay with your order from last week! Please DM us your order number and email.",
           "Restart the app, then sign in again with the same account and the purchase should show up.",
           "I've escalated this to our billing team, and we'll email you by Friday with the outcome.",
           "Have you checked if you're signed into the right account on the phone and on the laptop?",
           "We can look into this further for you if you submit your account info in a private request."}) {
    EXPECT_EQ(absences(reviewer, draft), Ids{}) << draft;
  }
}

TEST(ReviewAbsence, TimeIsAskedForOnlyWhenAFollowUpIsPromised) {
  Reviewer reviewer;
  EXPECT_EQ(absences(reviewer, "Thanks for waiting on this one, I will look into the parcel and get back to you."),
            (Ids{"nextstep.no-time"}));
  EXPECT_EQ(absences(reviewer, "Thanks for waiting on this one, I will look into the parcel and get back to you by Friday."),
            Ids{});
  // No promise to come back: no time to ask for.
  EXPECT_EQ(absences(reviewer, "Restart the app, then sign in again with the same account and the purchase should show up."),
            Ids{});
}

TEST(ReviewAbsence, AtMostOnePerCategoryAndAfterThePhraseFindings) {
  Reviewer reviewer;
  // A team rule of the same category as nextstep.missing, also unsatisfied:
  // only the first one listed is shown.
  ASSERT_EQ(load_errors(reviewer, R"({"schema":"rapport-rules/1","base":"default","rules":[{"id":"team.no-link",)"
                                  R"("category":"missing_next_step","severity":"low","kind":"absence","signal":"followUp",)"
                                  R"("why":"Say when you will be back in touch.","examples":[],"alternatives":["I'll update you today."]}]})"),
            Ids{});
  std::string draft = std::string("Unfortunately, ") + kFactOnly;
  Review r = reviewer.review(draft);
  EXPECT_EQ(rule_ids(r, reviewer.pack(), true), (Ids{"ownership.missing", "nextstep.missing"}));
  ASSERT_FALSE(r.suggestions.empty());
  EXPECT_EQ(reviewer.pack().rules[r.suggestions.front().rule].kind, RuleKind::Phrase);
}

TEST(ReviewAbsence, APleasedCustomerOrAShortAcknowledgementIsLeftAlone) {
  Reviewer reviewer;
  reviewer.set_customer("Thanks so much, the new card arrived and everything works now! You are great.", "");
  ASSERT_EQ(reviewer.review(kFactOnly).mismatch.customer_label, "positive");
  EXPECT_EQ(absences(reviewer, kFactOnly), Ids{});
  reviewer.set_customer("Where is my order? It was due on Monday.", "");
  EXPECT_EQ(absences(reviewer, kFactOnly), (Ids{"ownership.missing", "nextstep.missing"}));
  EXPECT_EQ(absences(reviewer, "Glad it works now, thanks for letting us know!"), Ids{});
}

TEST(ReviewAbsence, ATeamPackTunesTheChecks) {
  Reviewer reviewer;
  // A brand that never promises times, and that wants the checks on every reply.
  ASSERT_EQ(load_errors(reviewer, R"({"schema":"rapport-rules/1","base":"default","disable":["nextstep.no-time"],)"
                                  R"("settings":{"absenceSkipPositive":false,"absenceMinWords":5}})"),
            Ids{});
  EXPECT_EQ(absences(reviewer, "Thanks for waiting on this one, I will look into the parcel and get back to you."), Ids{});
  reviewer.set_customer("Thanks so much, the new card arrived and everything works now! You are great.", "");
  EXPECT_EQ(absences(reviewer, "Your card was sent on Monday."), (Ids{"ownership.missing", "nextstep.missing"}));
  // Misplaced or unknown fields are errors with their JSON path.
  Reviewer fresh;
  EXPECT_EQ(load_errors(fresh, R"({"schema":"rapport-rules/1","base":"default","settings":{"absenceSkipPositive":"no"},)"
                               R"("rules":[{"id":"ownership.missing","category":"missing_ownership","severity":"low",)"
                               R"("kind":"absence","signal":"ownership","satisfiedBy":["nextStep","magic"],"onlyWith":"x",)"
                               R"("unless":["question"],"why":"Say what you will do.","examples":[],"alternatives":["I'll do it."]}]})"),
            (Ids{"/settings/absenceSkipPositive wrong_type", "/rules/0/satisfiedBy/1 unknown_signal",
                 "/rules/0/onlyWith unknown_signal", "/rules/0/unless unknown_field"}));
}

TEST(ReviewPhraseContext, ExceptPatternsAndNearMisses) {
  Reviewer reviewer;
  const std::string rule =
      R"("id":"blame.you-should-have","category":"blame_shifting","severity":"high","patterns":["you should have"],)"
      R"j("except":["you should have (received|got|gotten|seen)"],"why":"Looking back at the customer's mistake blames them.",)j"
      R"("examples":["You should have ticked the box."],"nearMisses":["You should've received an email with more info."],)"
      R"("alternatives":["Let's fix this together."])";
  ASSERT_EQ(load_errors(reviewer, R"({"schema":"rapport-rules/1","base":"default","rules":[{)" + rule + "}]}"), Ids{});
  EXPECT_EQ(phrases(reviewer, "You should have ticked the box."), (Ids{"blame.you-should-have"}));
  EXPECT_EQ(phrases(reviewer, "You should've received an email with more info."), Ids{});
  // The exception cancels only the match it overlaps.
  EXPECT_EQ(phrases(reviewer, "You should have received it. You should have told us."), (Ids{"blame.you-should-have"}));
  // Without the exception the near miss fires, and the pack is refused with its path.
  std::string broad = rule;
  const std::string except = R"j("except":["you should have (received|got|gotten|seen)"],)j";
  broad.erase(broad.find(except), except.size());
  Reviewer other;
  EXPECT_EQ(load_errors(other, R"({"schema":"rapport-rules/1","base":"default","rules":[{)" + broad + "}]}"),
            (Ids{"/rules/0/nearMisses/0 near_miss_match"}));
}

TEST(ReviewPhraseContext, UnlessSignalsAndLinkWords) {
  Reviewer reviewer;
  ASSERT_EQ(load_errors(reviewer, R"({"schema":"rapport-rules/1","base":"default","rules":[{"id":"team.bare-link",)"
                                  R"("category":"dismissive","severity":"medium","patterns":["visit <link>"],"unless":["ownership"],)"
                                  R"("why":"A link alone sends the customer away.","examples":["Please visit https://example.com/help"],)"
                                  R"("nearMisses":["I'll check this now. Meanwhile, visit https://example.com/help"],)"
                                  R"("alternatives":["Here's the answer, and the guide if you want more."]}]})"),
            Ids{});
  EXPECT_EQ(phrases(reviewer, "Please visit https://example.com/help"), (Ids{"team.bare-link"}));
  EXPECT_EQ(phrases(reviewer, "Please visit example dot com"), Ids{});  // a word is not a link
  EXPECT_EQ(phrases(reviewer, "I'll check this now. Meanwhile, visit https://example.com/help"), Ids{});
  Reviewer bad;
  EXPECT_EQ(load_errors(bad, R"({"schema":"rapport-rules/1","base":"default","rules":[{"id":"team.x","category":"jargon",)"
                             R"("severity":"low","patterns":["visit <url>"],"why":"Only link and email.","examples":[],)"
                             R"("alternatives":["x"]}]})"),
            (Ids{"/rules/0/patterns/0 pattern_syntax"}));
}

namespace {
int score_of(Reviewer& reviewer, const std::string& customer, const std::string& draft) {
  reviewer.set_customer(customer, "");
  return reviewer.review(draft).score;
}
}  // namespace

TEST(ReviewEmpathy, RanksSpecificAboveFormulaicAboveTransactional) {
  // The order the team's labels use: naming the customer's own feeling or
  // situation, then a formulaic nod, then a cold transactional reply (each
  // with the same practical content, so only the warmth differs).
  Reviewer reviewer;
  struct Case {
    const char* customer;
    const char* specific;
    const char* formulaic;
    const char* transactional;
  };
  const Case cases[] = {
      {"I can't log in to my account and I have a deadline today.",
       "I can see how stressful it is to be locked out right before a deadline. Reset it here: https://example.com/reset",
       "Sorry for the trouble! Reset it here: https://example.com/reset",
       "Reset it here: https://example.com/reset"},
      {"How do I change the email on my account?",
       "I know how important it is to get your messages. Change it under Settings, then Email.",
       "Thanks for reaching out! Change it under Settings, then Email.",
       "Change it under Settings, then Email."},
      {"My parcel still hasn't arrived and it was due on Monday. This is ridiculous.",
       "That sounds really frustrating, especially after waiting since Monday. I've asked the courier and I'll email you today.",
       "We apologize for the trouble. I've asked the courier and I'll email you today.",
       "I've asked the courier and I'll email you today."},
  };
  for (const Case& c : cases) {
    int specific = score_of(reviewer, c.customer, c.specific);
    int formulaic = score_of(reviewer, c.customer, c.formulaic);
    int transactional = score_of(reviewer, c.customer, c.transactional);
    EXPECT_GT(specific, formulaic) << c.specific;
    EXPECT_GT(formulaic, transactional) << c.formulaic;
  }
}

TEST(ReviewEmpathy, OwnershipAndNextStepCountButDoNotReplaceWarmth) {
  Reviewer reviewer;
  const char* customer = "My order is late again.";
  int bare = score_of(reviewer, customer, "Your order is with the courier.");
  int owned = score_of(reviewer, customer, "Your order is with the courier. I'll chase them and email you by 5pm today.");
  int warm_only = score_of(reviewer, customer, "So sorry about the wait, that sounds really frustrating.");
  EXPECT_GT(owned, bare);
  EXPECT_GT(warm_only, bare);
}

TEST(ReviewEmpathy, MismatchUsesTheSameJudgement) {
  Reviewer reviewer;
  reviewer.set_customer("This is the THIRD time my order is late. Absolutely unacceptable, I'm furious!", "");
  EXPECT_TRUE(reviewer.review("The parcel left our warehouse yesterday.").mismatch.alert);
  // A warm nod is not nothing: the score gives it points, so the alert stays quiet.
  EXPECT_FALSE(reviewer.review("Thanks for your patience. The parcel left our warehouse yesterday.").mismatch.alert);
  EXPECT_FALSE(reviewer.review("I'm sorry. The parcel left our warehouse yesterday.").mismatch.alert);
}

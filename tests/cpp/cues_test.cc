// Support cues on real tokenizer output: positive and negative cases per cue,
// the sarcasm and blocker rules, spans and strengths.
#include "analysis/cues.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "text/tokenizer.h"

namespace rapport {
namespace {

struct Detected {
  std::string text;
  std::vector<Cue> cues;
  std::vector<Evidence> evidence;

  const Cue* find(const std::string& id) const {
    for (const Cue& c : cues)
      if (c.id == id) return &c;
    return nullptr;
  }
  bool has(const std::string& id) const { return find(id) != nullptr; }
  std::vector<std::string> spans(const std::string& id) const {
    std::vector<std::string> out;
    if (const Cue* c = find(id))
      for (const Span& s : c->spans) out.push_back(text.substr(s.begin, s.end - s.begin));
    return out;
  }
};

Detected detect(const std::string& text) {
  Detected d;
  d.text = text;
  d.cues = detect_cues(d.text, tokenize(d.text), &d.evidence);
  return d;
}

using Spans = std::vector<std::string>;

TEST(Urgency, KeywordsAndPhrases) {
  EXPECT_EQ(detect("Please fix this ASAP").spans("urgency"), Spans{"ASAP"});
  EXPECT_EQ(detect("I need it right now, it's an emergency").spans("urgency"),
            (Spans{"right now", "emergency"}));
  EXPECT_EQ(detect("reply as soon as possible please").spans("urgency"), Spans{"as soon as possible"});
  EXPECT_TRUE(detect("URGENT: account locked").has("urgency"));
}

TEST(Urgency, NegatedOrAbsent) {
  EXPECT_FALSE(detect("This is not urgent at all").has("urgency"));
  EXPECT_FALSE(detect("No rush, whenever you can").has("urgency"));
  EXPECT_FALSE(detect("My order number is 12345").has("urgency"));
}

TEST(Urgency, ExclamationRunsButNotGratefulOnes) {
  Detected d = detect("Where is my refund!!!");
  EXPECT_EQ(d.spans("urgency"), Spans{"!!!"});
  EXPECT_FALSE(detect("Thank you so much!!!").has("urgency"));
  EXPECT_FALSE(detect("Where is my refund!").has("urgency"));
  // A wall of '!' is one bounded span, not 100,000 bytes of evidence.
  Detected wall = detect(std::string(100000, '!'));
  ASSERT_TRUE(wall.has("urgency"));
  EXPECT_LE(wall.spans("urgency")[0].size(), 8u);
  EXPECT_LT(wall.find("urgency")->strength, 0.5f);
}

// Issue 9: the team's urgent flag is mostly money or access at stake.
TEST(Urgency, AccessMoneyAndSecurityAtStake) {
  for (const char* text : {"I'm locked out of my account", "My account was hacked",
                           "I can't log in and I need my files", "You charged me twice",
                           "I still got charged after cancelling", "Someone got into my account",
                           "I'm stranded at the airport"})
    EXPECT_TRUE(detect(text).has("urgency")) << text;
  // A plea or an account word alone is only a hint.
  for (const char* text : {"Please help", "I need help with my account", "What is the refund policy?"})
    EXPECT_FALSE(detect(text).has("urgency")) << text;
  // Hints add up: a plea about a password is urgent.
  EXPECT_TRUE(detect("Please help, my password does not work and I cannot access anything").has("urgency"));
}

TEST(ChurnRisk, LeavingPhrases) {
  EXPECT_EQ(detect("I want to cancel my subscription").spans("churn_risk"), Spans{"cancel my subscription"});
  EXPECT_EQ(detect("Switching to @TMobile tomorrow").spans("churn_risk"), Spans{"Switching to @TMobile"});
  EXPECT_EQ(detect("i'm switching to Verizon").spans("churn_risk"), Spans{"switching to Verizon"});
  EXPECT_TRUE(detect("I am done with you people").has("churn_risk"));
  EXPECT_TRUE(detect("Never buying again.").has("churn_risk"));
}

TEST(ChurnRisk, NotChurn) {
  EXPECT_FALSE(detect("How do I switch to dark mode?").has("churn_risk"));
  EXPECT_FALSE(detect("My account works fine").has("churn_risk"));
  EXPECT_FALSE(detect("I'm done with the setup, thanks").has("churn_risk") &&
               detect("I'm done with the setup, thanks").find("churn_risk")->strength > 0.6f);
}

TEST(Escalation, LegalPublicManagerPayment) {
  EXPECT_EQ(detect("I'll sue you").spans("escalation"), Spans{"sue"});
  EXPECT_EQ(detect("My attorney will hear about this").spans("escalation"), Spans{"attorney"});
  EXPECT_EQ(detect("See you in small claims court").spans("escalation"), (Spans{"small claims", "court"}));
  EXPECT_EQ(detect("posting this on twitter").spans("escalation"), (Spans{"posting this", "on twitter"}));
  EXPECT_FALSE(detect("I forgot my twitter password").has("escalation"));
  EXPECT_TRUE(detect("I'm reporting you to the BBB").has("escalation"));
  EXPECT_EQ(detect("Get me a supervisor").spans("escalation"), Spans{"supervisor"});
  EXPECT_EQ(detect("I will dispute the charge").spans("escalation"), Spans{"dispute"});
}

TEST(Escalation, NeverInsideAWordOrBenign) {
  EXPECT_FALSE(detect("There is an issue with the pursuit of my parcel").has("escalation"));
  EXPECT_FALSE(detect("Your ticket is under review").has("escalation"));
  EXPECT_FALSE(detect("Could you review my order?").has("escalation"));
}

TEST(RepeatContact, CountsOrdinalsAndStill) {
  EXPECT_EQ(detect("this is the third time").spans("repeat_contact"), Spans{"third time"});
  EXPECT_EQ(detect("for the 5th time").spans("repeat_contact"), Spans{"5th time"});
  EXPECT_EQ(detect("I've called three times").spans("repeat_contact"), Spans{"called three times"});
  EXPECT_EQ(detect("4 times now!").spans("repeat_contact"), Spans{"4 times now"});
  EXPECT_EQ(detect("still waiting for my refund").spans("repeat_contact"), Spans{"still waiting"});
  EXPECT_EQ(detect("I keep having to explain this").spans("repeat_contact"), Spans{"keep having to"});
  EXPECT_TRUE(detect("It broke again").has("repeat_contact"));
}

TEST(RepeatContact, NotRepeat) {
  EXPECT_FALSE(detect("Thanks again for the quick fix").has("repeat_contact"));
  EXPECT_FALSE(detect("I will never order from you again").has("repeat_contact"));
  EXPECT_FALSE(detect("the 1st time it worked").has("repeat_contact"));
  EXPECT_FALSE(detect("I still love this brand").has("repeat_contact"));
}

TEST(Confusion, PhrasesAndQuestionRuns) {
  EXPECT_EQ(detect("I don't understand this bill").spans("confusion"), Spans{"I don't understand"});
  EXPECT_EQ(detect("I DONT UNDERSTAND").spans("confusion"), Spans{"I DONT UNDERSTAND"});
  // Curly apostrophes are normalized by the tokenizer.
  EXPECT_EQ(detect("I don\xE2\x80\x99t understand").spans("confusion"), Spans{"I don\xE2\x80\x99t understand"});
  EXPECT_EQ(detect("why was I charged twice??").spans("confusion"), Spans{"??"});
  EXPECT_TRUE(detect("so confused right now").has("confusion"));
  EXPECT_FALSE(detect("Why was I charged twice?").has("confusion"));
}

TEST(Gratitude, ThanksAndSarcasm) {
  EXPECT_EQ(detect("Thank you so much!").spans("gratitude"), Spans{"Thank you so much"});
  EXPECT_EQ(detect("you're a lifesaver \xF0\x9F\x99\x8F\xF0\x9F\x8F\xBD").spans("gratitude"),
            (Spans{"lifesaver", "\xF0\x9F\x99\x8F\xF0\x9F\x8F\xBD"}));  // folded hands + skin tone
  EXPECT_TRUE(detect("really appreciate it").has("gratitude"));
  EXPECT_FALSE(detect("thanks for nothing").has("gratitude"));
  EXPECT_FALSE(detect("Thanks a lot for nothing!!").has("gratitude"));
  EXPECT_FALSE(detect("No thanks.").has("gratitude"));
  EXPECT_FALSE(detect("thanks but no thanks").has("gratitude"));
  EXPECT_FALSE(detect("thanks for wasting my time").has("gratitude"));
  EXPECT_FALSE(detect("Thanksgiving dinner was late").has("gratitude"));
}

TEST(Cues, StrengthCombinesAndStaysInRange) {
  float one = detect("urgent").find("urgency")->strength;
  float two = detect("urgent, need it asap, emergency!!!").find("urgency")->strength;
  EXPECT_GT(two, one);
  EXPECT_LE(two, 1.f);
  EXPECT_GT(one, 0.f);
  // A weak hint alone is no cue, but it strengthens a real one.
  EXPECT_FALSE(detect("My package arrived today").has("urgency"));
  EXPECT_FALSE(detect("I still use the old app").has("repeat_contact"));
  EXPECT_TRUE(detect("I need it today").has("urgency"));
  EXPECT_GT(detect("urgent, today").find("urgency")->strength, one);
}

TEST(Cues, EvidencePerSpanWithThePhraseWeight) {
  Detected d = detect("Call me today, ASAP");
  ASSERT_EQ(d.evidence.size(), 2u);
  for (const Evidence& e : d.evidence) EXPECT_EQ(e.source, "cue:urgency");
  EXPECT_EQ(d.text.substr(d.evidence[0].span.begin, 5), "today");
  EXPECT_LT(d.evidence[0].weight, d.evidence[1].weight);  // "today" weaker than "ASAP"
  EXPECT_FALSE(d.evidence[0].note.empty());
}

TEST(Cues, EmptyAndPlainTextHaveNone) {
  EXPECT_TRUE(detect("").cues.empty());
  EXPECT_TRUE(detect("   ").cues.empty());
  EXPECT_TRUE(detect("My order number is A1B2C3 and it shipped on Monday.").cues.empty());
}

}  // namespace
}  // namespace rapport

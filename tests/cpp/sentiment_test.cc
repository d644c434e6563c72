// Lexicon sentiment: each rule on its own, the known lexicon-tool failures
// from issue 2, evidence shape, and the lexicon lookups underneath.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "analysis/lexicon.h"
#include "analysis/sentiment.h"
#include "text/tokenizer.h"
#include "text/utf8.h"

namespace rapport {
namespace {

struct Scored {
  std::string text;
  LexiconSentiment result;
  float compound() const { return result.score.compound; }
  std::string label() const { return sentiment_label(result.score.compound); }
  // The evidence item whose span text is `what`, or nullptr.
  const Evidence* evidence(const std::string& what) const {
    for (const Evidence& e : result.evidence)
      if (text.substr(e.span.begin, e.span.end - e.span.begin) == what) return &e;
    return nullptr;
  }
};

Scored score(const std::string& raw) {
  Scored s;
  s.text = sanitize_utf8(raw).text;
  s.result = score_sentiment(s.text, tokenize(s.text));
  return s;
}

// --- known failures of lexicon tools (issue 2) ------------------------------

TEST(KnownFailures, NoProblemsOrComplaintsIsNotNegative) {
  Scored s = score("No problems or complaints");
  EXPECT_NE(s.label(), "negative") << s.compound();
  ASSERT_NE(s.evidence("problems"), nullptr);
  EXPECT_GT(s.evidence("problems")->weight, 0);
  EXPECT_EQ(s.evidence("problems")->note, "negated by 'No'");
}

TEST(KnownFailures, NeverOnceDisappointedIsPositive) {
  EXPECT_EQ(score("Never once have we been disappointed").label(), "positive");
}

TEST(KnownFailures, NotBadIsMildlyPositive) {
  Scored s = score("not bad");
  EXPECT_EQ(s.label(), "positive");
  EXPECT_LT(s.compound(), score("good").compound());
}

TEST(KnownFailures, NotHappyIsNegative) {
  Scored s = score("I'm not happy");
  EXPECT_EQ(s.label(), "negative");
  ASSERT_NE(s.evidence("happy"), nullptr);
  EXPECT_LT(s.evidence("happy")->weight, 0);
}

TEST(KnownFailures, ThanksForNothingIsNegative) {
  Scored s = score("thanks for nothing");
  EXPECT_EQ(s.label(), "negative");
  ASSERT_EQ(s.result.evidence.size(), 1u);  // the phrase, not "thanks" plus a negation
  EXPECT_EQ(s.result.evidence[0].source, "supplement");
}

// --- support-domain rules (issue 9) -----------------------------------------

TEST(SupportRules, RuleFlagsNameNegationAndContrast) {
  Scored s = score("Honestly the new app is not bad at all.");
  ASSERT_NE(s.evidence("bad"), nullptr);
  EXPECT_EQ(s.evidence("bad")->rules, kRuleNegated);
  EXPECT_NE(s.label(), "negative");
  Scored c = score("The app is great but it keeps crashing");
  ASSERT_NE(c.evidence("great"), nullptr);
  EXPECT_EQ(c.evidence("great")->rules, kRuleContrast);
  EXPECT_EQ(score("I love it").evidence("love")->rules, 0);
}

TEST(SupportRules, SarcasticThanksForAFailureFlip) {
  Scored s = score("Thanks for delaying my flight");
  EXPECT_EQ(s.label(), "negative");
  ASSERT_NE(s.evidence("Thanks"), nullptr);
  EXPECT_LT(s.evidence("Thanks")->weight, 0);
  EXPECT_EQ(s.evidence("Thanks")->rules, kRuleSarcasm);
  EXPECT_EQ(s.evidence("Thanks")->note, "sarcastic: thanks for 'delaying'");
  // Real thanks, and thanks whose object is too far from "for", keep their sign.
  EXPECT_GT(score("Thanks for the quick reply").evidence("Thanks")->weight, 0);
  EXPECT_GT(score("Thanks for letting me know all about the delay").evidence("Thanks")->weight, 0);
  // Not across a clause: "thanks for this, the delay was bad" thanks for "this".
  EXPECT_GT(score("Thanks for this, the delay was annoying").evidence("Thanks")->weight, 0);
}

TEST(SupportRules, CourtesyThanksAfterAComplaintIsDampened) {
  Scored s = score("My order never came. Thanks");
  EXPECT_EQ(s.label(), "negative");
  ASSERT_NE(s.evidence("Thanks"), nullptr);
  EXPECT_EQ(s.evidence("Thanks")->note, "courtesy after a complaint");
  const float alone = score("Thanks").evidence("Thanks")->weight;
  EXPECT_LT(s.evidence("Thanks")->weight, alone * 0.5f);
  // Thanks BEFORE the complaint, or sharing a sentence with other words, are not courtesy.
  EXPECT_EQ(score("Thanks. My order never came").evidence("Thanks")->note, "");
}

TEST(SupportRules, BareThanksClosingAQuestionIsCourtesy) {
  // Thanks ahead for an answer: nothing received yet, so not positive.
  Scored s = score("How do I get my email changed? Thanks!");
  EXPECT_EQ(s.label(), "neutral");
  ASSERT_NE(s.evidence("Thanks"), nullptr);
  EXPECT_EQ(s.evidence("Thanks")->rules, kRuleCourtesy);
  // "Thanks for ..." names what was received and keeps its weight, question or not.
  Scored named = score("Thanks for adding the credits! Can you add the year too?");
  EXPECT_EQ(named.label(), "positive");
  EXPECT_EQ(named.evidence("Thanks")->rules, 0u);
  // Without a question a bare thanks is gratitude.
  EXPECT_EQ(score("All sorted now. Thanks!").label(), "positive");
}

TEST(SupportRules, WeakWordsAloneStayNeutralHoweverMany) {
  // Each of these is under the neutral band (0.5) on its own; together they
  // sum past it, but they name no feeling (issue 9).
  Scored weak = score("please allow sharing, i want to play it on my phone");
  EXPECT_EQ(weak.label(), "neutral");
  EXPECT_GT(weak.result.valence_sum, kNeutralBand);
  // One word at or over the band keeps the sum as it was.
  EXPECT_EQ(score("please allow sharing, i want to play it on my phone, great").label(), "positive");
}

TEST(SupportRules, PleasForHelpAreNotPraise) {
  // "help" alone stays neutral; emphasis carries a plea out of the band.
  EXPECT_EQ(score("Can you help me with my order?").label(), "neutral");
  EXPECT_EQ(score("HELP! my account is locked").label(), "negative");
  EXPECT_EQ(score("heeeelp!!!!!!").label(), "negative");
  EXPECT_EQ(score("Those tips don't help.").label(), "negative");
  // A faint word is no failure for the sarcasm rule: real thanks for help stays gratitude.
  Scored thanks = score("Thanks for the help");
  EXPECT_EQ(thanks.label(), "positive");
  EXPECT_EQ(thanks.evidence("Thanks")->rules, 0u);
}

TEST(SupportRules, RequestFormulasAndClaimedThingsAreNotPraise) {
  for (const char* text : {"It would be great if you could add dark mode",
                           "Any help would be appreciated", "Kindly check my ticket",
                           "I won the car but it never arrived in my garage",
                           "Where is the sign-up bonus you promised?"})
    EXPECT_NE(score(text).label(), "positive") << text;
}

TEST(SupportRules, ServiceFailuresWithoutEmotionWordsAreNegative) {
  for (const char* text : {"I have been on hold for 2 hours", "I can't log in to my account",
                           "My package still hasn't been delivered", "You charged me twice",
                           "Why can't I open the app?", "I hope you can fix this, the app keeps crashing"})
    EXPECT_EQ(score(text).label(), "negative") << text;
  for (const char* text : {"How do I change my email address?", "Can you help me update my card?"})
    EXPECT_EQ(score(text).label(), "neutral") << text;
}

TEST(Sensible, LoveButBrokeIsNegative) {
  Scored s = score("I love it but it broke after a day");
  EXPECT_EQ(s.label(), "negative");
  EXPECT_EQ(s.evidence("love")->note, "before 'but'");
  EXPECT_EQ(s.evidence("broke")->note, "after 'but'");
}

TEST(Contrast, AlthoughClauseCountsLessHoweverShiftsWeight) {
  Scored although = score("Although it was expensive, I love it");
  EXPECT_EQ(although.label(), "positive");
  EXPECT_EQ(although.evidence("love")->note, "after the 'Although' clause");
  Scored though = score("Though the staff were rude, the fix worked great");
  EXPECT_EQ(though.evidence("rude")->note, "in the 'Though' clause");
  EXPECT_EQ(though.label(), "positive");
  Scored however = score("Great product. However, it broke.");
  EXPECT_EQ(however.label(), "negative");
  EXPECT_EQ(however.evidence("Great")->note, "before 'However'");
  EXPECT_EQ(score("It has not arrived yet").evidence("arrived"), nullptr);
}

TEST(Sensible, NotOkayShoutedIsStronglyNegative) {
  Scored s = score("This is NOT okay!!!");
  EXPECT_LT(s.compound(), -0.4);
  EXPECT_LT(s.compound(), score("This is not okay").compound());
}

TEST(Sensible, LifesaverThanksIsPositive) {
  Scored s = score("Thank you so much, you're a lifesaver \xF0\x9F\x99\x8F");
  EXPECT_GT(s.compound(), 0.5);
  ASSERT_NE(s.evidence("\xF0\x9F\x99\x8F"), nullptr);
  EXPECT_EQ(s.evidence("\xF0\x9F\x99\x8F")->source, "emoji");
}

TEST(Sensible, NotOnlyGoodButGreatIsPositive) {
  Scored s = score("not only good but great");
  EXPECT_EQ(s.label(), "positive");
  EXPECT_GT(s.evidence("good")->weight, 0);  // "not only" does not negate
}

// --- negation -----------------------------------------------------------------

TEST(Negation, ContractionsAndBareFormsNegate) {
  EXPECT_EQ(score("it doesn't work well, it isn't good").label(), "negative");
  EXPECT_EQ(score("this is not good").label(), "negative");
  EXPECT_EQ(score("this isnt good").label(), "negative");
  EXPECT_EQ(score("I cannot recommend it").label(), "negative");
  EXPECT_NE(score("without any problems").label(), "negative");
  EXPECT_GT(score("without any problems").evidence("problems")->weight, 0);
}

TEST(Negation, ScopeEndsAtPunctuationAndContrast) {
  EXPECT_EQ(score("Not now. I am happy").label(), "positive");
  EXPECT_EQ(score("No, this is great").label(), "positive");
  Scored s = score("not cheap but excellent");
  EXPECT_GT(s.evidence("excellent")->weight, 0);
}

TEST(Negation, ScopeIsAFewContentWords) {
  // Pronouns and auxiliaries do not use up the scope...
  EXPECT_LT(score("I don't think it is good").evidence("good")->weight, 0);
  // ...but four content words in between do.
  EXPECT_GT(score("not one of these four red shoes looks good").evidence("good")->weight, 0);
}

TEST(Negation, NeverThisIntensifies) {
  Scored s = score("I've never been this sad in my life!");
  EXPECT_EQ(s.label(), "negative");
  EXPECT_NE(s.evidence("sad")->note.find("intensified"), std::string::npos);
}

// --- boosters, dampeners, caps, elongation, punctuation ------------------------

TEST(Modifiers, BoostersStrengthenDampenersWeaken) {
  float plain = score("the support was good").compound();
  Scored boosted = score("the support was very good");
  EXPECT_GT(boosted.compound(), plain);
  EXPECT_EQ(boosted.evidence("good")->note, "boosted by 'very'");
  EXPECT_LT(score("the support was slightly good").compound(), plain);
  Scored kind_of = score("the support was kind of good");
  EXPECT_LT(kind_of.compound(), plain);
  EXPECT_EQ(kind_of.evidence("kind"), nullptr);  // "kind" is not a valence word here
}

TEST(Modifiers, BoosterThatIsAlsoAWord) {
  EXPECT_EQ(score("pretty bad").label(), "negative");  // boosts "bad"
  EXPECT_EQ(score("she is pretty").label(), "positive");  // a word of its own
}

TEST(Modifiers, CapsEmphasisOnlyWhenNotShouting) {
  Scored caps = score("the service is GREAT");
  EXPECT_GT(caps.compound(), score("the service is great").compound());
  EXPECT_EQ(caps.evidence("GREAT")->note, "caps");
  EXPECT_FLOAT_EQ(score("THE SERVICE IS GREAT").compound(),
                  score("the service is great").compound());
}

TEST(Modifiers, ElongationEmphasis) {
  Scored s = score("sooo goooood");
  EXPECT_GT(s.compound(), score("so good").compound() - 0.2f);
  EXPECT_GT(s.evidence("goooood")->weight, 1.9f);
  EXPECT_NE(score("happyyyy").evidence("happyyyy"), nullptr);
  EXPECT_EQ(score("sooo happy").evidence("happy")->note, "boosted by 'sooo'");
  EXPECT_EQ(elongated_word_role("soo"), WordRole::Booster);
}

TEST(Modifiers, ExclamationsCapAtFour) {
  float one = score("good").compound();
  EXPECT_GT(score("good!!").compound(), one);
  EXPECT_FLOAT_EQ(score("good!!!!").compound(), score("good!!!!!!!!!!").compound());
  EXPECT_GT(score("bad??").compound(), -1);
  EXPECT_LT(score("bad??").compound(), score("bad").compound());
}

// --- emoji, emoticons, phrases, words that are not sentiment ------------------

TEST(Symbols, EmojiAndEmoticons) {
  EXPECT_EQ(score("\xF0\x9F\x98\xA1").label(), "negative");  // pouting face
  Scored thumbs = score("\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD");   // thumbs up, skin tone
  EXPECT_EQ(thumbs.label(), "positive");
  EXPECT_EQ(thumbs.result.evidence.at(0).source, "emoji");
  Scored smile = score("ok :)");
  EXPECT_EQ(smile.evidence(":)")->source, "emoticon");
  EXPECT_EQ(score(":(").label(), "negative");
  EXPECT_EQ(score("xD").label(), "positive");
}

TEST(Phrases, SupportPhrasesAreOneEvidenceItem) {
  Scored s = score("I am still waiting and want to cancel my account");
  ASSERT_NE(s.evidence("still waiting"), nullptr);
  ASSERT_NE(s.evidence("cancel my account"), nullptr);
  EXPECT_EQ(s.evidence("cancel my account")->source, "supplement");
  EXPECT_EQ(s.label(), "negative");
  EXPECT_EQ(score("unacceptable").result.evidence.at(0).source, "supplement");
  EXPECT_EQ(score("I can't wait!").label(), "positive");
}

TEST(Words, LaughterOfAnyLength) {
  EXPECT_EQ(score("hahahahaha").label(), "positive");
  EXPECT_EQ(score("ahahahah").label(), "positive");
  EXPECT_TRUE(score("hhhhhh aaaaaa").result.evidence.empty());
}

TEST(Words, LikeOnlyAsAVerb) {
  EXPECT_TRUE(score("it looks like rain").result.evidence.empty());
  EXPECT_EQ(score("I like it").label(), "positive");
}

TEST(Words, CapitalizedNamesCarryNoValence) {
  EXPECT_TRUE(score("Tonight the Super Eagles play Tanzania").result.evidence.empty() ||
              score("Tonight the Super Eagles play Tanzania").evidence("Super") == nullptr);
  EXPECT_NE(score("That was super").evidence("super"), nullptr);
}

// --- result shape -------------------------------------------------------------

TEST(Shape, ProportionsSumToOneAndEvidenceIsSorted) {
  Scored s = score("Great app, but the update is awful and support is slow. Thanks though :)");
  const SentimentScore& r = s.result.score;
  EXPECT_NEAR(r.positive + r.negative + r.neutral, 1.0f, 1e-4);
  EXPECT_GT(r.positive, 0);
  EXPECT_GT(r.negative, 0);
  for (size_t i = 1; i < s.result.evidence.size(); ++i)
    EXPECT_GE(std::fabs(s.result.evidence[i - 1].weight), std::fabs(s.result.evidence[i].weight));
  for (const Evidence& e : s.result.evidence) EXPECT_LE(e.span.end, s.text.size());
}

TEST(Shape, EmptyAndPunctuationOnly) {
  for (const char* text : {"", "   ", "?!?!", "..."}) {
    Scored s = score(text);
    EXPECT_EQ(s.compound(), 0) << text;
    EXPECT_EQ(s.result.score.neutral, 1) << text;
    EXPECT_TRUE(s.result.evidence.empty()) << text;
  }
}

TEST(Shape, HugeRepeatedInputStaysBounded) {
  Scored bangs = score(std::string(100000, '!'));
  EXPECT_EQ(bangs.label(), "neutral");
  std::string nots;
  for (int i = 0; i < 5000; ++i) nots += "not good ";
  Scored s = score(nots);
  EXPECT_EQ(s.label(), "negative");
  EXPECT_GE(s.compound(), -1);
}

TEST(Shape, RandomChatSoupKeepsInvariants) {
  // Deterministic soup of words, modifiers, emoji, punctuation and junk bytes:
  // the result must stay in range whatever the mix.
  const char* pieces[] = {"not ", "very ", "but ", "although ", "NEVER ", "good ", "bad ",
                          "kind of ", "thanks for nothing ", "still waiting ", "\xF0\x9F\x98\xA1",
                          ":) ", "!!! ", "?? ", ", ", ". ", "sooo ", "cancel my ", "\xFF", "\n"};
  uint32_t state = 12345;
  for (int round = 0; round < 300; ++round) {
    std::string raw;
    int n = round % 40;
    for (int k = 0; k < n; ++k) {
      state = state * 1664525u + 1013904223u;
      raw += pieces[(state >> 16) % (sizeof(pieces) / sizeof(pieces[0]))];
    }
    Scored s = score(raw);
    const SentimentScore& r = s.result.score;
    ASSERT_GE(r.compound, -1) << raw;
    ASSERT_LE(r.compound, 1) << raw;
    ASSERT_NEAR(r.positive + r.negative + r.neutral, 1.0f, 1e-3) << raw;
    for (const Evidence& e : s.result.evidence) {
      ASSERT_LT(e.span.begin, e.span.end) << raw;
      ASSERT_LE(e.span.end, s.text.size()) << raw;
      ASSERT_NE(e.weight, 0) << raw;
    }
  }
}

TEST(Shape, LabelThresholds) {
  EXPECT_STREQ(sentiment_label(0.05f), "positive");
  EXPECT_STREQ(sentiment_label(0.049f), "neutral");
  EXPECT_STREQ(sentiment_label(-0.05f), "negative");
}

// --- lookups ------------------------------------------------------------------

TEST(Lexicon, Lookups) {
  ASSERT_NE(find_lexicon_word("happy"), nullptr);
  EXPECT_GT(find_lexicon_word("happy")->valence, 0);
  EXPECT_EQ(lexicon_term(*find_lexicon_word("happy")), "happy");
  EXPECT_EQ(find_lexicon_word("qwertyuiop"), nullptr);
  EXPECT_EQ(find_lexicon_word(""), nullptr);
  EXPECT_EQ(find_elongated_word("happyy"), find_lexicon_word("happy"));
  EXPECT_EQ(find_elongated_word("goodd"), find_lexicon_word("good"));
  EXPECT_EQ(lexicon_origin(*find_lexicon_word("happy")), LexiconOrigin::Vader);
  EXPECT_EQ(lexicon_origin(*find_lexicon_word("unacceptable")), LexiconOrigin::Supplement);
  const LexiconEntry* heart = find_lexicon_emoji("\xE2\x9D\xA4\xEF\xB8\x8F");  // heart + VS16
  ASSERT_NE(heart, nullptr);
  EXPECT_EQ(lexicon_origin(*heart), LexiconOrigin::Emoji);
  EXPECT_GT(heart->valence, 2);
  EXPECT_NE(find_lexicon_phrase("still waiting"), nullptr);
  EXPECT_EQ(find_lexicon_phrase("still"), nullptr);
  EXPECT_TRUE(lexicon_phrase_has_prefix("cancel my"));
  EXPECT_FALSE(lexicon_phrase_has_prefix("cancel my account"));
  EXPECT_GT(lexicon_valence("good"), 0);
  EXPECT_EQ(lexicon_valence("table"), 0);
}

TEST(Lexicon, WordRoles) {
  EXPECT_TRUE(word_role_table_is_sorted());
  EXPECT_EQ(word_role("not"), WordRole::Negator);
  EXPECT_EQ(word_role("shouldn't"), WordRole::Negator);
  EXPECT_EQ(word_role("dont"), WordRole::Negator);
  EXPECT_EQ(word_role("very"), WordRole::Booster);
  EXPECT_EQ(word_role("slightly"), WordRole::Dampener);
  EXPECT_EQ(word_role("however"), WordRole::Contrast);
  EXPECT_EQ(word_role("been"), WordRole::Transparent);
  EXPECT_EQ(word_role("refund"), WordRole::None);
}

}  // namespace
}  // namespace rapport

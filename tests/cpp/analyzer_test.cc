// The whole pipeline natively: bad input that JSON fixtures cannot carry
// (invalid UTF-8), the language gate, emotions, priority, evidence ranking,
// and the JSON writer's exact output.
#include "analysis/analyzer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include "analysis/emotion_heuristics.h"
#include "text/utf8.h"

namespace rapport {
namespace {

using nlohmann::json;

json to_json(const AnalyzedMessage& m) {
  std::string out;
  append_assessment_json(out, m);
  return json::parse(out, nullptr, false);
}

json analyze_json(std::string_view text) { return to_json(analyze_message(text)); }

int argmax_emotion(const Assessment& a) {
  int best = 0;
  for (int i = 1; i < kEmotionCount; ++i)
    if (a.emotions[i] > a.emotions[best]) best = i;
  return best;
}

const Cue* find_cue(const Assessment& a, const std::string& id) {
  for (const Cue& c : a.cues)
    if (c.id == id) return &c;
  return nullptr;
}

// --- bad input --------------------------------------------------------------

TEST(BadInput, InvalidUtf8IsReplacedAndFlagged) {
  const std::string raw = "\xFF\xFE it is awful \xC3 and \xED\xA0\x80 \xF0\x9F";
  AnalyzedMessage m = analyze_message(raw);
  EXPECT_TRUE(m.assessment.had_invalid_utf8);
  EXPECT_FALSE(m.assessment.truncated);
  EXPECT_NE(m.analyzed_text.find("\xEF\xBF\xBD"), std::string::npos);
  EXPECT_EQ(m.assessment.label, "negative");
  json j = to_json(m);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_EQ(j["invalidUtf8"], true);
  // Offsets are UTF-16 units of the analyzed text: each U+FFFD is one unit.
  Utf16Offsets offsets(m.analyzed_text);
  size_t byte = m.analyzed_text.find("awful");
  bool found = false;
  for (const json& e : j["evidence"])
    if (e["text"] == "awful") {
      found = true;
      EXPECT_EQ(e["start"].get<uint32_t>(), offsets.to_utf16(static_cast<uint32_t>(byte)));
    }
  EXPECT_TRUE(found) << j["evidence"].dump();
}

TEST(BadInput, OnlyInvalidBytes) {
  json j = analyze_json("\x80\x81\x82\xFF");
  ASSERT_FALSE(j.is_discarded());
  EXPECT_EQ(j["invalidUtf8"], true);
  EXPECT_EQ(j["sentiment"]["label"], "neutral");
}

TEST(BadInput, NulBytesBecomeSpaces) {
  const std::string raw("I hate\0this\0", 12);
  AnalyzedMessage m = analyze_message(raw);
  EXPECT_EQ(m.analyzed_text.find('\0'), std::string::npos);
  EXPECT_EQ(m.assessment.label, "negative");
  EXPECT_FALSE(to_json(m).is_discarded());
}

TEST(BadInput, EmptyAndWhitespace) {
  for (const char* text : {"", " ", "\n\n\t  \r\n"}) {
    AnalyzedMessage m = analyze_message(text);
    EXPECT_EQ(m.assessment.label, "neutral");
    EXPECT_TRUE(m.assessment.cues.empty());
    EXPECT_TRUE(m.assessment.evidence.empty());
    EXPECT_EQ(priority_level(m.assessment.priority), std::string("low"));
    EXPECT_EQ(argmax_emotion(m.assessment), kNeutral);
    EXPECT_FALSE(to_json(m).is_discarded());
  }
}

TEST(BadInput, OneMegabyteIsCutAndFlagged) {
  std::string raw;
  while (raw.size() < (1u << 20)) raw += "I am furious, this is the worst. ";
  AnalyzedMessage m = analyze_message(raw);
  EXPECT_TRUE(m.assessment.truncated);
  EXPECT_LE(m.analyzed_text.size(), kMaxAnalyzedBytes);
  EXPECT_EQ(m.assessment.label, "negative");
  EXPECT_LE(m.assessment.evidence.size(), kMaxEvidenceItems);
  json j = to_json(m);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_EQ(j["truncated"], true);
}

TEST(BadInput, CutNeverSplitsACodePoint) {
  std::string raw;
  while (raw.size() < kMaxAnalyzedBytes + 10) raw += "\xF0\x9F\x98\xA1";  // 4-byte emoji
  raw = "x" + raw;  // misalign so the limit falls inside an emoji
  AnalyzedMessage m = analyze_message(raw);
  EXPECT_TRUE(m.assessment.truncated);
  EXPECT_FALSE(m.assessment.had_invalid_utf8);
  EXPECT_FALSE(to_json(m).is_discarded());
}

TEST(BadInput, RandomBytesAlwaysGiveValidJsonWithSpansInsideTheText) {
  // Deterministic mix of chat fragments, multi-byte characters and raw bytes.
  const char* const pieces[] = {"thanks ", "for nothing", " ASAP", "!!!", "??", " not ", "happy",
                                "\xF0\x9F\x98\xA1", "\xE2\x80\x99", "\xC3\xA9", "\xFF", "\xC3",
                                "\xED\xA0\x80", "\"", "\\", "\n", "3rd time", " cancel my account",
                                "\xD0\x9C\xD0\xBE\xD0\xB9", ":)", "@bob", " http://x.io/a?b=1 "};
  uint32_t state = 12345;
  auto next = [&] { return state = state * 1664525u + 1013904223u; };
  for (int round = 0; round < 2000; ++round) {
    std::string raw;
    int parts = next() % 24;
    for (int i = 0; i < parts; ++i) {
      if (next() % 5 == 0) raw += static_cast<char>(next() >> 24);  // any byte, NUL included
      else raw += pieces[next() % (sizeof(pieces) / sizeof(pieces[0]))];
    }
    AnalyzedMessage m = analyze_message(raw);
    json j = to_json(m);
    ASSERT_FALSE(j.is_discarded()) << "round " << round;
    const uint32_t units = Utf16Offsets(m.analyzed_text).utf16_length();
    for (const json& e : j["evidence"]) {
      ASSERT_LE(e["start"].get<uint32_t>(), e["end"].get<uint32_t>());
      ASSERT_LE(e["end"].get<uint32_t>(), units);
    }
    ASSERT_GE(j["priority"].get<double>(), 0);
    ASSERT_LE(j["priority"].get<double>(), 1);
  }
}

// --- language gate ----------------------------------------------------------

TEST(LanguageGate, UnsupportedLanguageGetsNeutralScoreAndNoLexiconEvidence) {
  // "malo" and "terrible" would score as English words; the gate stops that.
  AnalyzedMessage m = analyze_message("El servicio es terrible y muy malo, quiero mi dinero");
  const Assessment& a = m.assessment;
  EXPECT_EQ(a.language.code, "es");
  EXPECT_FALSE(a.language.supported);
  EXPECT_EQ(a.label, "neutral");
  EXPECT_EQ(a.sentiment.compound, 0.f);
  for (const Evidence& e : a.evidence) EXPECT_EQ(e.source.compare(0, 4, "cue:"), 0) << e.source;
  EXPECT_EQ(argmax_emotion(a), kNeutral);
}

// --- emotions ---------------------------------------------------------------

TEST(Emotions, AllTwentyEightInRange) {
  for (const char* text : {"I love you guys!", "This is a disaster, I am furious", "ok", "",
                           "thanks for nothing", "What does this mean??"}) {
    AnalyzedMessage m = analyze_message(text);
    for (float p : m.assessment.emotions) {
      EXPECT_GE(p, 0.f) << text;
      EXPECT_LE(p, 1.f) << text;
    }
  }
}

TEST(Emotions, HeuristicPicksTheObviousOne) {
  EXPECT_EQ(argmax_emotion(analyze_message("Thank you so much for your help!").assessment), kGratitude);
  EXPECT_EQ(argmax_emotion(analyze_message("I don't understand what this means").assessment), kConfusion);
  EXPECT_EQ(argmax_emotion(analyze_message("I'm so sorry, my mistake").assessment), kRemorse);
  EXPECT_EQ(argmax_emotion(analyze_message("I love this app").assessment), kLove);
  EXPECT_EQ(argmax_emotion(analyze_message("My order number is 12345").assessment), kNeutral);
  const Assessment angry = analyze_message("I am furious, this is unacceptable").assessment;
  EXPECT_TRUE(argmax_emotion(angry) == kAnger || argmax_emotion(angry) == kAnnoyance);
  // Negated joy is not joy.
  const Assessment unhappy = analyze_message("I'm not happy").assessment;
  EXPECT_LT(unhappy.emotions[kJoy], 0.2f);
  EXPECT_GT(unhappy.emotions[kDisappointment], 0.3f);
}

TEST(Emotions, ModelProbabilitiesReplaceTheHeuristic) {
  AnalyzedMessage m = analyze_message("I love this app");
  std::array<float, kEmotionCount> probs{};
  probs[kJoy] = 0.9f;
  probs[kAnger] = 1.7f;             // out of range: clamped
  probs[kFear] = std::nanf("");     // not a number: 0
  apply_model_emotions(&m, probs);
  EXPECT_EQ(m.assessment.source, "model+lexicon");
  EXPECT_FLOAT_EQ(m.assessment.emotions[kJoy], 0.9f);
  EXPECT_FLOAT_EQ(m.assessment.emotions[kAnger], 1.f);
  EXPECT_FLOAT_EQ(m.assessment.emotions[kFear], 0.f);
  EXPECT_FLOAT_EQ(m.assessment.emotions[kLove], 0.f);
  EXPECT_EQ(to_json(m)["source"], "model+lexicon");
}

// --- priority ---------------------------------------------------------------

TEST(Priority, OrdersMessagesByHowSoonToAnswer) {
  float thanks = analyze_message("Thanks, all sorted now!").assessment.priority;
  float question = analyze_message("Where can I find my invoice?").assessment.priority;
  float complaint = analyze_message("This is the worst service, I am very disappointed").assessment.priority;
  float threat = analyze_message(
                     "Third time asking! Fix this TODAY or I cancel my account and call my lawyer!!!")
                     .assessment.priority;
  EXPECT_LT(question, complaint);
  EXPECT_LT(thanks, complaint);
  EXPECT_LT(complaint, threat);
  EXPECT_STREQ(priority_level(thanks), "low");
  EXPECT_STREQ(priority_level(threat), "urgent");
  EXPECT_STREQ(priority_level(0.f), "low");
  EXPECT_STREQ(priority_level(0.3f), "normal");
  EXPECT_STREQ(priority_level(0.6f), "high");
  EXPECT_STREQ(priority_level(1.f), "urgent");
}

TEST(Priority, AClearUrgencyCueIsAtLeastHigh) {
  // Calm words, but access and time at stake: the agent should answer soon.
  const Assessment a = analyze_message("I am locked out of my account and need it today asap").assessment;
  float urgency = 0;
  for (const Cue& c : a.cues)
    if (c.id == "urgency") urgency = c.strength;
  ASSERT_GE(urgency, 0.35f);
  EXPECT_GE(a.priority, 0.5f);
  // No urgency cue, no floor.
  EXPECT_LT(analyze_message("Where can I find my invoice?").assessment.priority, 0.5f);
}

// --- evidence ---------------------------------------------------------------

TEST(Evidence, StrongestFirstAndCapped) {
  std::string text;
  for (int i = 0; i < 10; ++i) text += "bad awful horrible great terrible good ";
  const Assessment a = analyze_message(text + " ASAP").assessment;
  ASSERT_EQ(a.evidence.size(), kMaxEvidenceItems);
  auto key = [](const Evidence& e) {
    return e.source.compare(0, 4, "cue:") == 0 ? std::fabs(e.weight) : std::fabs(e.weight) / 4;
  };
  for (size_t i = 1; i < a.evidence.size(); ++i) EXPECT_GE(key(a.evidence[i - 1]), key(a.evidence[i]));
}

TEST(Evidence, CueItemsCarryTheirSource) {
  const Assessment a = analyze_message("I want to cancel my account").assessment;
  bool found = false;
  for (const Evidence& e : a.evidence) found |= e.source == "cue:churn_risk";
  EXPECT_TRUE(found);
}

// --- JSON -------------------------------------------------------------------

TEST(Json, PublicShapeHasEveryField) {
  json j = analyze_json("\"Quotes\" and \\backslashes\\ \xF0\x9F\x98\x80 I love it, thanks!");
  ASSERT_FALSE(j.is_discarded());
  for (const char* k : {"label", "score", "positive", "negative", "neutral"}) EXPECT_TRUE(j["sentiment"].contains(k)) << k;
  EXPECT_EQ(j["emotions"].size(), static_cast<size_t>(kEmotionCount));
  for (const char* name : kEmotionNames) EXPECT_TRUE(j["emotions"].contains(name)) << name;
  for (const char* k : {"cues", "priority", "priorityLevel", "evidence", "language", "truncated",
                        "invalidUtf8", "source"})
    EXPECT_TRUE(j.contains(k)) << k;
  EXPECT_EQ(j["source"], "lexicon");
  for (const json& e : j["evidence"])
    for (const char* k : {"start", "end", "text", "weight", "source", "note"}) EXPECT_TRUE(e.contains(k)) << k;
}

TEST(Json, OffsetsAreUtf16Units) {
  // U+1F600 is 4 bytes and 2 UTF-16 units: "love" starts at byte 7, unit 5.
  json j = analyze_json("\xF0\x9F\x98\x80 I love it");
  bool found = false;
  for (const json& e : j["evidence"])
    if (e["text"] == "love") {
      found = true;
      EXPECT_EQ(e["start"], 5);
      EXPECT_EQ(e["end"], 9);
    }
  EXPECT_TRUE(found) << j["evidence"].dump();
}

TEST(Json, BatchIsOneArrayInOrder) {
  EXPECT_EQ(analyze_batch_json({}), "[]");
  json batch = json::parse(analyze_batch_json({"I love it", "", "I hate it"}), nullptr, false);
  ASSERT_TRUE(batch.is_array());
  ASSERT_EQ(batch.size(), 3u);
  EXPECT_EQ(batch[0]["sentiment"]["label"], "positive");
  EXPECT_EQ(batch[1]["sentiment"]["label"], "neutral");
  EXPECT_EQ(batch[2]["sentiment"]["label"], "negative");
  std::string single;
  append_assessment_json(single, analyze_message("I hate it"));
  EXPECT_EQ(batch[2].dump(), json::parse(single).dump());
}

}  // namespace
}  // namespace rapport

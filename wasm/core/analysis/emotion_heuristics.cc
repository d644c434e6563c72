// See emotion_heuristics.h: a documented heuristic, replaced by the model.
#include "analysis/emotion_heuristics.h"
#include "text/word_table.h"  // same_bytes

#include <algorithm>
#include <cstring>
#include <string_view>

namespace rapport {

const std::array<const char*, kEmotionCount> kEmotionNames = {
    "admiration", "amusement", "anger", "annoyance", "approval", "caring", "confusion",
    "curiosity", "desire", "disappointment", "disapproval", "disgust", "embarrassment",
    "excitement", "fear", "gratitude", "grief", "joy", "love", "nervousness", "optimism",
    "pride", "realization", "relief", "remorse", "sadness", "surprise", "neutral"};

namespace {

struct Trigger {
  const char* norm;  // token norm; emoji match by prefix (skin tones follow)
  EmotionIndex emotion;
  float value;
};

// Words whose presence names an emotion more precisely than sentiment can.
const Trigger kTriggers[] = {
    {"sorry", kRemorse, .6f}, {"apologize", kRemorse, .6f}, {"apologies", kRemorse, .55f},
    {"love", kLove, .65f}, {"loved", kLove, .6f},
    {"loving", kLove, .55f}, {"adore", kLove, .6f}, {"angry", kAnger, .7f},
    {"furious", kAnger, .8f}, {"mad", kAnger, .5f}, {"pissed", kAnger, .7f},
    {"livid", kAnger, .8f}, {"outraged", kAnger, .75f}, {"hate", kAnger, .55f},
    {"wtf", kAnger, .5f}, {"unacceptable", kAnger, .5f}, {"annoyed", kAnnoyance, .7f},
    {"annoying", kAnnoyance, .65f}, {"frustrated", kAnnoyance, .65f},
    {"frustrating", kAnnoyance, .6f}, {"ridiculous", kAnnoyance, .55f},
    {"irritated", kAnnoyance, .65f}, {"fed", kAnnoyance, .3f},
    {"disappointed", kDisappointment, .7f}, {"disappointing", kDisappointment, .65f},
    {"letdown", kDisappointment, .55f}, {"sad", kSadness, .6f}, {"unhappy", kSadness, .45f},
    {"upset", kSadness, .45f}, {"depressed", kSadness, .6f}, {"heartbroken", kGrief, .6f},
    {"scared", kFear, .6f}, {"afraid", kFear, .55f}, {"terrified", kFear, .75f},
    {"worried", kNervousness, .6f}, {"anxious", kNervousness, .6f},
    {"nervous", kNervousness, .6f}, {"concerned", kNervousness, .45f},
    {"excited", kExcitement, .65f}, {"exciting", kExcitement, .55f},
    {"happy", kJoy, .6f}, {"glad", kJoy, .55f}, {"delighted", kJoy, .65f},
    {"great", kAdmiration, .4f}, {"awesome", kAdmiration, .55f}, {"amazing", kAdmiration, .6f},
    {"excellent", kAdmiration, .6f}, {"impressed", kAdmiration, .6f},
    {"lol", kAmusement, .55f}, {"lmao", kAmusement, .6f}, {"haha", kAmusement, .6f},
    {"hahaha", kAmusement, .65f}, {"funny", kAmusement, .5f}, {"hope", kOptimism, .45f},
    {"hopefully", kOptimism, .45f}, {"wish", kDesire, .45f}, {"wow", kSurprise, .5f},
    {"omg", kSurprise, .45f}, {"surprised", kSurprise, .6f}, {"shocked", kSurprise, .55f},
    {"disgusting", kDisgust, .7f}, {"gross", kDisgust, .55f}, {"embarrassed", kEmbarrassment, .65f},
    {"embarrassing", kEmbarrassment, .55f}, {"proud", kPride, .6f}, {"relieved", kRelief, .65f},
    {"finally", kRelief, .3f}, {"realized", kRealization, .5f}, {"realize", kRealization, .4f},
    {"curious", kCuriosity, .55f}, {"wondering", kCuriosity, .5f}, {"agree", kApproval, .5f},
    {"care", kCaring, .35f}, {"rip", kGrief, .5f}, {"passed", kGrief, .2f},
    {"\xF0\x9F\x98\x82", kAmusement, .6f},   // face with tears of joy
    {"\xF0\x9F\xA4\xA3", kAmusement, .6f},   // rolling on the floor laughing
    {"\xE2\x9D\xA4", kLove, .6f},            // red heart
    {"\xF0\x9F\x98\x8D", kLove, .55f},       // heart eyes
    {"\xF0\x9F\x98\xA1", kAnger, .65f},      // pouting face
    {"\xF0\x9F\xA4\xAC", kAnger, .7f},       // symbols over mouth
    {"\xF0\x9F\x98\xA2", kSadness, .55f},    // crying face
    {"\xF0\x9F\x98\xAD", kSadness, .55f},    // loudly crying face
    {"\xF0\x9F\x98\xB1", kFear, .5f},        // screaming in fear
    {"\xF0\x9F\x99\x84", kAnnoyance, .5f},   // eye roll
};

bool is_negator(std::string_view n) {
  // same_text, not ==: inline compares (wasm's memcmp is a byte-loop call)
  if (same_text(n, "not") || same_text(n, "no") || same_text(n, "never") ||
      same_text(n, "without") || same_text(n, "hardly") || same_text(n, "nobody"))
    return true;
  return n.size() > 3 && n.substr(n.size() - 3) == "n't";
}

// A negator within the three tokens before `i`, in the same sentence.
bool negated(const std::vector<Token>& toks, size_t i) {
  for (size_t back = 1; back <= 3 && back <= i; ++back) {
    const Token& t = toks[i - back];
    if (t.sentence != toks[i].sentence || t.kind == TokenKind::Punct) return false;
    if (is_negator(t.norm)) return true;
  }
  return false;
}

bool is_positive_emotion(EmotionIndex e) {
  return e == kLove || e == kJoy || e == kAdmiration || e == kExcitement || e == kAmusement ||
         e == kOptimism || e == kPride || e == kRelief || e == kApproval || e == kCaring;
}

void raise(std::array<float, kEmotionCount>* e, int index, float value) {
  (*e)[index] = std::max((*e)[index], std::min(1.f, std::max(0.f, value)));
}

// Word triggers are found through the token's WordFacts (word_facts.h);
// emoji triggers (few) are scanned by prefix because skin tones and
// variation selectors may follow.
const std::vector<const Trigger*>& emoji_triggers() {
  static const std::vector<const Trigger*> emoji = [] {
    std::vector<const Trigger*> built;
    for (const Trigger& t : kTriggers)
      if (static_cast<unsigned char>(t.norm[0]) >= 0x80) built.push_back(&t);
    return built;
  }();
  return emoji;
}

void apply_trigger(const Trigger& trig, const std::vector<Token>& toks, size_t i,
                   std::array<float, kEmotionCount>* e) {
  if (!negated(toks, i)) raise(e, trig.emotion, trig.value);
  else if (is_positive_emotion(trig.emotion)) raise(e, kDisappointment, .4f);  // "not happy"
}

// Inline scan of a short punctuation norm (capped at kMaxPunctNorm bytes).
bool has_question_mark(const std::string& norm) {
  for (char c : norm)
    if (c == '?') return true;
  return false;
}

void apply_triggers(const Tokenized& tokens, std::array<float, kEmotionCount>* e) {
  const std::vector<const Trigger*>& emoji = emoji_triggers();
  const std::vector<Token>& toks = tokens.tokens;
  for (size_t i = 0; i < toks.size(); ++i) {
    const Token& t = toks[i];
    if (t.kind == TokenKind::Punct && has_question_mark(t.norm)) raise(e, kCuriosity, .25f);
    if (t.kind == TokenKind::Word) {
      const uint16_t trigger = word_facts(t).emotion_trigger;
      if (trigger != 0) apply_trigger(kTriggers[trigger - 1], toks, i, e);
    } else if (t.kind == TokenKind::Emoji) {
      for (const Trigger* trig : emoji) {
        size_t len = std::strlen(trig->norm);
        if (t.norm.size() >= len && same_bytes(t.norm.data(), trig->norm, len))
          apply_trigger(*trig, toks, i, e);
      }
    }
  }
}

void apply_cues(const std::vector<Cue>& cues, std::array<float, kEmotionCount>* e) {
  for (const Cue& c : cues) {
    float s = c.strength;
    if (c.id == "gratitude") {
      raise(e, kGratitude, .3f + .65f * s);
    } else if (c.id == "confusion") {
      raise(e, kConfusion, .2f + .7f * s);
      raise(e, kCuriosity, .3f * s);
    } else if (c.id == "urgency") {
      raise(e, kNervousness, .35f * s);
      raise(e, kDesire, .2f * s);
    } else if (c.id == "churn_risk") {
      raise(e, kDisappointment, .6f * s);
      raise(e, kDisapproval, .5f * s);
      raise(e, kAnger, .4f * s);
    } else if (c.id == "escalation") {
      raise(e, kAnger, .6f * s);
      raise(e, kAnnoyance, .4f * s);
      raise(e, kDisapproval, .4f * s);
    } else if (c.id == "repeat_contact") {
      raise(e, kAnnoyance, .6f * s);
      raise(e, kDisappointment, .35f * s);
    }
  }
}

}  // namespace

size_t emotion_trigger_count() { return sizeof(kTriggers) / sizeof(kTriggers[0]); }

std::string_view emotion_trigger_norm(size_t i) { return kTriggers[i].norm; }

std::array<float, kEmotionCount> heuristic_emotions(const Tokenized& tokens,
                                                    const SentimentScore& sentiment,
                                                    const std::vector<Cue>& cues) {
  std::array<float, kEmotionCount> e{};
  float neg = std::max(0.f, -sentiment.compound), pos = std::max(0.f, sentiment.compound);
  // The sentiment alone suggests the broad family of emotions ...
  raise(&e, kAnnoyance, .45f * neg);
  raise(&e, kDisappointment, .35f * neg);
  raise(&e, kDisapproval, .3f * neg);
  raise(&e, kAnger, .25f * neg);
  raise(&e, kSadness, .2f * neg);
  raise(&e, kJoy, .35f * pos);
  raise(&e, kApproval, .3f * pos);
  raise(&e, kAdmiration, .3f * pos);
  raise(&e, kExcitement, .15f * pos);
  raise(&e, kOptimism, .15f * pos);
  // ... trigger words and cues name it more precisely.
  apply_triggers(tokens, &e);
  apply_cues(cues, &e);
  float strongest = 0;
  for (int i = 0; i < kNeutral; ++i) strongest = std::max(strongest, e[i]);
  // Neutral is what is left when nothing else stands out.
  e[kNeutral] = std::min(.95f, std::max(.03f, .9f - .8f * strongest - .5f * std::abs(sentiment.compound)));
  return e;
}

}  // namespace rapport

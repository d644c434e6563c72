// The phrase tables behind detect_cues (cues.cc). Data only: adding a phrase
// never needs code. Each phrase is a space-separated list of token norms
// (lower case, straight apostrophes) that must appear as consecutive tokens.
//
// Slots a phrase word may use instead of a literal norm:
//   "#"    a count: a number token or a number word ("3", "three", "several")
//   "#th"  an ordinal of three or more ("third", "5th", "nth", "umpteenth")
//   "@"    a name-like token: Capitalized/ALL-CAPS word, @mention or #hashtag
//          ("switch to Verizon"), so "switch to dark mode" is not churn
//   "*"    any one word
#pragma once

namespace rapport {

enum class CueKind : unsigned char {
  Urgency,
  ChurnRisk,
  Escalation,
  RepeatContact,
  Confusion,
  Gratitude,
};
constexpr int kCueKindCount = 6;

// Public ids, in CueKind order ("urgency", "churn_risk", ...).
extern const char* const kCueIds[kCueKindCount];

struct CuePhrase {
  CueKind cue;
  float weight;       // 0..1: how sure this phrase alone makes the cue
  bool blocks;        // true: a blocker; matches of `cue` overlapping it are dropped
                      // ("thanks for nothing" is not gratitude)
  const char* words;  // space-separated norms and slots
};

extern const CuePhrase kCuePhrases[];
extern const int kCuePhraseCount;

}  // namespace rapport

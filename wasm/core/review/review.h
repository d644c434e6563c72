// The result of reviewing one draft reply, and the customer context it is
// reviewed against. Serialized by append_review_json (review_json.cc).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "text/text.h"

namespace rapport::review {

struct Suggestion {
  Span span;       // bytes of the matched phrase; empty at the insertion point for absence rules
  Span replace;    // bytes a replacement substitutes (the sentence, the phrase, or the insertion point)
  uint32_t rule = 0;  // index into the pack's rules
  std::vector<std::string> replacements;  // placeholders filled, best first
};

struct ScoreReason {
  int sign = 1;          // +1 raised the part, -1 lowered it, 0 neutral note
  std::string note;
  bool has_span = false;
  Span span;
};

struct ScorePart {
  const char* id = "";
  int points = 0;
  int max = 0;  // 0 for the penalty part ("coldPhrases": points <= 0)
  std::vector<ScoreReason> reasons;
};

struct Mismatch {
  bool alert = false;
  std::string message;
  bool has_customer = false;  // a customer message was given and analysed
  std::string customer_label;
  float customer_score = 0;
};

// What the reviewer knows about the customer: computed once per customer
// message (the expensive part), reused for every keystroke of the draft.
struct CustomerContext {
  bool has_text = false;
  std::string label = "neutral";
  float score = 0;                      // compound sentiment -1..1
  std::vector<std::string> name_parts;  // normalized words of the customer's name
  std::string name;                     // as given, for {customerName}
  std::string agent_name;
  std::string company;
  std::vector<std::string> situation_terms;  // content-word terms of their message, sorted
};

struct Review {
  std::string text;  // the sanitized draft all spans refer to
  bool truncated = false;
  bool invalid_utf8 = false;
  int words = 0;
  std::vector<Suggestion> suggestions;
  std::vector<ScorePart> parts;
  int score = 0;  // 0..100
  Mismatch mismatch;
};

}  // namespace rapport::review

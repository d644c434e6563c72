// The empathy score (0..100) as a sum of named parts, each with the words that
// raised or lowered it, and the mismatch alert. Point values are documented in
// shared/rules/SCHEMA.md ("Empathy score").
#pragma once
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "review/review.h"
#include "review/rule_pack.h"

namespace rapport::review {

struct EmpathyInput {
  const RulePack* pack = nullptr;
  const CustomerContext* customer = nullptr;
  std::map<std::string, std::vector<Span>> signals;  // signal name -> where it matched
  std::vector<Span> name_spans;                       // the customer's name in the draft
  std::vector<std::pair<std::string, Span>> situation_hits;  // their words, echoed
};

// Fills review.parts, review.score and review.mismatch from the suggestions
// already in `review` and the facts in `in`.
void score_empathy(const EmpathyInput& in, Review& review);

}  // namespace rapport::review

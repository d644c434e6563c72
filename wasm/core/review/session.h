// One conversation's draft review. The agent types; every keystroke reviews
// the draft against the same customer message, so the session analyses that
// message once (set_customer) and keeps the result, while the rule pack is
// read from the Reviewer that opened it: every session of one Reviewer sees a
// pack loaded into it, and sessions of two Reviewers never share anything.
// An engine host serving many tabs opens one session per conversation.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "review/review.h"

namespace rapport::review {

class Reviewer;

class ReviewSession {
 public:
  // `reviewer` must outlive the session (the JS API disposes sessions before
  // their analyzer; native callers keep both in one scope).
  explicit ReviewSession(const Reviewer& reviewer) : reviewer_(&reviewer) {}

  // The customer's message and names. Analyses the message only when any
  // value changed, so callers may pass them with every keystroke. Returns
  // true when it analysed.
  bool set_customer(std::string_view customer_text, std::string_view customer_name,
                    std::string_view agent_name = {}, std::string_view company = {});

  Review review(std::string_view draft) const;
  std::string review_json(std::string_view draft) const;

  const CustomerContext& customer() const { return customer_; }
  // How many times this session analysed a customer message (tests, stats).
  uint64_t customer_analyses() const { return analyses_; }

 private:
  const Reviewer* reviewer_;
  CustomerContext customer_;
  std::string customer_text_;
  uint64_t analyses_ = 0;
};

}  // namespace rapport::review

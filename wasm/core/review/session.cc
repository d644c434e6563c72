#include "review/session.h"

#include "review/reviewer.h"

namespace rapport::review {

bool ReviewSession::set_customer(std::string_view text, std::string_view name, std::string_view agent_name,
                                 std::string_view company) {
  if (analyses_ > 0 && customer_text_ == text && customer_.name == name &&
      customer_.agent_name == agent_name && customer_.company == company) {
    return false;  // unchanged: the per-keystroke path
  }
  customer_ = analyze_customer(text, name, agent_name, company);
  customer_text_ = std::string(text);
  ++analyses_;
  return true;
}

Review ReviewSession::review(std::string_view draft) const {
  return review_draft(reviewer_->pack(), reviewer_->compiled(), customer_, draft);
}

std::string ReviewSession::review_json(std::string_view draft) const {
  std::string out;
  append_review_json(out, review(draft), reviewer_->pack());
  return out;
}

}  // namespace rapport::review

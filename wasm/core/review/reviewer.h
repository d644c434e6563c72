// Draft review: cold-phrase suggestions, empathy score and the mismatch alert.
//
// A Reviewer owns one rule pack, compiled. Conversations are ReviewSessions
// (review/session.h) opened over it: each keeps its customer's analysis, so
// reviewing the draft again after each keystroke only tokenizes and matches
// the draft (see scripts/bench/review.mjs for the measured cost). For callers
// with one conversation, the Reviewer also carries one session of its own
// (set_customer, review). No reviewer is shared process-wide: each analyzer
// (JS) or caller (native) owns its own, so packs never leak between them.
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "review/matcher.h"
#include "review/review.h"
#include "review/rule_pack.h"
#include "review/session.h"

namespace rapport::review {

struct PackLoadResult {
  bool ok = false;
  std::vector<PackIssue> errors;
  size_t rule_count = 0;  // rules in the pack now in use (the old one when !ok)
};

class Reviewer {
 public:
  Reviewer();  // starts with the default pack
  // Sessions point at their Reviewer: it stays where it was made.
  Reviewer(const Reviewer&) = delete;
  Reviewer& operator=(const Reviewer&) = delete;

  // Loads a pack (standalone, or an overlay with "base": "default"). On any
  // error the pack in use stays as it was. Examples of every phrase rule must
  // match their own rule ("example_no_match"), so a team sees a broken rule
  // at load time rather than as silence later.
  PackLoadResult load_pack(std::string_view json);
  void reset_pack();  // back to the default pack
  std::string export_pack() const;
  const RulePack& pack() const { return pack_; }
  const CompiledPack& compiled() const { return compiled_; }

  // The Reviewer's own session (see ReviewSession::set_customer): analyses the
  // customer's message once; calling again with the same values is free.
  void set_customer(std::string_view customer_text, std::string_view customer_name,
                    std::string_view agent_name = {}, std::string_view company = {});

  Review review(std::string_view draft) const;
  std::string review_json(std::string_view draft) const;

  // Rules (by index) that fire anywhere in `text`, phrase rules only; used by
  // tests to check that alternatives are clean.
  std::vector<size_t> phrase_rules_matching(std::string_view text) const;

 private:
  bool install(RulePack pack, std::vector<PackIssue>& errors, bool check_examples);

  RulePack pack_;
  CompiledPack compiled_;
  std::unique_ptr<ReviewSession> own_session_;  // set_customer / review
};

// What a session knows about the customer: their message analysed (label,
// score, the content terms of their situation) and the names for placeholders.
CustomerContext analyze_customer(std::string_view customer_text, std::string_view customer_name,
                                 std::string_view agent_name, std::string_view company);

// The stateless core of Reviewer::review and of the example check.
Review review_draft(const RulePack& pack, const CompiledPack& compiled,
                    const CustomerContext& customer, std::string_view draft);
// Phrase rules (by index) that fire in `text` before overlaps are resolved,
// after their except patterns and unless signals.
std::vector<size_t> matching_phrase_rules(const RulePack& pack, const CompiledPack& compiled,
                                          std::string_view text);

// Whether rule `rule` fires on `text` (no customer context): phrase rules
// before overlaps are resolved, absence rules as review_draft reports them.
// Examples must fire, near misses must not.
bool rule_fires(const RulePack& pack, const CompiledPack& compiled, size_t rule, std::string_view text);

// The default pack, parsed once.
const RulePack& default_pack();

// Fills {customerName}, {agentName} and {company}. An empty value removes the
// placeholder together with the space or ", " before it ("Hi {customerName},"
// -> "Hi,"). Sets *all_filled to false when any value was missing.
std::string fill_placeholders(std::string_view text, const CustomerContext& customer,
                              bool* all_filled);

void append_review_json(std::string& out, const Review& review, const RulePack& pack);

}  // namespace rapport::review

#include "review/reviewer.h"

#include <algorithm>
#include <unordered_set>

#include "analysis/analyzer.h"
#include "review/default_pack.h"
#include "review/empathy.h"
#include "review/terms.h"
#include "text/tokenizer.h"
#include "text/utf8.h"

namespace rapport::review {
namespace {

// Common words that say nothing about the customer's situation, as terms
// (stemmed the same way as the text).
const std::unordered_set<std::string>& situation_stopwords() {
  static const std::unordered_set<std::string> set = [] {
    const char* words[] = {
        "this", "that", "with", "have", "from", "your", "they", "what", "when", "there",
        "their", "been", "were", "will", "would", "could", "should", "about", "just", "like",
        "know", "than", "then", "them", "into", "some", "very", "really", "please", "thanks",
        "thank", "hello", "here", "also", "still", "again", "only", "even", "because", "after",
        "before", "being", "want", "need", "today", "time", "help", "more", "much", "make",
        "sure", "able", "which", "where", "while", "these", "those", "other", "sorry", "going",
        "doing", "said", "tell", "take", "give", "look", "good", "great", "right", "well",
        "think", "something", "anything", "nothing", "everything", "someone", "anyone", "every",
        "never", "always", "does", "done", "first", "last", "next", "back", "over", "such",
        "hope", "customer", "support", "team", "message", "email", "hour", "days", "week",
        "yours", "ours", "mine", "soon", "understand", "issue", "problem"};
    std::unordered_set<std::string> s;
    for (const char* w : words) {
      std::vector<std::string> terms;
      append_terms(w, terms);
      for (auto& t : terms) s.insert(t);
    }
    return s;
  }();
  return set;
}

// Content terms of one token for the "refers to their situation" check.
void situation_terms(const Token& tok, std::vector<std::string>& out) {
  out.clear();
  if (tok.kind == TokenKind::OrderId || tok.kind == TokenKind::Number) {
    std::string_view n = tok.norm;
    if (!n.empty() && n.front() == '#') n.remove_prefix(1);  // "#A1234" == "A1234"
    if (n.size() >= 3) out.emplace_back(n);
    return;
  }
  if (tok.kind != TokenKind::Word || tok.norm.size() < 4) return;
  std::vector<std::string> terms;
  append_terms(tok.norm, terms);
  for (auto& t : terms) {
    if (t.size() >= 3 && !situation_stopwords().count(t)) out.push_back(std::move(t));
  }
}

}  // namespace

const RulePack& default_pack() {
  static const RulePack pack = [] {
    RulePack p;
    std::vector<PackIssue> errors;
    parse_rule_pack(default_pack_json(), nullptr, p, errors);
    return p;  // tests assert the default pack has no errors
  }();
  return pack;
}

Reviewer::Reviewer() : own_session_(std::make_unique<ReviewSession>(*this)) {
  std::vector<PackIssue> errors;
  // The default pack's examples are checked by tests, not at every start-up.
  install(default_pack(), errors, /*check_examples=*/false);
}

bool Reviewer::install(RulePack pack, std::vector<PackIssue>& errors, bool check_examples) {
  CompiledPack compiled;
  if (!compiled.build(pack, errors)) return false;
  // Every example must trigger its own rule under the new pack, and no near
  // miss may (a team sees a broken or too-broad rule at load time).
  for (size_t i = 0; check_examples && i < pack.rules.size(); ++i) {
    const Rule& rule = pack.rules[i];
    for (size_t e = 0; e < rule.examples.size(); ++e) {
      if (!rule_fires(pack, compiled, i, rule.examples[e])) {
        errors.push_back({rule.source_path + "/examples/" + std::to_string(e), "example_no_match",
                          "example does not trigger rule '" + rule.id + "'"});
      }
    }
    for (size_t e = 0; e < rule.near_misses.size(); ++e) {
      if (rule_fires(pack, compiled, i, rule.near_misses[e])) {
        errors.push_back({rule.source_path + "/nearMisses/" + std::to_string(e), "near_miss_match",
                          "near miss triggers rule '" + rule.id + "'"});
      }
    }
  }
  if (!errors.empty()) return false;
  pack_ = std::move(pack);
  compiled_ = std::move(compiled);
  return true;
}

PackLoadResult Reviewer::load_pack(std::string_view json) {
  PackLoadResult result;
  RulePack parsed;
  if (parse_rule_pack(json, &default_pack(), parsed, result.errors)) {
    result.ok = install(std::move(parsed), result.errors, true);
  }
  result.rule_count = pack_.rules.size();
  return result;
}

void Reviewer::reset_pack() {
  std::vector<PackIssue> errors;
  install(default_pack(), errors, false);
}

std::string Reviewer::export_pack() const { return rule_pack_to_json(pack_); }

void Reviewer::set_customer(std::string_view text, std::string_view name, std::string_view agent_name,
                            std::string_view company) {
  own_session_->set_customer(text, name, agent_name, company);
}

CustomerContext analyze_customer(std::string_view text, std::string_view name, std::string_view agent_name,
                                 std::string_view company) {
  CustomerContext c;
  c.name = std::string(name);
  c.agent_name = std::string(agent_name);
  c.company = std::string(company);
  SanitizedText clean_name = sanitize_utf8(name, 256);
  for (const Token& t : tokenize(clean_name.text).tokens) {
    if (t.kind == TokenKind::Word && t.norm.size() >= 2) c.name_parts.push_back(t.norm);
  }
  if (!text.empty()) {
    AnalyzedMessage m = analyze_message(text);
    c.has_text = true;
    c.label = m.assessment.label;
    c.score = m.assessment.sentiment.compound;
    std::vector<std::string> terms;
    for (const Token& t : tokenize(m.analyzed_text).tokens) {
      situation_terms(t, terms);
      for (auto& term : terms) c.situation_terms.push_back(std::move(term));
    }
    std::sort(c.situation_terms.begin(), c.situation_terms.end());
    c.situation_terms.erase(std::unique(c.situation_terms.begin(), c.situation_terms.end()),
                            c.situation_terms.end());
  }
  return c;
}

std::vector<size_t> Reviewer::phrase_rules_matching(std::string_view text) const {
  return matching_phrase_rules(pack_, compiled_, text);
}

bool rule_fires(const RulePack& pack, const CompiledPack& compiled, size_t rule, std::string_view text) {
  if (pack.rules[rule].kind == RuleKind::Phrase) {
    auto fired = matching_phrase_rules(pack, compiled, text);
    return std::find(fired.begin(), fired.end(), rule) != fired.end();
  }
  const CustomerContext nobody;
  Review r = review_draft(pack, compiled, nobody, text);
  return std::any_of(r.suggestions.begin(), r.suggestions.end(), [&](const Suggestion& s) { return s.rule == rule; });
}

Review Reviewer::review(std::string_view draft) const { return own_session_->review(draft); }

std::string Reviewer::review_json(std::string_view draft) const { return own_session_->review_json(draft); }

}  // namespace rapport::review

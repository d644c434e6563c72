// review_draft: matches, overlap resolution, absence rules, personalization
// facts, then the empathy score. Stateless, so the Reviewer can cache around it.
#include <algorithm>
#include <map>

#include "review/empathy.h"
#include "review/reviewer.h"
#include "review/terms.h"
#include "text/tokenizer.h"
#include "text/utf8.h"

namespace rapport::review {
namespace {

struct Candidate {
  uint32_t rule;
  Span span;
  uint32_t first_token, last_token;
};

bool is_clause_break(const Token& t) {
  return t.kind == TokenKind::Punct && t.norm.find_first_of(",;:") != std::string::npos;
}

bool is_sentence_end(const Token& t) {
  return t.kind == TokenKind::Punct && t.norm.find_first_of(".!?") != std::string::npos;
}

bool ends_like_sentence(const std::string& s) {
  return !s.empty() && (s.back() == '.' || s.back() == '!' || s.back() == '?' || s.back() == ':');
}

// What a sentence-scope replacement substitutes: the clause holding the match
// (bounded by the sentence and by , ; :), plus the punctuation right after it
// when every alternative brings its own ("calm down." -> "I'm on it.").
Span clause_of(const Tokenized& tok, const Rule& rule, uint32_t first, uint32_t last) {
  const uint16_t sentence = tok.tokens[first].sentence;
  uint32_t a = first;
  while (a > 0 && tok.tokens[a - 1].sentence == sentence && !is_clause_break(tok.tokens[a - 1])) --a;
  uint32_t b = last;
  while (b + 1 < tok.tokens.size() && tok.tokens[b + 1].sentence == sentence &&
         !is_clause_break(tok.tokens[b + 1]) && !is_sentence_end(tok.tokens[b + 1])) {
    ++b;
  }
  Span span{tok.tokens[a].span.begin, tok.tokens[b].span.end};
  bool own_punctuation = std::all_of(rule.alternatives.begin(), rule.alternatives.end(), ends_like_sentence);
  if (own_punctuation && b + 1 < tok.tokens.size() && tok.tokens[b + 1].sentence == sentence &&
      tok.tokens[b + 1].kind == TokenKind::Punct) {
    span.end = tok.tokens[b + 1].span.end;
  }
  return span;
}

// Order ids are compared without their '#': "#A1234" and "A1234" are the same order.
std::string_view order_key(const Token& t) {
  std::string_view n = t.norm;
  if (!n.empty() && n.front() == '#') n.remove_prefix(1);
  return n;
}

bool overlaps(Span a, Span b) { return a.begin < b.end && b.begin < a.end; }

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

// The sentence without surrounding whitespace (what a sentence-scope
// replacement substitutes).
Span trim(const std::string& text, Span s) {
  while (s.begin < s.end && is_space(text[s.begin])) ++s.begin;
  while (s.end > s.begin && is_space(text[s.end - 1])) --s.end;
  return s;
}

// "Hi Dana, Let me..." reads wrong: a replacement that lands mid-sentence
// starts in lower case, unless it starts with "I" or a placeholder (a name).
void lower_first(const std::string& alt, std::string& text) {
  if (alt.empty() || alt[0] == '{' || text.size() < 2) return;
  if (text[0] == 'I' && (text[1] == ' ' || text[1] == '\'')) return;
  if (text[0] >= 'A' && text[0] <= 'Z' && text[1] >= 'a' && text[1] <= 'z') text[0] = static_cast<char>(text[0] - 'A' + 'a');
}

std::vector<std::string> fill_all(const Rule& rule, const CustomerContext& customer, bool leading_space,
                                  bool mid_sentence = false) {
  std::vector<std::string> filled, partial;
  for (const std::string& alt : rule.alternatives) {
    bool complete = true;
    std::string text = fill_placeholders(alt, customer, &complete);
    if (text.empty()) continue;
    if (mid_sentence) lower_first(alt, text);
    if (leading_space) text.insert(text.begin(), ' ');
    (complete ? filled : partial).push_back(std::move(text));
  }
  // Alternatives whose placeholders all had values come first.
  filled.insert(filled.end(), partial.begin(), partial.end());
  return filled;
}

void add_signal(std::vector<Span>& spans, Span s) {
  // Keep the widest of overlapping matches ("i will" inside "i will send").
  for (Span& existing : spans) {
    if (overlaps(existing, s)) {
      existing.begin = std::min(existing.begin, s.begin);
      existing.end = std::max(existing.end, s.end);
      return;
    }
  }
  spans.push_back(s);
}

}  // namespace

std::string fill_placeholders(std::string_view text, const CustomerContext& customer, bool* all_filled) {
  std::string out;
  *all_filled = true;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '{') {
      out.push_back(text[i]);
      continue;
    }
    size_t close = text.find('}', i);
    if (close == std::string_view::npos) {
      out.append(text.substr(i));
      break;
    }
    std::string_view name = text.substr(i + 1, close - i - 1);
    const std::string* value = name == "customerName" ? &customer.name
                               : name == "agentName"  ? &customer.agent_name
                               : name == "company"    ? &customer.company
                                                      : nullptr;
    if (value && !value->empty()) {
      out.append(*value);
    } else {
      *all_filled = false;
      // Drop the separator before it: "sorry, {customerName}, that" -> "sorry, that".
      if (out.size() >= 2 && out.compare(out.size() - 2, 2, ", ") == 0) out.resize(out.size() - 2);
      else if (!out.empty() && out.back() == ' ') out.pop_back();
      else if (close + 1 < text.size() && text[close + 1] == ' ') ++close;  // at the start
    }
    i = close;
  }
  return out;
}

namespace {

// Every match of the draft: signal spans, and rule candidates that survived
// their rule's "except" patterns (an overlapping exception cancels a match)
// and "unless" signals (present anywhere in the draft, they cancel the rule).
void collect(const RulePack& pack, const CompiledPack& compiled, const Tokenized& tok,
             std::map<std::string, std::vector<Span>>& signals, std::vector<Candidate>& candidates) {
  std::vector<DraftTerm> terms;
  std::vector<Match> matches;
  compiled.draft_terms(tok, terms);
  compiled.match(terms, matches);
  std::vector<std::pair<uint32_t, Span>> exceptions;  // rule, span
  for (const Match& m : matches) {
    const Token& first = tok.tokens[terms[m.first].token];
    const Token& last = tok.tokens[terms[m.last].token];
    Span span{first.span.begin, last.span.end};
    const Target& target = compiled.targets()[m.target];
    if (target.is_signal) add_signal(signals[compiled.signal_names()[target.index]], span);
    else if (target.is_exception) exceptions.emplace_back(target.index, span);
    else candidates.push_back({target.index, span, terms[m.first].token, terms[m.last].token});
  }
  // Built-in "question": each sentence that ends with '?' (asking the customer
  // for what is needed is a next step).
  for (size_t i = 0; i < tok.tokens.size(); ++i) {
    const Token& t = tok.tokens[i];
    if (t.kind != TokenKind::Punct || t.norm.find('?') == std::string::npos) continue;
    if (i + 1 < tok.tokens.size() && tok.tokens[i + 1].sentence == t.sentence) continue;
    size_t a = i;
    while (a > 0 && tok.tokens[a - 1].sentence == t.sentence) --a;
    if (a < i) add_signal(signals["question"], Span{tok.tokens[a].span.begin, t.span.end});
  }
  auto cancelled = [&](const Candidate& c) {
    for (const auto& [rule, span] : exceptions) {
      if (rule == c.rule && overlaps(span, c.span)) return true;
    }
    for (const std::string& name : pack.rules[c.rule].unless) {
      auto it = signals.find(name);
      if (it != signals.end() && !it->second.empty()) return true;
    }
    return false;
  };
  candidates.erase(std::remove_if(candidates.begin(), candidates.end(), cancelled), candidates.end());
}

bool has_signal(const std::map<std::string, std::vector<Span>>& signals, const std::string& name) {
  auto it = signals.find(name);
  return it != signals.end() && !it->second.empty();
}

}  // namespace

std::vector<size_t> matching_phrase_rules(const RulePack& pack, const CompiledPack& compiled,
                                          std::string_view text) {
  SanitizedText clean = sanitize_utf8(text);
  Tokenized tok = tokenize(clean.text);
  std::map<std::string, std::vector<Span>> signals;
  std::vector<Candidate> candidates;
  collect(pack, compiled, tok, signals, candidates);
  std::vector<size_t> rules;
  for (const Candidate& c : candidates) rules.push_back(c.rule);
  std::sort(rules.begin(), rules.end());
  rules.erase(std::unique(rules.begin(), rules.end()), rules.end());
  return rules;
}

Review review_draft(const RulePack& pack, const CompiledPack& compiled, const CustomerContext& customer,
                    std::string_view draft) {
  Review review;
  SanitizedText clean = sanitize_utf8(draft);
  review.text = std::move(clean.text);
  review.truncated = clean.truncated;
  review.invalid_utf8 = clean.had_invalid;
  const Tokenized tok = tokenize(review.text);
  for (const Token& t : tok.tokens) review.words += t.kind == TokenKind::Word ? 1 : 0;

  EmpathyInput facts;
  facts.pack = &pack;
  facts.customer = &customer;
  std::vector<Candidate> candidates;
  collect(pack, compiled, tok, facts.signals, candidates);

  // Overlaps: the higher severity wins, then the longer phrase, then the
  // earlier one, then the rule listed first in the pack. Deterministic
  // whatever order the matcher reported them in.
  std::sort(candidates.begin(), candidates.end(), [&](const Candidate& a, const Candidate& b) {
    Severity sa = pack.rules[a.rule].severity, sb = pack.rules[b.rule].severity;
    if (sa != sb) return sa > sb;
    uint32_t la = a.span.end - a.span.begin, lb = b.span.end - b.span.begin;
    if (la != lb) return la > lb;
    if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
    return a.rule < b.rule;
  });
  std::vector<Candidate> accepted;
  std::map<uint32_t, uint32_t> taken;  // accepted spans, begin -> end (never overlapping)
  for (const Candidate& c : candidates) {
    auto after = taken.lower_bound(c.span.end);  // first accepted span starting at/after our end
    if (after != taken.begin() && std::prev(after)->second > c.span.begin) continue;
    taken.emplace(c.span.begin, c.span.end);
    accepted.push_back(c);
  }
  std::sort(accepted.begin(), accepted.end(), [](const Candidate& a, const Candidate& b) {
    return a.span.begin != b.span.begin ? a.span.begin < b.span.begin : a.rule < b.rule;
  });
  for (const Candidate& c : accepted) {
    const Rule& rule = pack.rules[c.rule];
    Suggestion s;
    s.span = c.span;
    s.replace = rule.replaces_phrase ? c.span : clause_of(tok, rule, c.first_token, c.last_token);
    s.rule = c.rule;
    // Mid-sentence: a word (not only punctuation) of the same sentence precedes the range.
    bool mid_sentence = false;
    for (uint32_t t = c.first_token; t-- > 0;) {
      const Token& before = tok.tokens[t];
      if (before.sentence != tok.tokens[c.first_token].sentence) break;
      if (before.span.end <= s.replace.begin && before.kind != TokenKind::Punct) {
        mid_sentence = true;
        break;
      }
    }
    s.replacements = fill_all(rule, customer, false, mid_sentence);
    review.suggestions.push_back(std::move(s));
  }

  // A signal inside a cold phrase earns nothing ("I can" in "nothing I can do").
  // A question is a whole sentence: a cold phrase in it does not unask it.
  for (auto& [name, spans] : facts.signals) {
    if (name == "question") continue;
    spans.erase(std::remove_if(spans.begin(), spans.end(), [&](Span sp) {
                  auto after = taken.lower_bound(sp.end);
                  return after != taken.begin() && std::prev(after)->second > sp.begin;
                }),
                spans.end());
  }

  // Absence rules: inserted after the last non-space byte, at most one per
  // category, only on drafts long enough to need them and not in reply to a
  // customer who sounds happy. A rule is satisfied by its signal or any of
  // its satisfiedBy signals, and applies only when its onlyWith signal is there.
  const bool pleased = pack.settings.absence_skip_positive && customer.has_text && customer.label == "positive";
  if (review.words >= pack.settings.absence_min_words && !pleased) {
    uint32_t end = trim(review.text, Span{0, static_cast<uint32_t>(review.text.size())}).end;
    std::vector<Suggestion> absent;
    std::vector<const std::string*> categories;
    for (size_t i = 0; i < pack.rules.size(); ++i) {
      const Rule& rule = pack.rules[i];
      if (rule.kind != RuleKind::Absence) continue;
      if (!rule.only_with.empty() && !has_signal(facts.signals, rule.only_with)) continue;
      if (has_signal(facts.signals, rule.signal)) continue;
      if (std::any_of(rule.satisfied_by.begin(), rule.satisfied_by.end(),
                      [&](const std::string& s) { return has_signal(facts.signals, s); })) {
        continue;
      }
      if (std::any_of(categories.begin(), categories.end(), [&](const std::string* c) { return *c == rule.category; })) {
        continue;
      }
      categories.push_back(&rule.category);
      Suggestion s;
      s.span = s.replace = Span{end, end};
      s.rule = static_cast<uint32_t>(i);
      s.replacements = fill_all(rule, customer, end > 0);
      absent.push_back(std::move(s));
    }
    std::stable_sort(absent.begin(), absent.end(), [&](const Suggestion& a, const Suggestion& b) {
      return pack.rules[a.rule].severity > pack.rules[b.rule].severity;
    });
    for (auto& s : absent) review.suggestions.push_back(std::move(s));
  }

  // Personalization facts: the customer's name, and words of their message echoed.
  std::vector<std::string> mine;
  for (const Token& t : tok.tokens) {
    if (t.kind == TokenKind::Word &&
        std::find(customer.name_parts.begin(), customer.name_parts.end(), t.norm) != customer.name_parts.end()) {
      facts.name_spans.push_back(t.span);
    }
    if (customer.situation_terms.empty() || t.norm.size() < 3) continue;
    mine.clear();
    if (t.kind == TokenKind::OrderId || t.kind == TokenKind::Number) mine.emplace_back(order_key(t));
    else if (t.kind == TokenKind::Word && t.norm.size() >= 4) append_terms(t.norm, mine);
    for (const std::string& term : mine) {
      if (!std::binary_search(customer.situation_terms.begin(), customer.situation_terms.end(), term)) continue;
      bool seen = std::any_of(facts.situation_hits.begin(), facts.situation_hits.end(),
                              [&](const auto& h) { return h.first == term; });
      if (!seen) facts.situation_hits.emplace_back(term, t.span);
    }
  }
  score_empathy(facts, review);
  return review;
}

}  // namespace rapport::review

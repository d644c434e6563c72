#include "review/matcher.h"

#include <algorithm>

#include "review/pattern.h"
#include "review/terms.h"

namespace rapport::review {

namespace {
constexpr size_t kMaxCachedNorms = 20000;

uint64_t edge_key(uint32_t node, uint32_t term) {
  return (static_cast<uint64_t>(node) << 32) | term;
}
}  // namespace

uint32_t CompiledPack::intern(const std::string& term) {
  auto it = dict_.find(term);
  if (it != dict_.end()) return it->second;
  uint32_t id = static_cast<uint32_t>(dict_.size()) + 1;  // 0 is "unknown"
  dict_.emplace(term, id);
  filler_.resize(id + 1, false);
  return id;
}

uint32_t CompiledPack::lookup(const std::string& term) const {
  auto it = dict_.find(term);
  return it == dict_.end() ? 0 : it->second;
}

bool CompiledPack::insert(const std::vector<std::string>& seq, uint32_t target) {
  uint32_t node = 0;
  for (const std::string& term : seq) {
    if (term == kWildcardTerm) {
      if (nodes_[node].wildcard < 0) {
        nodes_[node].wildcard = static_cast<int32_t>(nodes_.size());
        nodes_.emplace_back();
      }
      node = static_cast<uint32_t>(nodes_[node].wildcard);
      continue;
    }
    uint64_t key = edge_key(node, intern(term));
    auto it = edges_.find(key);
    if (it == edges_.end()) {
      uint32_t child = static_cast<uint32_t>(nodes_.size());
      nodes_.emplace_back();
      edges_.emplace(key, child);
      node = child;
    } else {
      node = it->second;
    }
    if (nodes_.size() > kMaxTrieNodes) return false;
  }
  auto& t = nodes_[node].terminals;
  if (std::find(t.begin(), t.end(), target) == t.end()) t.push_back(target);
  return true;
}

bool CompiledPack::build(const RulePack& pack, std::vector<PackIssue>& errors) {
  *this = CompiledPack();
  nodes_.emplace_back();  // root
  filler_.assign(1, false);
  for (const std::string& f : pack.fillers) {
    std::vector<std::string> terms;
    append_terms(normalize_word(f), terms);
    if (terms.size() == 1) filler_[intern(terms[0])] = true;
  }
  PatternLimits limits;
  auto add_patterns = [&](const std::vector<std::string>& patterns, const std::string& path,
                          uint32_t target) {
    for (size_t i = 0; i < patterns.size(); ++i) {
      CompiledPattern compiled;
      PatternError error;
      if (!compile_pattern(patterns[i], limits, compiled, error)) {
        errors.push_back({path + "/" + std::to_string(i), error.code, error.message});
        continue;
      }
      for (const auto& seq : compiled.sequences) {
        if (++sequences_ > kMaxSequences || !insert(seq, target)) {
          errors.push_back({path + "/" + std::to_string(i), "pack_too_complex",
                            "the pack's patterns stand for more than " +
                                std::to_string(kMaxSequences) + " word sequences or need more than " +
                                std::to_string(kMaxTrieNodes) + " trie nodes"});
          return false;
        }
      }
    }
    return true;
  };
  for (size_t i = 0; i < pack.rules.size(); ++i) {
    const Rule& rule = pack.rules[i];
    if (rule.kind != RuleKind::Phrase) continue;
    targets_.push_back({false, false, static_cast<uint32_t>(i)});
    if (!add_patterns(rule.patterns, rule.source_path + "/patterns",
                      static_cast<uint32_t>(targets_.size() - 1))) {
      return false;
    }
    if (rule.except.empty()) continue;
    targets_.push_back({false, true, static_cast<uint32_t>(i)});
    if (!add_patterns(rule.except, rule.source_path + "/except", static_cast<uint32_t>(targets_.size() - 1))) {
      return false;
    }
  }
  for (const auto& [name, patterns] : pack.signals) {
    signal_names_.push_back(name);
    targets_.push_back({true, false, static_cast<uint32_t>(signal_names_.size() - 1)});
    if (!add_patterns(patterns, "/signals/" + name, static_cast<uint32_t>(targets_.size() - 1))) {
      return false;
    }
  }
  return errors.empty();
}

int CompiledPack::signal_index(const std::string& name) const {
  for (size_t i = 0; i < signal_names_.size(); ++i) {
    if (signal_names_[i] == name) return static_cast<int>(i);
  }
  return -1;
}

void CompiledPack::draft_terms(const Tokenized& tokenized, std::vector<DraftTerm>& out) const {
  out.clear();
  std::vector<std::string> terms;
  for (size_t i = 0; i < tokenized.tokens.size(); ++i) {
    const Token& tok = tokenized.tokens[i];
    DraftTerm dt;
    dt.token = static_cast<uint32_t>(i);
    dt.sentence = tok.sentence;
    switch (tok.kind) {
      case TokenKind::Word: {
        auto cached = norm_cache_.find(tok.norm);
        if (cached == norm_cache_.end()) {
          if (norm_cache_.size() >= kMaxCachedNorms) norm_cache_.clear();
          terms.clear();
          append_terms(tok.norm, terms);
          std::vector<uint32_t> ids;
          for (const std::string& t : terms) ids.push_back(lookup(t));
          cached = norm_cache_.emplace(tok.norm, std::move(ids)).first;
        }
        for (uint32_t id : cached->second) {
          dt.id = id;
          dt.filler = id != 0 && filler_[id];
          out.push_back(dt);
        }
        break;
      }
      case TokenKind::Url:
        dt.id = lookup(std::string(kLinkTerm));
        out.push_back(dt);
        break;
      case TokenKind::Email:
        dt.id = lookup(std::string(kEmailTerm));
        out.push_back(dt);
        break;
      case TokenKind::Number:
      case TokenKind::OrderId:
      case TokenKind::Mention:
      case TokenKind::Hashtag:
        dt.id = lookup(tok.norm);  // "tier 2": digits may be named; else only "*" matches
        out.push_back(dt);
        break;
      default:
        break;  // punctuation, emoji, emoticons, symbols: transparent
    }
  }
}

void CompiledPack::match(const std::vector<DraftTerm>& terms, std::vector<Match>& out) const {
  out.clear();
  struct State {
    uint32_t node;
    int skipped;
  };
  State active[kMaxActiveStates];
  State next[kMaxActiveStates];
  auto child = [&](uint32_t node, uint32_t term) -> int64_t {
    if (term == 0) return -1;
    auto it = edges_.find(edge_key(node, term));
    return it == edges_.end() ? -1 : static_cast<int64_t>(it->second);
  };
  auto report = [&](uint32_t node, uint32_t first, uint32_t last) {
    for (uint32_t target : nodes_[node].terminals) out.push_back({target, first, last});
  };
  for (uint32_t s = 0; s < terms.size(); ++s) {
    int64_t start = child(0, terms[s].id);
    if (start < 0) continue;  // the common case: no pattern begins with this word
    size_t n_active = 1;
    active[0] = {static_cast<uint32_t>(start), 0};
    report(active[0].node, s, s);
    for (uint32_t p = s + 1; p < terms.size() && n_active > 0 && p - s < kMaxSpanTerms; ++p) {
      const DraftTerm& t = terms[p];
      if (t.sentence != terms[s].sentence) break;
      size_t n_next = 0;
      auto push = [&](uint32_t node, int skipped, bool consumed) {
        for (size_t k = 0; k < n_next; ++k) {
          if (next[k].node == node) {
            next[k].skipped = std::min(next[k].skipped, skipped);
            if (consumed) report(node, s, p);
            return;
          }
        }
        if (n_next == kMaxActiveStates) return;  // bounded work, by design
        next[n_next++] = {node, skipped};
        if (consumed) report(node, s, p);
      };
      for (size_t a = 0; a < n_active; ++a) {
        const State& st = active[a];
        int64_t c = child(st.node, t.id);
        if (c >= 0) push(static_cast<uint32_t>(c), 0, true);
        if (nodes_[st.node].wildcard >= 0) push(static_cast<uint32_t>(nodes_[st.node].wildcard), 0, true);
        if (t.filler && st.skipped < kMaxSkippedFillers) push(st.node, st.skipped + 1, false);
      }
      std::copy(next, next + n_next, active);
      n_active = n_next;
    }
  }
}

}  // namespace rapport::review

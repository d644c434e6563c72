// A rule pack compiled for matching: every pattern of every rule and signal
// becomes term sequences stored in one trie over interned term ids.
//
// Matching walks the trie from each draft position with a small set of active
// states (a state forks only on a "*" edge or a skippable filler word), capped
// at kMaxActiveStates and kMaxSpanTerms. Work is therefore at most
// terms x kMaxSpanTerms x kMaxActiveStates trie steps whatever the pack holds:
// linear in the draft, no backtracking.
#pragma once
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "review/rule_pack.h"
#include "text/tokenizer.h"

namespace rapport::review {

inline constexpr size_t kMaxTrieNodes = 200000;
// Sequences inserted (patterns times their expansions): bounds load time even
// when a hostile pack repeats one pattern so that no new trie node is needed.
inline constexpr size_t kMaxSequences = 100000;
inline constexpr size_t kMaxActiveStates = 16;
inline constexpr size_t kMaxSpanTerms = 32;
inline constexpr int kMaxSkippedFillers = 3;

// What a pattern belongs to: a rule (index into RulePack::rules) or a signal
// (index into CompiledPack::signal_names()). The pattern words <link> and
// <email> match a URL or an e-mail address in the draft.
struct Target {
  bool is_signal = false;
  bool is_exception = false;  // one of a phrase rule's "except" patterns (index: the rule)
  uint32_t index = 0;
};

// One word-like unit of the draft. A token may give several terms ("can't" ->
// "can", "not"); punctuation, emoji and symbols give none.
struct DraftTerm {
  uint32_t id = 0;        // 0: a word no pattern uses (only "*" matches it)
  uint32_t token = 0;     // index into Tokenized::tokens
  uint16_t sentence = 0;  // matches never cross sentences
  bool filler = false;    // may be skipped inside a match ("just", "please")
};

struct Match {
  uint32_t target = 0;  // index into CompiledPack::targets()
  uint32_t first = 0;   // first and last DraftTerm of the match
  uint32_t last = 0;
};

class CompiledPack {
 public:
  // Compiles the (already validated) pack. Fails only on pack_too_complex.
  bool build(const RulePack& pack, std::vector<PackIssue>& errors);

  void draft_terms(const Tokenized& tokens, std::vector<DraftTerm>& out) const;
  // All matches, in order of their first term; a target may appear more than once.
  void match(const std::vector<DraftTerm>& terms, std::vector<Match>& out) const;

  const std::vector<Target>& targets() const { return targets_; }
  const std::vector<std::string>& signal_names() const { return signal_names_; }
  int signal_index(const std::string& name) const;
  size_t node_count() const { return nodes_.size(); }
  size_t sequence_count() const { return sequences_; }

 private:
  uint32_t intern(const std::string& term);
  uint32_t lookup(const std::string& term) const;
  bool insert(const std::vector<std::string>& seq, uint32_t target);

  struct Node {
    int32_t wildcard = -1;            // child on "*", or -1
    std::vector<uint32_t> terminals;  // targets whose pattern ends here
  };
  std::unordered_map<std::string, uint32_t> dict_;
  std::vector<bool> filler_;  // by term id
  std::vector<Node> nodes_;
  std::unordered_map<uint64_t, uint32_t> edges_;  // (node << 32 | term id) -> child
  std::vector<Target> targets_;
  std::vector<std::string> signal_names_;
  size_t sequences_ = 0;
  // Term ids per distinct token norm seen in drafts: retyping the same words
  // on every keystroke then costs one hash lookup per token. Bounded (cleared
  // when full); not thread-safe, like the Reviewer that owns it.
  mutable std::unordered_map<std::string, std::vector<uint32_t>> norm_cache_;
};

}  // namespace rapport::review

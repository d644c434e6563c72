// The review pattern language (schema "rapport-rules/1"; see shared/rules/SCHEMA.md).
//
//   calm down                  words in order (case, punctuation, contractions,
//                              light inflection and filler words ignored)
//   you|u need to              one-word alternatives
//   (need to|have to|must)     a group of alternatives, each a word sequence
//   [really|truly] sorry       an optional group
//   i * help                   "*" stands for exactly one word
//   here <link>                <link> / <email>: a URL / an e-mail address
//
// A pattern compiles to the finite list of term sequences it stands for (the
// product of its groups), which the matcher stores in one trie. The limits
// below bound that list, so no pack, however hostile, can make matching slow.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rapport::review {

struct PatternLimits {
  size_t max_chars = 200;           // characters in one pattern string
  size_t max_elements = 12;         // words, groups and wildcards per pattern
  size_t max_alternatives = 16;     // alternatives in one group
  size_t max_expansions = 256;      // term sequences one pattern stands for
  size_t max_terms = 16;            // terms in one expanded sequence
};

// The wildcard's place in an expanded sequence.
inline constexpr std::string_view kWildcardTerm = "*";
// Pattern words that stand for a URL / an e-mail address token of the draft.
inline constexpr std::string_view kLinkTerm = "<link>";
inline constexpr std::string_view kEmailTerm = "<email>";

struct PatternError {
  std::string code;     // stable id, see SCHEMA.md ("empty_pattern", "pattern_syntax", ...)
  std::string message;  // for people
};

struct CompiledPattern {
  std::vector<std::vector<std::string>> sequences;  // each a list of terms or "*"
};

// Returns false and fills `error` when the pattern is invalid or over a limit.
bool compile_pattern(std::string_view pattern, const PatternLimits& limits,
                     CompiledPattern& out, PatternError& error);

}  // namespace rapport::review

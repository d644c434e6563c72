// Lookups over the compiled lexicon tables (lexicon_data.h): single words,
// emoji and emoticons by exact norm, multi-word phrases by consecutive norms.
#pragma once
#include <cstdint>
#include <string_view>

#include "analysis/lexicon_data.h"

namespace rapport {

// Where an entry came from; evidence reports it as its "source".
enum class LexiconOrigin : uint8_t { Vader, Supplement, Emoji };

LexiconOrigin lexicon_origin(const LexiconEntry& entry);

// Exact lookup of a single-word norm (word, emoji or emoticon); nullptr if absent.
const LexiconEntry* find_lexicon_word(std::string_view norm);

// Like find_lexicon_word, but for elongated words ("happyy", "soo") also tries
// the norm with doubled letters collapsed, one run at a time and all together.
const LexiconEntry* find_elongated_word(std::string_view norm);

// Emoji: the exact sequence first, then without skin tones / U+FE0F, then the
// first code point of a ZWJ sequence.
const LexiconEntry* find_lexicon_emoji(std::string_view norm);

// Any entry for `key`: a term (flags & kLexiconTerm), a phrase prefix
// (flags & kLexiconPhrasePrefix), or both; one hash probe for callers that
// need to know both.
const LexiconEntry* find_lexicon_entry(std::string_view key);
// The same with `key_hash` == lexicon_hash(key) already known (a token's norm_hash).
const LexiconEntry* find_lexicon_entry(std::string_view key, uint32_t key_hash);

// Phrases use single spaces between norms ("still waiting").
const LexiconEntry* find_lexicon_phrase(std::string_view phrase);

// True when some phrase starts with `words` followed by a space and more
// words ("cancel my" for "cancel my account"): the matcher's stop signal.
bool lexicon_phrase_has_prefix(std::string_view words);

// The entry's term text (lower-case UTF-8).
std::string_view lexicon_term(const LexiconEntry& entry);

// Function words that change the valence of their neighbours instead of
// carrying their own.
enum class WordRole : uint8_t {
  None,
  Negator,      // "not", "never", "no", "without", "n't" forms: flips what follows
  Booster,      // "very", "so", "extremely": strengthens the next valenced word
  Dampener,     // "slightly", "somewhat", "kinda": weakens it
  Contrast,     // "but", "however", "although": shifts weight to the other clause
  Transparent,  // pronouns, auxiliaries, articles: do not use up negation scope
};

// Role of a normalized word; any word ending in "n't" is a Negator.
WordRole word_role(std::string_view norm);
// The "n't" rule alone, for callers that have the table's role already
// (WordFacts): word_role(w) == (table role, else this rule).
inline WordRole role_with_nt_rule(WordRole table_role, std::string_view norm) {
  if (table_role != WordRole::None) return table_role;
  const size_t n = norm.size();  // tested inline: no memcmp call per word
  if (n > 3 && norm[n - 3] == 'n' && norm[n - 2] == '\'' && norm[n - 1] == 't') return WordRole::Negator;
  return WordRole::None;
}
// The role table itself, entry by entry (word_facts.cc indexes it).
size_t role_word_count();
std::string_view role_word(size_t i, WordRole* role);
WordRole word_role(std::string_view norm, uint32_t norm_hash);  // hash == lexicon_hash(norm)
bool word_role_table_is_sorted();  // for tests

// word_role for elongated words: "sooo" (norm "soo") is a Booster like "so".
WordRole elongated_word_role(std::string_view norm);

// Longest phrase in the tables, in words; bounds the phrase matcher.
constexpr int kMaxPhraseWords = 5;

}  // namespace rapport

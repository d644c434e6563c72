// What the fixed word lists say about one word, gathered in one hash table so
// that tokenize_into looks each word token up once instead of once per list
// (wasm profiles: every extra per-token probe cost ~5% of a lexicon batch).
// The lists stay where their meaning lives: word roles in lexicon.cc, the
// Latin function words in language.cc, emotion triggers in
// emotion_heuristics.cc; this table only indexes them.
#pragma once
#include <cstdint>
#include <string_view>

#include "analysis/lexicon.h"

namespace rapport {

struct WordFacts {
  WordRole role = WordRole::None;  // from the role table (word_role adds the "n't" rule)
  uint8_t stop_languages = 0;      // bit i: latin_stop_words(i) lists the word
  uint16_t emotion_trigger = 0;    // emotion_trigger_norm index + 1; 0 = none
};

// The facts of a norm (all zero when no list has it). `norm_hash` must be
// lexicon_hash(norm).
WordFacts lookup_word_facts(std::string_view norm, uint32_t norm_hash);

}  // namespace rapport

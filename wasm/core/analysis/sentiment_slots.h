// Internal to the lexicon sentiment (sentiment.cc, sentiment_slots.cc): what
// pass 1 learns about each token.
#pragma once
#include <cstdint>
#include <vector>

#include "analysis/lexicon.h"
#include "text/tokenizer.h"

namespace rapport {
namespace sentiment_detail {

struct Slot {
  const LexiconEntry* entry = nullptr;  // set on the first token of a valenced item
  uint32_t item_end = 0;                // one past the item's last token
  WordRole role = WordRole::None;
  bool consumed = false;                // inside a phrase or two-word dampener
  bool clause_break = false;            // punctuation that ends negation scope
};

bool is_wordish(TokenKind k);  // Word or Hashtag

// What the rules need about the whole message, gathered by the same passes
// (one loop fewer each over the tokens).
struct MessageCounts {
  int exclamations = 0, questions = 0;  // '!' and '?' in punctuation runs
  int words = 0, caps = 0;              // Word tokens, and those in ALL CAPS
  size_t last_item = SIZE_MAX;          // the last token with a valenced item
};

// Fills one Slot per token and `counts`.
void classify_tokens(const std::vector<Token>& toks, std::vector<Slot>& slots,
                     MessageCounts* counts);

}  // namespace sentiment_detail
}  // namespace rapport

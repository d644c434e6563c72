// The compiled lexicon tables (generated at build time by
// scripts/gen-lexicon.mjs from VADER's lexicon, the Emoji Sentiment Ranking
// and shared/lexicon/*.tsv). Use the lookups in lexicon.h rather than these.
#pragma once
#include <cstdint>
#include <string_view>

namespace rapport {

enum LexiconEntryFlags : uint8_t {
  kLexiconTerm = 1,          // a word, emoji, emoticon or phrase with a valence
  kLexiconPhrasePrefix = 2,  // some phrase continues with this + " " + more words
};

struct LexiconEntry {
  uint32_t offset;  // of the term in kLexiconText: lower-case UTF-8, phrases with single spaces
  uint8_t length;   // in bytes
  uint8_t origin;   // index into kLexiconOrigins: 0 = VADER, then our files, then "emoji"
  uint8_t flags;    // LexiconEntryFlags
  float valence;    // -4..4 (0 for prefix-only entries)
};

extern const char* const kLexiconOrigins[];
extern const int kLexiconOriginCount;
extern const char kLexiconText[];
extern const LexiconEntry kLexiconEntries[];  // sorted by term bytes
extern const int kLexiconEntryCount;
// Open-addressing hash index, linear probing from lexicon_hash(term) &
// kLexiconSlotMask. A slot holds entry index + 1 in its low 16 bits (0 =
// empty) and lexicon_hash(term) >> 16 in its high 16 bits.
extern const uint32_t kLexiconSlots[];
extern const uint32_t kLexiconSlotMask;
// Bit (h >> 16) is set for the lexicon_hash h of every term: most chat words
// have no entry, and this 8 KB filter turns most of them away with one load
// instead of a walk through the half-full slot table. No false negatives.
extern const uint32_t kLexiconFilter[2048];

// FNV-1a, 32 bit, over the bytes (the generator computes the same).
inline uint32_t lexicon_hash(std::string_view s) {
  uint32_t h = 2166136261u;
  for (unsigned char c : s) h = (h ^ c) * 16777619u;
  return h;
}

}  // namespace rapport

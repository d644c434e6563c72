// The compiled lexicon tables (generated at build time by
// scripts/gen-lexicon.mjs from VADER's lexicon and shared/lexicon/*.tsv).
#pragma once

namespace rapport {

struct LexiconEntry {
  const char* term;  // lower-case UTF-8; phrases have single spaces
  float valence;     // -4..4
  unsigned char origin;  // index into kLexiconOrigins: 0 = VADER, 1+ = ours
};

extern const char* const kLexiconOrigins[];
extern const int kLexiconOriginCount;
extern const LexiconEntry kLexiconWords[];  // sorted by bytes
extern const int kLexiconWordCount;
extern const LexiconEntry kLexiconPhrases[];  // sorted by bytes
extern const int kLexiconPhraseCount;

}  // namespace rapport

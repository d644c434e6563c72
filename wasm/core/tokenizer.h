// Tokenizer for real chat text: words with contractions, emoji sequences,
// emoticons, URLs, emails, @mentions, #hashtags, numbers, order ids,
// punctuation runs, ALL-CAPS and elongated words, sentence boundaries.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text.h"

namespace rapport {

enum class TokenKind : uint8_t {
  Word,      // letters, with inner apostrophes/hyphens: "don't", "follow-up"
  Number,    // "42", "3.5", "1,000", "$20" is Symbol + Number
  OrderId,   // mixed letters and digits or '#'+digits: "A1B2C3", "#12345", "ORD-2291"
  Emoji,     // one grapheme: base + modifiers, ZWJ sequences, flags, keycaps
  Emoticon,  // ":)", ":-(", "<3", ":D", "xD", ";)"
  Url,
  Email,
  Mention,   // "@alice"
  Hashtag,   // "#fail"
  Punct,     // a run of the same punctuation class: "!!!", "?!?", "...", ","
  Symbol,    // anything else that is not space
};

enum TokenFlags : uint8_t {
  kAllCaps = 1 << 0,    // word of 2+ letters, all upper case: "NEVER"
  kElongated = 1 << 1,  // a letter repeated 3+ times: "sooo", "pleeease"
  kCapitalized = 1 << 2,
};

struct Token {
  TokenKind kind = TokenKind::Symbol;
  uint8_t flags = 0;
  uint16_t sentence = 0;  // index of the sentence this token belongs to
  Span span;              // bytes in the source text
  // Lower-cased form used for lookups. Curly apostrophes become "'", letter
  // runs of 3+ collapse to 2 ("sooo" -> "soo"); for Punct it is the run itself.
  std::string norm;
};

struct Tokenized {
  std::vector<Token> tokens;
  std::vector<Span> sentences;  // byte spans of the sentences, in order
};

// `text` must be valid UTF-8 (see sanitize_utf8). Never throws on content.
Tokenized tokenize(std::string_view text);

const char* token_kind_name(TokenKind kind);

}  // namespace rapport

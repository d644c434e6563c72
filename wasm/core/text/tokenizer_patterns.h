// Internal to the tokenizer: a code-point cursor over valid UTF-8 and the
// matchers for token shapes that need look-ahead (URLs, emails, emoticons,
// emoji sequences, mentions/hashtags, keycaps). Each matcher returns the byte
// position just after the match, or 0 when the text at `i` is not that shape.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "text/char_class.h"
#include "text/tokenizer.h"
#include "text/utf8.h"

namespace rapport {
namespace tokenizer_detail {

struct Char {
  uint32_t cp = 0;
  uint8_t len = 0;  // 0 only past the end of the text
  CharClass cls = CharClass::Space;
};

// Reading past the end yields {0, 0, Space}, so look-ahead needs no bounds checks.
class Text {
 public:
  explicit Text(std::string_view s) : s_(s) {}
  size_t size() const { return s_.size(); }
  const char* data() const { return s_.data(); }
  uint8_t byte(size_t pos) const { return pos < s_.size() ? static_cast<uint8_t>(s_[pos]) : 0; }
  Char at(size_t pos) const {
    if (pos >= s_.size()) return Char{};
    const uint8_t b = static_cast<uint8_t>(s_[pos]);
    if (b < 0x80) return Char{b, 1, kAsciiClass[b]};
    return decode_at(pos);
  }
  // The code point that ends right before `pos` ({0,0,Space} at the start).
  Char before(size_t pos) const;

 private:
  Char decode_at(size_t pos) const;  // non-ASCII
  std::string_view s_;
  static const CharClass kAsciiClass[128];
};

inline bool is_word_class(CharClass c) {
  return c == CharClass::Letter || c == CharClass::Digit || c == CharClass::Mark;
}

// --- words and punctuation (tokenizer_words.cc) ---
struct WordShape {
  bool has_letter = false, has_digit = false, has_hyphen = false, elongated = false;
  int upper = 0, lower = 0;
  uint32_t first_letter = 0;
};
bool is_terminal(uint32_t cp);  // . ! ? … and their fullwidth/double forms
void lower_copy(const Text& t, size_t b, size_t e, std::string* norm);
// Letters, digits and marks with inner apostrophes, hyphens, number separators
// and dotted initials ("e.g."); sets kind Word/Number/OrderId, norm and flags.
size_t scan_word(const Text& t, size_t i, Token* tok);
// A run of sentence-ending marks ("?!?!", "...") or of one repeated
// punctuation/symbol character ("---", "$$"); the norm is capped.
size_t scan_punct(const Text& t, size_t i, Token* tok);

// --- look-ahead shapes (tokenizer_patterns.cc, tokenizer_emoticons.cc) ---
size_t match_keycap(const Text& t, size_t i, std::string* norm);
size_t match_url(const Text& t, size_t i);
size_t match_emoticon(const Text& t, size_t i, std::string* norm);
// Called with the end of the word that starts at `i`; cheap when it is no email.
size_t match_email(const Text& t, size_t i, size_t word_end);
// "amazon.com", "help.example.co.uk/orders": a word followed by a known TLD.
// On failure, *dead_until (if not 0) is a position before which no later word
// of the same dotted chain can match either, so callers can skip re-scanning.
size_t match_bare_domain(const Text& t, size_t i, size_t word_end, size_t* dead_until);
size_t scan_emoji(const Text& t, size_t i, std::string* norm);
// "@name" -> Mention, "#word" -> Hashtag, "#12345" -> OrderId.
size_t match_tag(const Text& t, size_t i, TokenKind* kind);

}  // namespace tokenizer_detail
}  // namespace rapport

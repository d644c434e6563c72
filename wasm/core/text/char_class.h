// Character classes and simple case mapping for the tokenizer.
#pragma once
#include <cstdint>

namespace rapport {

// A deliberately small approximation of Unicode properties: exact for ASCII,
// good for Latin/Greek/Cyrillic, and "letter" for any other script so that
// Spanish, German, Russian or CJK words still form words.
enum class CharClass : uint8_t {
  Space,      // ASCII and Unicode spaces, also zero-width space and BOM
  Newline,    // \n, \r, U+0085, U+2028, U+2029: also a sentence boundary
  Letter,     // letters of any script (default for unknown code points >= 0x80)
  Digit,      // ASCII 0-9 only
  Mark,       // combining marks: continue the word they follow
  Punct,      // punctuation: . , ! ? quotes, dashes, brackets ...
  Symbol,     // $ + < = > ^ | ~, currency, maths, arrows, U+FFFD ...
  Emoji,      // emoji base that is an emoji by default (U+1F600 ...)
  EmojiText,  // symbol that is an emoji only when followed by U+FE0F ("©️", "↔️")
  EmojiPart,  // variation selector, skin tone, ZWJ, keycap, tag characters
  Regional,   // regional indicator (two of them form a flag)
};

CharClass classify_code_point(uint32_t cp);

// Simple one-to-one case mapping for ASCII, Latin-1, Latin Extended-A, Greek
// and Cyrillic; other code points are returned unchanged.
uint32_t simple_lower(uint32_t cp);
bool is_upper_letter(uint32_t cp);
bool is_lower_letter(uint32_t cp);

}  // namespace rapport

// Character classes and simple case mapping (see char_class.h). Ranges come
// from the Unicode block layout; exact properties are not needed to split
// chat text, only a stable, fast approximation.
#include "text/char_class.h"

namespace rapport {

CharClass classify_code_point(uint32_t cp) {
  if (cp < 0x80) {
    if (cp >= 'a' && cp <= 'z') return CharClass::Letter;
    if (cp >= 'A' && cp <= 'Z') return CharClass::Letter;
    if (cp >= '0' && cp <= '9') return CharClass::Digit;
    if (cp == '\n' || cp == '\r') return CharClass::Newline;
    if (cp <= 0x20 || cp == 0x7F) return CharClass::Space;
    switch (cp) {
      case '$': case '+': case '<': case '=': case '>': case '^': case '`': case '|': case '~':
        return CharClass::Symbol;
      default:
        return CharClass::Punct;
    }
  }
  if (cp < 0x100) {
    if (cp == 0x85) return CharClass::Newline;
    if (cp < 0xA0) return CharClass::Space;  // C1 controls
    if (cp == 0xA0) return CharClass::Space;
    if (cp == 0xAA || cp == 0xB5 || cp == 0xBA) return CharClass::Letter;
    if (cp == 0xA9 || cp == 0xAE) return CharClass::EmojiText;  // (c) (r)
    if (cp == 0xA1 || cp == 0xA7 || cp == 0xAB || cp == 0xB6 || cp == 0xB7 || cp == 0xBB ||
        cp == 0xBF)
      return CharClass::Punct;
    if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7) return CharClass::Symbol;
    return CharClass::Letter;
  }
  if (cp >= 0x0300 && cp <= 0x036F) return CharClass::Mark;
  if (cp < 0x1AB0) return CharClass::Letter;  // most alphabets, incl. their marks
  if (cp <= 0x1AFF || (cp >= 0x1DC0 && cp <= 0x1DFF)) return CharClass::Mark;
  if (cp < 0x2000) return CharClass::Letter;
  if (cp <= 0x2BFF) {
    if (cp <= 0x200A || cp == 0x202F || cp == 0x205F || cp == 0x200B) return CharClass::Space;
    if (cp == 0x200D || cp == 0x20E3) return CharClass::EmojiPart;
    if (cp == 0x200C || cp == 0x200E || cp == 0x200F) return CharClass::Mark;
    if (cp == 0x2028 || cp == 0x2029) return CharClass::Newline;
    if (cp == 0x203C || cp == 0x2049) return CharClass::EmojiText;  // double !! and !?
    if (cp <= 0x206F) return CharClass::Punct;
    if (cp >= 0x20D0 && cp <= 0x20FF) return CharClass::Mark;
    // Emoji by default in these otherwise symbolic blocks.
    if ((cp >= 0x2600 && cp <= 0x27BF && !(cp >= 0x2768 && cp <= 0x2775)) || cp == 0x231A ||
        cp == 0x231B || (cp >= 0x23E9 && cp <= 0x23F3) || (cp >= 0x23F8 && cp <= 0x23FA) ||
        cp == 0x25FD || cp == 0x25FE || cp == 0x2B50 || cp == 0x2B55 || cp == 0x2B1B ||
        cp == 0x2B1C)
      return CharClass::Emoji;
    if (cp == 0x2122 || cp == 0x2139 || (cp >= 0x2194 && cp <= 0x21AA) || cp == 0x2328 ||
        cp == 0x23CF || (cp >= 0x25AA && cp <= 0x25FE) || cp == 0x2934 || cp == 0x2935 ||
        (cp >= 0x2B05 && cp <= 0x2B07))
      return CharClass::EmojiText;
    if (cp >= 0x2768 && cp <= 0x2775) return CharClass::Punct;
    return CharClass::Symbol;
  }
  if (cp >= 0x2E00 && cp <= 0x2E7F) return CharClass::Punct;
  if (cp == 0x3000) return CharClass::Space;
  if (cp >= 0x3001 && cp <= 0x3003) return CharClass::Punct;
  if (cp >= 0x3008 && cp <= 0x3011) return CharClass::Punct;
  if (cp >= 0x3014 && cp <= 0x301F) return CharClass::Punct;
  if (cp == 0x3030 || cp == 0x303D || cp == 0x3297 || cp == 0x3299) return CharClass::EmojiText;
  if (cp < 0xFE00) return CharClass::Letter;
  if (cp <= 0xFE0F) return CharClass::EmojiPart;  // variation selectors
  if (cp >= 0xFE10 && cp <= 0xFE1F) return CharClass::Punct;
  if (cp >= 0xFE20 && cp <= 0xFE2F) return CharClass::Mark;
  if (cp >= 0xFE30 && cp <= 0xFE6F) return CharClass::Punct;
  if (cp == 0xFEFF) return CharClass::Space;
  if (cp >= 0xFF01 && cp <= 0xFF0F) return CharClass::Punct;
  if (cp >= 0xFF1A && cp <= 0xFF20) return CharClass::Punct;
  if (cp >= 0xFF3B && cp <= 0xFF40) return CharClass::Punct;
  if (cp >= 0xFF5B && cp <= 0xFF65) return CharClass::Punct;
  if (cp >= 0xFFF0 && cp <= 0xFFFF) return CharClass::Symbol;  // specials incl. U+FFFD
  if (cp < 0x1F000) return CharClass::Letter;
  if (cp >= 0x1F1E6 && cp <= 0x1F1FF) return CharClass::Regional;
  if (cp >= 0x1F3FB && cp <= 0x1F3FF) return CharClass::EmojiPart;  // skin tones
  if (cp <= 0x1FAFF) {
    // Enclosed alphanumerics (1F100-1F1FF) are emoji only with FE0F, except a few.
    if (cp >= 0x1F100 && cp <= 0x1F1FF && cp != 0x1F18E && !(cp >= 0x1F191 && cp <= 0x1F19A))
      return CharClass::EmojiText;
    return CharClass::Emoji;
  }
  if (cp >= 0xE0020 && cp <= 0xE007F) return CharClass::EmojiPart;  // tag characters
  if (cp >= 0xE0100 && cp <= 0xE01EF) return CharClass::Mark;      // variation selectors supp.
  return CharClass::Letter;
}

bool is_upper_letter(uint32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  if (cp >= 0xC0 && cp <= 0xDE) return cp != 0xD7;
  if (cp >= 0x100 && cp <= 0x17F) {
    if (cp == 0x130 || cp == 0x178) return true;
    if (cp == 0x131 || cp == 0x138 || cp == 0x149 || cp == 0x17F) return false;
    const bool odd_upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
    return odd_upper ? (cp & 1) == 1 : (cp & 1) == 0;
  }
  if (cp >= 0x391 && cp <= 0x3A9) return cp != 0x3A2;
  if (cp == 0x386 || (cp >= 0x388 && cp <= 0x38A) || cp == 0x38C || cp == 0x38E || cp == 0x38F)
    return true;
  if (cp >= 0x400 && cp <= 0x42F) return true;
  return false;
}

bool is_lower_letter(uint32_t cp) {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z';
  if (is_upper_letter(cp)) return false;
  return simple_lower(cp) == cp && classify_code_point(cp) == CharClass::Letter &&
         ((cp >= 0xDF && cp <= 0xFF && cp != 0xF7) || (cp >= 0x100 && cp <= 0x17F) ||
          (cp >= 0x3AC && cp <= 0x3CE) || (cp >= 0x430 && cp <= 0x45F));
}

uint32_t simple_lower(uint32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  if (!is_upper_letter(cp)) return cp;
  if (cp <= 0xDE) return cp + 0x20;
  if (cp == 0x130) return 'i';
  if (cp == 0x178) return 0xFF;
  if (cp <= 0x17F) return cp + 1;
  if (cp >= 0x391 && cp <= 0x3A9) return cp + 0x20;
  if (cp == 0x386) return 0x3AC;
  if (cp >= 0x388 && cp <= 0x38A) return cp + 37;
  if (cp == 0x38C) return 0x3CC;
  if (cp == 0x38E || cp == 0x38F) return cp + 63;
  if (cp >= 0x410 && cp <= 0x42F) return cp + 0x20;
  if (cp >= 0x400 && cp <= 0x40F) return cp + 0x50;
  return cp;
}

}  // namespace rapport

// UTF-8 validation/repair, byte <-> UTF-16 offset mapping, and the small
// character-class tables the tokenizer uses.
#include "utf8.h"

#include <algorithm>

namespace rapport {
namespace {

constexpr uint32_t kReplacement = 0xFFFD;

// Length of the sequence a lead byte announces and the allowed range of the
// second byte (WHATWG "UTF-8 decoder": E0 needs A0..BF, ED needs 80..9F, F0
// needs 90..BF, F4 needs 80..8F). need == 0 marks a byte that can never start
// a sequence (80..C1, F5..FF).
struct LeadInfo {
  uint8_t need;
  uint8_t lower;
  uint8_t upper;
};

inline LeadInfo lead_info(uint8_t b) {
  if (b >= 0xC2 && b <= 0xDF) return {1, 0x80, 0xBF};
  if (b == 0xE0) return {2, 0xA0, 0xBF};
  if (b == 0xED) return {2, 0x80, 0x9F};
  if (b >= 0xE1 && b <= 0xEF) return {2, 0x80, 0xBF};
  if (b == 0xF0) return {3, 0x90, 0xBF};
  if (b >= 0xF1 && b <= 0xF3) return {3, 0x80, 0xBF};
  if (b == 0xF4) return {3, 0x80, 0x8F};
  return {0, 0, 0};
}

// Length of the well-formed sequence at `pos`, or 0 if it is ill-formed; in
// that case *consumed is the length of the maximal subpart (at least 1), which
// becomes exactly one U+FFFD.
inline size_t valid_length(std::string_view s, size_t pos, size_t* consumed) {
  const uint8_t b = static_cast<uint8_t>(s[pos]);
  const LeadInfo info = lead_info(b);
  if (info.need == 0) {
    *consumed = 1;
    return 0;
  }
  size_t i = 1;
  for (; i <= info.need; ++i) {
    if (pos + i >= s.size()) break;
    const uint8_t c = static_cast<uint8_t>(s[pos + i]);
    const uint8_t lo = (i == 1) ? info.lower : 0x80;
    const uint8_t hi = (i == 1) ? info.upper : 0xBF;
    if (c < lo || c > hi) break;
  }
  if (i == static_cast<size_t>(info.need) + 1) {
    *consumed = i;
    return i;
  }
  *consumed = i;  // the lead byte plus the valid continuation bytes seen
  return 0;
}

}  // namespace

SanitizedText sanitize_utf8(std::string_view input, size_t max_bytes) {
  SanitizedText out;
  out.original_bytes = input.size();
  out.text.reserve(std::min(input.size(), max_bytes));
  size_t pos = 0;
  while (pos < input.size()) {
    // ASCII fast path: copy a whole run of non-NUL ASCII at once.
    const uint8_t b = static_cast<uint8_t>(input[pos]);
    if (b < 0x80) {
      if (out.text.size() + 1 > max_bytes) break;
      if (b == 0) {
        out.had_nul = true;
        out.text.push_back(' ');
        ++pos;
        continue;
      }
      size_t run = pos + 1;
      const size_t run_limit = pos + std::min(input.size() - pos, max_bytes - out.text.size());
      while (run < run_limit && static_cast<uint8_t>(input[run]) - 1u < 0x7Fu) ++run;
      out.text.append(input.data() + pos, run - pos);
      pos = run;
      continue;
    }
    size_t consumed = 0;
    const size_t len = valid_length(input, pos, &consumed);
    if (len > 0) {
      if (out.text.size() + len > max_bytes) break;
      out.text.append(input.data() + pos, len);
    } else {
      if (out.text.size() + 3 > max_bytes) break;
      out.had_invalid = true;
      append_utf8(out.text, kReplacement);
    }
    pos += consumed;
  }
  out.truncated = pos < input.size();
  return out;
}

uint32_t decode_utf8(std::string_view s, size_t pos, size_t* length) {
  const uint8_t b = static_cast<uint8_t>(s[pos]);
  if (b < 0x80) {
    *length = 1;
    return b;
  }
  size_t consumed = 0;
  const size_t len = valid_length(s, pos, &consumed);
  if (len == 0) {
    *length = 1;
    return kReplacement;
  }
  *length = len;
  auto cont = [&](size_t i) { return static_cast<uint32_t>(static_cast<uint8_t>(s[pos + i]) & 0x3F); };
  if (len == 2) return ((b & 0x1Fu) << 6) | cont(1);
  if (len == 3) return ((b & 0x0Fu) << 12) | (cont(1) << 6) | cont(2);
  return ((b & 0x07u) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3);
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = kReplacement;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

Utf16Offsets::Utf16Offsets(std::string_view utf8) {
  uint32_t utf16 = 0;
  size_t pos = 0;
  while (pos < utf8.size()) {
    if (static_cast<uint8_t>(utf8[pos]) < 0x80) {
      ++pos;
      ++utf16;
      continue;
    }
    size_t len = 1;
    const uint32_t cp = decode_utf8(utf8, pos, &len);
    utf16 += cp >= 0x10000 ? 2 : 1;
    byte_starts_.push_back(static_cast<uint32_t>(pos));
    pos += len;
    byte_after_.push_back(static_cast<uint32_t>(pos));
    utf16_after_.push_back(utf16);
  }
  byte_length_ = static_cast<uint32_t>(utf8.size());
  utf16_length_ = utf16;
}

uint32_t Utf16Offsets::to_utf16(uint32_t byte_offset) const {
  if (byte_offset >= byte_length_) return utf16_length_;
  // k = number of non-ASCII code points that start before byte_offset.
  const size_t k = std::lower_bound(byte_starts_.begin(), byte_starts_.end(), byte_offset) -
                   byte_starts_.begin();
  if (k == 0) return byte_offset;
  const size_t last = k - 1;
  if (byte_offset < byte_after_[last]) {
    // Inside a multi-byte code point: map to its start.
    const uint32_t units = (byte_after_[last] - byte_starts_[last] == 4) ? 2 : 1;
    return utf16_after_[last] - units;
  }
  return utf16_after_[last] + (byte_offset - byte_after_[last]);
}

uint32_t Utf16Offsets::to_byte(uint32_t utf16_offset) const {
  if (utf16_offset >= utf16_length_) return byte_length_;
  // k = number of non-ASCII code points that end at or before utf16_offset.
  const size_t k = std::upper_bound(utf16_after_.begin(), utf16_after_.end(), utf16_offset) -
                   utf16_after_.begin();
  uint32_t byte = k == 0 ? utf16_offset : byte_after_[k - 1] + (utf16_offset - utf16_after_[k - 1]);
  // Between the two halves of a surrogate pair: snap to the code point start.
  if (k < byte_starts_.size() && byte > byte_starts_[k]) byte = byte_starts_[k];
  return byte;
}

// --- character classes -------------------------------------------------------

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

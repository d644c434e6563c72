// Word, number and order-id scanning (with norm, caps and elongation) and
// punctuation runs, for the tokenizer (see tokenizer_patterns.h).
#include "text/tokenizer_patterns.h"

#include <algorithm>

namespace rapport {
namespace tokenizer_detail {
namespace {

bool is_apostrophe(uint32_t cp) { return cp == '\'' || cp == 0x2019 || cp == 0x02BC; }

// Suffixes that keep "10am", "3rd", "5k", "2x" numbers rather than order ids.
bool is_number_suffix(std::string_view s) {
  static constexpr std::string_view kSuffix[] = {
      "st", "nd", "rd", "th", "am", "pm", "k", "m", "h", "hr", "hrs", "x", "s", "min", "mins",
      "gb", "mb", "kb", "tb", "d", "w", "y", "yr", "yrs", "mo", "kg", "g", "km", "cm", "mm",
      "ml", "l", "lb", "lbs", "oz", "ft", "mph", "kmh"};
  if (s.size() > 4) return false;
  for (std::string_view a : kSuffix)
    if (s == a) return true;
  return false;
}

// After a ',' inside digits: exactly three digits follow ("1,000" but "1,2").
bool thousands_group(const Text& t, size_t p) {
  for (size_t k = 0; k < 3; ++k)
    if (t.at(p + k).cls != CharClass::Digit) return false;
  return t.at(p + 3).cls != CharClass::Digit;
}

// Normalized spelling of one punctuation character, appended to `norm`.
void append_punct_norm(std::string& norm, uint32_t cp) {
  switch (cp) {
    case 0x2026: norm += "..."; return;
    case 0xFF01: norm += '!'; return;
    case 0xFF1F: norm += '?'; return;
    case 0x3002: norm += '.'; return;
    case 0x203C: norm += "!!"; return;
    case 0x2049: norm += "!?"; return;
    case 0x2047: norm += "??"; return;
    case 0x2048: norm += "?!"; return;
    case 0x203D: norm += "?!"; return;  // interrobang
    case 0x2018: case 0x2019: case 0x02BC: norm += '\''; return;
    case 0x201C: case 0x201D: norm += '"'; return;
    default: append_utf8(norm, cp);
  }
}

// Word / Number / OrderId from what scan_word saw.
void classify_word(const Text& t, size_t i, size_t j, const WordShape& w, Token* tok) {
  const std::string& norm = tok->norm;
  if (w.has_digit && !w.has_letter) {
    tok->kind = TokenKind::Number;
    tok->norm.assign(t.data() + i, j - i);  // as written: "1,000"
  } else if (w.has_digit) {
    size_t k = 0;
    // The leading number, with its separators ("7:30pm", "1/20th", "1.5k").
    while (k < norm.size() && ((norm[k] >= '0' && norm[k] <= '9') || norm[k] == '.' ||
                               norm[k] == ',' || norm[k] == ':' || norm[k] == '/'))
      ++k;
    const std::string_view rest = std::string_view(norm).substr(k);
    const bool digit_first = k > 0 && norm[0] != '.';
    // Digits then only letters, written in lower case: a quantity with a unit
    // ("10am", "3rd", "10mg", "60fps"), not an id.
    bool unit = digit_first && !rest.empty();
    for (size_t n = k; n < j - i && unit; ++n) {
      const uint8_t b = static_cast<uint8_t>(t.data()[i + n]);
      unit = b >= 'a' && b <= 'z';
    }
    if (digit_first && (is_number_suffix(rest) || unit)) {
      tok->kind = TokenKind::Number;
    } else if (w.has_hyphen ? !digit_first : j - i >= 4) {
      tok->kind = TokenKind::OrderId;  // "A1B2C3", "ORD-2291", "T-70"
    } else {
      tok->kind = TokenKind::Word;  // "mp3", "B2B", "20-year-olds"
    }
  } else {
    tok->kind = TokenKind::Word;
    if (w.upper >= 2 && w.lower == 0) {
      tok->flags |= kAllCaps;
    } else if (w.first_letter != 0 && is_upper_letter(w.first_letter)) {
      tok->flags |= kCapitalized;
    }
    if (w.elongated) tok->flags |= kElongated;
  }
}

}  // namespace

bool is_terminal(uint32_t cp) {
  return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == 0x203D || cp == 0xFF01 ||
         cp == 0xFF1F || cp == 0x3002 || cp == 0x203C || cp == 0x2049 || cp == 0x2047 ||
         cp == 0x2048;
}

void lower_copy(const Text& t, size_t b, size_t e, std::string* norm) {
  norm->reserve(e - b);
  for (size_t p = b; p < e;) {
    const Char c = t.at(p);
    append_utf8(*norm, simple_lower(c.cp));
    p += c.len;
  }
}

namespace {

// The common case, a word of up to kFastWord ASCII letters ("hello", "NEVER",
// "sooo"), with ASCII apostrophes between letters ("don't", "I'm"), ending
// at a byte that cannot continue it (a '.' only after two letters or more:
// "e.g" may be dotted initials): the same norm, kind and
// flags as scan_word's general loop and classify_word, in one pass, with the
// norm built in a stack buffer and stored once (per-character string appends
// were a visible cost in wasm). Returns 0, having written nothing, when the
// general loop is needed.
constexpr size_t kFastWord = 32;
size_t scan_ascii_word(const Text& t, size_t i, Token* tok) {
  const char* data = t.data();
  const size_t limit = std::min(t.size(), i + kFastWord);
  char buf[kFastWord];
  size_t len = 0;
  uint32_t hash = 2166136261u;  // lexicon_hash of the norm, as it is built
  uint32_t last = 0;
  int run = 0, upper = 0, apostrophes = 0;
  bool elongated = false;
  size_t k = i;
  for (; k < limit; ++k) {
    const uint8_t b = static_cast<uint8_t>(data[k]);
    const uint32_t lc = b | 0x20u;
    if (static_cast<uint8_t>(lc - 'a') >= 26) {
      // Like the general loop: an apostrophe between letters stays in the
      // word and restarts the letter run.
      if (b == '\'' && k > i && k + 1 < limit &&
          static_cast<uint8_t>((static_cast<uint8_t>(data[k + 1]) | 0x20) - 'a') < 26) {
        buf[len++] = '\'';
        hash = (hash ^ b) * 16777619u;
        last = 0;
        run = 0;
        ++apostrophes;
        continue;
      }
      break;
    }
    upper += b < 'a';
    run = (lc == last) ? run + 1 : 1;
    last = lc;
    if (run >= 3) {
      elongated = true;  // "sooo" keeps two
    } else {
      buf[len++] = static_cast<char>(lc);
      hash = (hash ^ lc) * 16777619u;
    }
  }
  const uint8_t next = t.byte(k);
  const int letters = static_cast<int>(k - i) - apostrophes;
  // Letters past the limit, digits, apostrophes, hyphens, dots after one
  // letter and non-ASCII may continue a word.
  if (k == i || static_cast<uint8_t>((next | 0x20) - 'a') < 26 || next >= 0x80 ||
      (next >= '0' && next <= '9') || next == '\'' || next == '-' || (next == '.' && letters < 2))
    return 0;
  tok->norm.assign(buf, len);
  tok->norm_hash_plus1 = hash + 1;
  // classify_word's verdict for letters only.
  tok->kind = TokenKind::Word;
  const int lower = letters - upper;
  if (upper >= 2 && lower == 0) {
    tok->flags |= kAllCaps;
  } else if (data[i] >= 'A' && data[i] <= 'Z') {
    tok->flags |= kCapitalized;
  }
  if (elongated) tok->flags |= kElongated;
  return k;
}

}  // namespace

size_t scan_word(const Text& t, size_t i, Token* tok) {
  if (const size_t end = scan_ascii_word(t, i, tok)) return end;
  std::string& norm = tok->norm;
  WordShape w;
  int seg_letters = 0, dotted = 0, run = 0;
  uint32_t last = 0;
  // Appends a lower-cased letter unless it is the 3rd+ of a run ("sooo").
  auto add_letter = [&](uint32_t lc, bool letter) {
    run = (lc == last) ? run + 1 : 1;
    last = lc;
    if (run >= 3 && letter) {
      w.elongated = true;
    } else if (lc < 0x80) {
      norm.push_back(static_cast<char>(lc));
    } else {
      append_utf8(norm, lc);
    }
  };
  size_t j = i;
  const char* data = t.data();
  while (j < t.size()) {
    // Fast path for ASCII letters, the bulk of any chat text.
    const uint8_t ab = static_cast<uint8_t>(data[j]);
    const bool is_low = static_cast<uint8_t>(ab - 'a') < 26;
    if (is_low || static_cast<uint8_t>(ab - 'A') < 26) {
      w.has_letter = true;
      if (w.first_letter == 0) w.first_letter = ab;
      w.lower += is_low;
      w.upper += !is_low;
      ++seg_letters;
      add_letter(is_low ? ab : ab + 32u, true);
      ++j;
      continue;
    }
    const Char c = t.at(j);
    if (c.cls == CharClass::Digit) {
      w.has_digit = true;
      last = 0;
      norm.push_back(static_cast<char>(c.cp));
      seg_letters = 100;  // digits break the dotted-initials pattern
      j += c.len;
      continue;
    }
    if (c.cls == CharClass::Letter || c.cls == CharClass::Mark) {
      if (c.cls == CharClass::Letter) {
        w.has_letter = true;
        if (w.first_letter == 0) w.first_letter = c.cp;
        w.upper += is_upper_letter(c.cp);
        w.lower += is_lower_letter(c.cp);
      }
      ++seg_letters;
      add_letter(simple_lower(c.cp), c.cls == CharClass::Letter);
      j += c.len;
      continue;
    }
    const Char n = t.at(j + c.len);
    if (is_apostrophe(c.cp) && w.has_letter && n.cls == CharClass::Letter) {
      norm.push_back('\'');
    } else if (c.cp == 0x200D && w.has_letter && n.cls == CharClass::Letter) {
      append_utf8(norm, c.cp);  // ZWJ inside Indic/Arabic-script words
    } else if (c.cp == '-' && is_word_class(n.cls) && !norm.empty() && norm.back() != '-') {
      norm.push_back('-');
      w.has_hyphen = true;
    } else if ((c.cp == '.' || c.cp == ',' || c.cp == '/' || c.cp == ':') && w.has_digit &&
               !w.has_letter && n.cls == CharClass::Digit &&
               (c.cp != ',' || thousands_group(t, j + 1))) {
      norm.push_back(static_cast<char>(c.cp));
    } else if (c.cp == '.' && seg_letters == 1 && !w.has_digit && n.cls == CharClass::Letter &&
               n.cp < 0x80 && t.at(j + 2).cp == '.') {
      ++dotted;  // "e.g", "U.S": a letter, a dot, a letter, a dot
      seg_letters = 0;
      norm.push_back('.');
    } else {
      break;
    }
    last = 0;
    run = 0;
    j += c.len;
  }
  if (dotted > 0 && t.at(j).cp == '.') {
    norm.push_back('.');
    ++j;
  }
  // Greek capital sigma lower-cases to final sigma at the end of a word.
  if (last == 0x3C3 && j - i > 2 && t.before(j).cp == 0x3A3) {
    norm.resize(norm.size() - 2);
    append_utf8(norm, 0x3C2);
  }
  classify_word(t, i, j, w, tok);
  return j;
}

size_t scan_punct(const Text& t, size_t i, Token* tok) {
  const Char c = t.at(i);
  const bool terminal = is_terminal(c.cp);
  tok->kind = (!terminal && (c.cls == CharClass::Symbol || c.cls == CharClass::EmojiText))
                  ? TokenKind::Symbol
                  : TokenKind::Punct;
  // A lone ASCII mark (",", "." or "!" before a space: most punctuation
  // tokens) is its own norm; the loop below would end after it too.
  const uint8_t next = t.byte(i + 1);
  if (c.cp < 0x80 && next < 0x80 && (terminal ? !is_terminal(next) : next != c.cp)) {
    tok->norm.push_back(static_cast<char>(c.cp));
    return i + 1;
  }
  size_t j = i;
  size_t ones_until = 0;
  while (j < t.size()) {
    Char d = t.at(j);
    // "!!!1", "!!11": the shifted-'1' typo of an excited run stays part of it
    // when the 1s are followed by '!' or a non-word character ("!!1one" is not).
    if (terminal && d.cp == '1' && j >= ones_until && j - i >= 2 && t.byte(j - 1) == '!') {
      size_t k = j;
      while (t.byte(k) == '1') ++k;
      if (t.byte(k) == '!' || !is_word_class(t.at(k).cls)) ones_until = k;
    }
    if (d.cp == '1' && j < ones_until) {
      d = Char{'!', 1, CharClass::Punct};
    } else if (terminal ? !is_terminal(d.cp) : d.cp != c.cp) {
      break;
    }
    if (tok->norm.size() < kMaxPunctNorm) {
      append_punct_norm(tok->norm, d.cp);
      if (tok->norm.size() > kMaxPunctNorm) {
        // Keep whole code points: cut back to the last one that fit.
        size_t cut = kMaxPunctNorm;
        while (cut > 0 && (static_cast<uint8_t>(tok->norm[cut]) & 0xC0) == 0x80) --cut;
        tok->norm.resize(cut);
      }
    }
    j += d.len;
  }
  return j;
}

}  // namespace tokenizer_detail
}  // namespace rapport

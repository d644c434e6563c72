// Token-shape matchers for the tokenizer (see tokenizer_patterns.h).
#include "text/tokenizer_patterns.h"

namespace rapport {
namespace tokenizer_detail {
namespace {

bool is_alnum_ascii(uint8_t b) {
  return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
}
uint8_t lower_ascii(uint8_t b) { return (b >= 'A' && b <= 'Z') ? b + 32 : b; }

bool starts_with_ci(const Text& t, size_t i, const char* lit) {
  for (size_t k = 0; lit[k] != 0; ++k)
    if (lower_ascii(t.byte(i + k)) != static_cast<uint8_t>(lit[k])) return false;
  return true;
}

bool is_emoji_base(CharClass c) {
  return c == CharClass::Emoji || c == CharClass::EmojiText || c == CharClass::Regional;
}

// Characters that end a URL: space, quotes/brackets that are never part of
// one in chat, and non-ASCII punctuation or emoji right after it.
bool ends_url(const Char& c) {
  if (c.len == 0 || c.cls == CharClass::Space || c.cls == CharClass::Newline) return true;
  if (c.cp < 0x80) {
    switch (c.cp) {
      case '<': case '>': case '"': case '`': case '{': case '}': case '|': case '\\': case '^':
        return true;
      default:
        return false;
    }
  }
  return c.cls != CharClass::Letter && c.cls != CharClass::Mark;
}

// Extends a URL from `j` to its end, then drops trailing sentence punctuation
// and unbalanced closing brackets ("(see http://x.com/a)." -> "http://x.com/a").
size_t extend_url(const Text& t, size_t start, size_t j) {
  // Bracket balance of the whole candidate, updated as the tail is trimmed
  // (one pass, so a URL followed by 60,000 ')' stays linear).
  long paren = 0, square = 0;
  for (Char c = t.at(j); !ends_url(c); c = t.at(j)) j += c.len;
  for (size_t k = start; k < j; ++k) {
    const uint8_t b = t.byte(k);
    paren += (b == '(') - (b == ')');
    square += (b == '[') - (b == ']');
  }
  while (j > start) {
    const uint8_t b = t.byte(j - 1);
    if (b == '.' || b == ',' || b == ';' || b == ':' || b == '!' || b == '?' || b == '\'' ||
        b == '*') {
      --j;
    } else if (b == ')' && paren < 0) {
      ++paren;
      --j;
    } else if (b == ']' && square < 0) {
      ++square;
      --j;
    } else {
      break;
    }
  }
  return j;
}

// Domain labels [A-Za-z0-9-] separated by dots, starting at `j`. Returns the
// end, or 0 unless there are 2+ labels and the last is 2+ letters. Stops at
// 253 bytes (the DNS limit), which also keeps "ab.ab.ab...." linear overall.
// *chain_end (if given) is where the dotted chain ended, or 0 if the scan
// stopped at the length limit instead.
size_t scan_domain(const Text& t, size_t j, size_t* last_label_begin, size_t* chain_end = nullptr) {
  constexpr size_t kMaxDomain = 253;
  const size_t start = j;
  size_t labels = 0, end = 0;
  if (chain_end) *chain_end = 0;
  for (;;) {
    if (j - start > kMaxDomain) return 0;
    const size_t b = j;
    while (is_alnum_ascii(t.byte(j)) || t.byte(j) == '-') ++j;
    if (chain_end) *chain_end = j;
    if (j == b || j - b > 63) return end;
    ++labels;
    bool letters = j - b >= 2;
    for (size_t k = b; k < j && letters; ++k) letters = !(t.byte(k) >= '0' && t.byte(k) <= '9');
    if (labels >= 2 && letters) {
      end = j;
      *last_label_begin = b;
    }
    if (t.byte(j) != '.' || !is_alnum_ascii(t.byte(j + 1))) return end;
    ++j;
  }
}

}  // namespace

// Same values as classify_code_point for 0..127, spelled out so the hot path
// is one table load (S space, N newline, L letter, D digit, P punct, Y symbol).
#define S CharClass::Space
#define N CharClass::Newline
#define L CharClass::Letter
#define D CharClass::Digit
#define P CharClass::Punct
#define Y CharClass::Symbol
const CharClass Text::kAsciiClass[128] = {
    S, S, S, S, S, S, S, S, S, S, N, S, S, N, S, S,  // 0x00
    S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S,  // 0x10
    S, P, P, P, Y, P, P, P, P, P, P, Y, P, P, P, P,  // 0x20  !"#$%&'()*+,-./
    D, D, D, D, D, D, D, D, D, D, P, P, Y, Y, Y, P,  // 0x30  0-9:;<=>?
    P, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,  // 0x40  @A-O
    L, L, L, L, L, L, L, L, L, L, L, P, P, P, Y, P,  // 0x50  P-Z[\]^_
    Y, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,  // 0x60  `a-o
    L, L, L, L, L, L, L, L, L, L, L, P, Y, P, Y, S,  // 0x70  p-z{|}~ DEL
};
#undef S
#undef N
#undef L
#undef D
#undef P
#undef Y

Char Text::decode_at(size_t pos) const {
  size_t len = 1;
  const uint32_t cp = decode_utf8(s_, pos, &len);
  return Char{cp, static_cast<uint8_t>(len), classify_code_point(cp)};
}

Char Text::before(size_t pos) const {
  if (pos == 0 || pos > s_.size()) return Char{};
  size_t p = pos - 1;
  while (p > 0 && pos - p < 4 && (static_cast<uint8_t>(s_[p]) & 0xC0) == 0x80) --p;
  return at(p);
}

size_t match_keycap(const Text& t, size_t i, std::string* norm) {
  const uint8_t b = t.byte(i);
  if (!((b >= '0' && b <= '9') || b == '#' || b == '*')) return 0;
  size_t j = i + 1;
  if (t.at(j).cp == 0xFE0F) j += 3;
  if (t.at(j).cp != 0x20E3) return 0;
  norm->push_back(static_cast<char>(b));
  append_utf8(*norm, 0x20E3);
  return j + 3;
}

size_t match_url(const Text& t, size_t i) {
  const uint8_t b = lower_ascii(t.byte(i));
  if (b != 'h' && b != 'w') return 0;
  if (i > 0 && is_alnum_ascii(t.byte(i - 1))) return 0;  // "xhttp://" is no URL start
  size_t j = 0;
  if (starts_with_ci(t, i, "https://")) {
    j = i + 8;
  } else if (starts_with_ci(t, i, "http://")) {
    j = i + 7;
  } else if (starts_with_ci(t, i, "www.") && is_alnum_ascii(t.byte(i + 4))) {
    j = i + 4;
  } else {
    return 0;
  }
  if (ends_url(t.at(j))) return 0;
  const size_t end = extend_url(t, i, j);
  return end > j ? end : 0;
}

size_t match_email(const Text& t, size_t i, size_t word_end) {
  const uint8_t gate = t.byte(word_end);
  if (gate != '@' && gate != '.' && gate != '_' && gate != '+' && gate != '-' && gate != '%')
    return 0;
  size_t j = i;
  auto local = [](uint8_t c) {
    return is_alnum_ascii(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  };
  while (local(t.byte(j)) && j - i <= 64) ++j;
  if (t.byte(j) != '@' || j == i || t.byte(j - 1) == '.' || j - i > 64) return 0;
  size_t tld = 0;
  return scan_domain(t, j + 1, &tld);
}

size_t match_bare_domain(const Text& t, size_t i, size_t word_end, size_t* dead_until) {
  if (t.byte(word_end) != '.' || !is_alnum_ascii(t.byte(word_end + 1))) return 0;
  for (size_t k = i; k < word_end; ++k)
    if (!is_alnum_ascii(t.byte(k)) && t.byte(k) != '-') return 0;
  size_t tld = 0;
  const size_t end = scan_domain(t, i, &tld, dead_until);
  if (end == 0 || is_word_class(t.at(end).cls)) return 0;
  static const char* const kTlds[] = {"com", "net", "org", "io", "co", "uk", "us", "de", "fr",
                                      "es", "nl", "ca", "au", "info", "biz", "app", "dev", "ly",
                                      "gov", "edu", "ru", "jp", "br", "eu", "ch", "se", "shop"};
  const std::string_view label(t.data() + tld, end - tld);
  bool known = false;
  for (const char* k : kTlds) {
    const std::string_view kv(k);
    if (label.size() != kv.size()) continue;
    bool eq = true;
    for (size_t n = 0; n < kv.size() && eq; ++n) eq = lower_ascii(label[n]) == kv[n];
    known = known || eq;
  }
  if (!known) return 0;
  return t.byte(end) == '/' ? extend_url(t, i, end) : end;
}

size_t scan_emoji(const Text& t, size_t i, std::string* norm) {
  const Char first = t.at(i);
  append_utf8(*norm, first.cp);
  size_t j = i + first.len;
  if (first.cls == CharClass::Regional) {
    const Char second = t.at(j);
    if (second.cls == CharClass::Regional) {
      append_utf8(*norm, second.cp);
      j += second.len;
    }
    return j;
  }
  for (;;) {
    const Char c = t.at(j);
    if (c.cp == 0xFE0F || c.cp == 0xFE0E || (c.cp >= 0x1F3FB && c.cp <= 0x1F3FF)) {
      j += c.len;  // presentation selector or skin tone: dropped from the norm
    } else if (c.cp == 0x20E3 || (c.cp >= 0xE0020 && c.cp <= 0xE007F)) {
      append_utf8(*norm, c.cp);  // keycap or subdivision-flag tags
      j += c.len;
    } else if (c.cp == 0x200D && is_emoji_base(t.at(j + c.len).cls)) {
      const Char next = t.at(j + c.len);
      append_utf8(*norm, c.cp);
      append_utf8(*norm, next.cp);
      j += c.len + next.len;
    } else {
      return j;
    }
  }
}

size_t match_tag(const Text& t, size_t i, TokenKind* kind) {
  const uint8_t sigil = t.byte(i);
  const Char prev = t.before(i);
  if (is_word_class(prev.cls) || prev.cp == '&' || prev.cp == '@' || prev.cp == '#') return 0;
  size_t j = i + 1;
  size_t letters = 0, digits = 0, lower = 0;
  bool hyphen = false;
  for (;;) {
    const Char c = t.at(j);
    if (is_word_class(c.cls) || c.cp == '_') {
      letters += c.cls != CharClass::Digit;
      lower += c.cls == CharClass::Letter && !is_upper_letter(c.cp);
      digits += c.cls == CharClass::Digit;
      j += c.len;
    } else if (sigil == '#' && c.cp == '-' && j > i + 1 && is_alnum_ascii(t.byte(j + 1)) &&
               is_alnum_ascii(t.byte(j - 1))) {
      hyphen = true;  // "#A-123"
      j += 1;
    } else {
      break;
    }
  }
  if (j == i + 1) return 0;
  if (sigil == '@') {
    *kind = TokenKind::Mention;
  } else if ((digits >= 3 && digits >= letters) || (hyphen && digits > 0) ||
             (digits >= 2 && letters > 0 && lower == 0)) {
    *kind = TokenKind::OrderId;  // "#12345", "#A-123", "#AB12345", "#A1B2"
  } else if (letters > 0) {
    *kind = TokenKind::Hashtag;  // "#fail", "#covid19"
  } else {
    return 0;  // "#1": a '#' and a number
  }
  if (*kind == TokenKind::Hashtag && hyphen) {
    // "#follow-up" keeps only the part before the hyphen as the tag.
    j = i + 1;
    while (is_word_class(t.at(j).cls) || t.at(j).cp == '_') j += t.at(j).len;
  }
  return j;
}

}  // namespace tokenizer_detail
}  // namespace rapport

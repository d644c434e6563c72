// Single-pass tokenizer for chat text. Each position is tried against the
// token shapes in a fixed order (keycap, URL, emoticon, word/number/email,
// emoji, mention/hashtag, punctuation); the first shape that matches wins.
// No regex and no allocation beyond the token vector and each token's norm.
#include "tokenizer.h"

#include "tokenizer_patterns.h"
#include "utf8.h"

namespace rapport {
namespace {

using tokenizer_detail::Char;
using tokenizer_detail::Text;

bool is_apostrophe(uint32_t cp) { return cp == '\'' || cp == 0x2019 || cp == 0x02BC; }
bool is_word_char(CharClass c) { return tokenizer_detail::is_word_class(c); }
bool is_terminal(uint32_t cp) {
  return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == 0x203D || cp == 0xFF01 ||
         cp == 0xFF1F || cp == 0x3002 || cp == 0x203C || cp == 0x2049 || cp == 0x2047 ||
         cp == 0x2048;
}
// Closing punctuation after a sentence end still belongs to that sentence.
bool is_closing(uint32_t cp) {
  return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == '}' || cp == 0x2019 ||
         cp == 0x201D || cp == 0x00BB;
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
    case 0x2018: case 0x2019: case 0x02BC: norm += '\''; return;
    case 0x201C: case 0x201D: norm += '"'; return;
    default: append_utf8(norm, cp);
  }
}

// Words after which a single '.' does not end a sentence ("Mr. Smith").
bool is_abbreviation(std::string_view w) {
  static constexpr std::string_view kAbbrev[] = {
      "mr", "mrs", "ms", "mx", "dr", "prof", "sr", "jr", "st", "vs", "approx", "dept", "est",
      "fig", "inc", "ltd", "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
      "dec", "no", "nr", "tel", "ext", "min", "max"};
  if (w.size() < 2 || w.size() > 6) return false;
  for (std::string_view a : kAbbrev)
    if (w == a) return true;
  return false;
}

// Suffixes that keep "10am", "3rd", "5k", "2x" numbers rather than order ids.
bool is_number_suffix(std::string_view s) {
  static constexpr std::string_view kSuffix[] = {"st", "nd", "rd", "th", "am", "pm", "k", "m", "h", "hr",
                                        "hrs", "x", "s", "min", "mins", "gb", "mb", "kb", "tb",
                                        "d", "w", "y", "yr", "yrs", "mo", "kg", "g", "km", "cm",
                                        "mm", "ml", "l", "lb", "lbs", "oz", "ft", "mph", "kmh"};
  if (s.size() > 4) return false;
  for (std::string_view a : kSuffix)
    if (s == a) return true;
  return false;
}

// First bytes of the emoticons in tokenizer_emoticons.cc.
constexpr bool kEmoticonStartAt(uint8_t c) {
  return c == ':' || c == ';' || c == '=' || c == '>' || c == '<' || c == 'x' || c == 'X' ||
         c == '^' || c == '-' || c == 'T' || c == 'o' || c == 'O' || c == '0' || c == '.';
}
struct EmoticonStartTable {
  bool v[128];
  constexpr EmoticonStartTable() : v() {
    for (int c = 0; c < 128; ++c) v[c] = kEmoticonStartAt(static_cast<uint8_t>(c));
  }
  constexpr bool operator[](int c) const { return v[c]; }
};
constexpr EmoticonStartTable kEmoticonStart;

class Tokenizer {
 public:
  Tokenizer(std::string_view text, Tokenized& out) : t_(text), out_(out) {}

  void run() {
    out_.tokens.reserve(t_.size() / 5 + 8);
    out_.sentences.reserve(4);
    size_t i = 0;
    while (i < t_.size()) i = step(i);
    close_sentence();
  }

 private:
  // Tokenizes what starts at `i`; returns the position after it.
  size_t step(size_t i) {
    const Char c = t_.at(i);
    switch (c.cls) {
      case CharClass::Newline:
        if (sentence_open_) pending_ = Pending::Newline;
        return i + c.len;
      case CharClass::Space:
        return i + c.len;
      default:
        break;
    }
    Token tok;
    size_t end = 0;
    // The look-ahead matchers only run where their first byte can start them.
    const uint8_t b = t_.byte(i);
    const bool maybe_keycap = (b >= '0' && b <= '9') || b == '#' || b == '*';
    const bool maybe_url = (b | 0x20) == 'h' || (b | 0x20) == 'w';
    const bool maybe_emoticon = kEmoticonStart[b & 0x7F] && b < 0x80;
    if (maybe_keycap && (end = tokenizer_detail::match_keycap(t_, i, &tok.norm)) != 0) {
      tok.kind = TokenKind::Emoji;
    } else if (maybe_url && (end = tokenizer_detail::match_url(t_, i)) != 0) {
      tok.kind = TokenKind::Url;
      lower_copy(i, end, &tok.norm);
    } else if (maybe_emoticon &&
               (end = tokenizer_detail::match_emoticon(t_, i, &tok.norm)) != 0) {
      tok.kind = TokenKind::Emoticon;
    } else if (is_word_char(c.cls)) {
      end = scan_word(i, &tok);
      const uint8_t after = t_.byte(end);
      const bool maybe_email = after == '@' || after == '.' || after == '_' || after == '+' ||
                               after == '-' || after == '%';
      const size_t email_end = maybe_email ? tokenizer_detail::match_email(t_, i, end) : 0;
      if (email_end != 0) {
        tok = Token();
        tok.kind = TokenKind::Email;
        end = email_end;
        lower_copy(i, end, &tok.norm);
      } else if (after == '.' && i >= no_domain_before_ &&
                 (tok.kind == TokenKind::Word || tok.kind == TokenKind::OrderId)) {
        size_t dead_until = 0;
        const size_t domain_end = tokenizer_detail::match_bare_domain(t_, i, end, &dead_until);
        if (domain_end == 0) no_domain_before_ = dead_until;
        if (domain_end != 0) {
          tok = Token();
          tok.kind = TokenKind::Url;
          end = domain_end;
          lower_copy(i, end, &tok.norm);
        }
      }
    } else if (c.cls == CharClass::Emoji || c.cls == CharClass::Regional ||
               (c.cls == CharClass::EmojiText && t_.at(i + c.len).cp == 0xFE0F) ||
               (c.cls == CharClass::EmojiPart && c.cp >= 0x1F3FB && c.cp <= 0x1F3FF)) {
      tok.kind = TokenKind::Emoji;
      end = tokenizer_detail::scan_emoji(t_, i, &tok.norm);
    } else if (c.cls == CharClass::EmojiPart) {
      return i + c.len;  // a stray joiner or selector carries nothing
    } else if ((c.cp == '@' || c.cp == '#') &&
               (end = tokenizer_detail::match_tag(t_, i, &tok.kind)) != 0) {
      lower_copy(i, end, &tok.norm);
    } else {
      end = scan_punct(i, c, &tok);
    }
    tok.span = Span{static_cast<uint32_t>(i), static_cast<uint32_t>(end)};
    emit(std::move(tok), c.cp);
    return end;
  }

  void lower_copy(size_t b, size_t e, std::string* norm) {
    norm->reserve(e - b);
    for (size_t p = b; p < e;) {
      const Char c = t_.at(p);
      append_utf8(*norm, simple_lower(c.cp));
      p += c.len;
    }
  }

  // Letters, digits and marks with inner apostrophes, hyphens, number
  // separators and dotted initials ("e.g."); decides Word/Number/OrderId.
  size_t scan_word(size_t i, Token* tok) {
    std::string& norm = tok->norm;
    bool has_letter = false, has_digit = false, has_hyphen = false, elongated = false;
    int upper = 0, lower = 0, seg_letters = 0, dotted = 0;
    uint32_t last = 0, first_letter = 0;
    int run = 0;
    size_t j = i;
    const char* data = t_.data();
    while (j < t_.size()) {
      // Fast path for ASCII letters, the bulk of any chat text.
      const uint8_t ab = static_cast<uint8_t>(data[j]);
      const bool is_low = static_cast<uint8_t>(ab - 'a') < 26;
      if (is_low || static_cast<uint8_t>(ab - 'A') < 26) {
        const uint32_t lc = is_low ? ab : ab + 32;
        has_letter = true;
        if (first_letter == 0) first_letter = ab;
        lower += is_low;
        upper += !is_low;
        ++seg_letters;
        run = (lc == last) ? run + 1 : 1;
        last = lc;
        if (run >= 3) {
          elongated = true;
        } else {
          norm.push_back(static_cast<char>(lc));
        }
        ++j;
        continue;
      }
      const Char c = t_.at(j);
      if (is_word_char(c.cls)) {
        if (c.cls == CharClass::Digit) {
          has_digit = true;
          last = 0;
          norm.push_back(static_cast<char>(c.cp));
          seg_letters = 100;  // digits break the dotted-initials pattern
        } else {
          const bool ascii = c.cp < 0x80;
          const bool up = ascii ? (c.cp <= 'Z') : is_upper_letter(c.cp);
          if (c.cls == CharClass::Letter) {
            has_letter = true;
            if (first_letter == 0) first_letter = c.cp;
            upper += up;
            lower += ascii ? !up : is_lower_letter(c.cp);
          }
          ++seg_letters;
          const uint32_t lc = ascii ? (up ? c.cp + 32 : c.cp) : simple_lower(c.cp);
          run = (lc == last) ? run + 1 : 1;
          last = lc;
          if (run >= 3 && c.cls == CharClass::Letter) {
            elongated = true;
          } else if (lc < 0x80) {
            norm.push_back(static_cast<char>(lc));
          } else {
            append_utf8(norm, lc);
          }
        }
        j += c.len;
        continue;
      }
      const Char n = t_.at(j + c.len);
      if (is_apostrophe(c.cp) && has_letter && n.cls == CharClass::Letter) {
        norm.push_back('\'');
      } else if (c.cp == 0x200D && has_letter && n.cls == CharClass::Letter) {
        append_utf8(norm, c.cp);  // ZWJ inside Indic/Arabic-script words
      } else if (c.cp == '-' && is_word_char(n.cls) && !norm.empty() && norm.back() != '-') {
        norm.push_back('-');
        has_hyphen = true;
      } else if ((c.cp == '.' || c.cp == ',' || c.cp == '/' || c.cp == ':') && has_digit &&
                 !has_letter && n.cls == CharClass::Digit &&
                 (c.cp != ',' || thousands_group(j + 1))) {
        norm.push_back(static_cast<char>(c.cp));
      } else if (c.cp == '.' && seg_letters == 1 && !has_digit && n.cls == CharClass::Letter &&
                 n.cp < 0x80 && t_.at(j + 2).cp == '.') {
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
    if (dotted > 0 && t_.at(j).cp == '.') {
      norm.push_back('.');
      ++j;
    }
    // Greek capital sigma lower-cases to final sigma at the end of a word.
    if (last == 0x3C3 && j - i > 2 && t_.before(j).cp == 0x3A3) {
      norm.resize(norm.size() - 2);
      append_utf8(norm, 0x3C2);
    }
    if (has_digit && !has_letter) {
      tok->kind = TokenKind::Number;
      tok->norm.assign(t_.data() + i, j - i);  // as written: "1,000"
    } else if (has_digit) {
      size_t k = 0;
      while (k < norm.size() && ((norm[k] >= '0' && norm[k] <= '9') || norm[k] == '.')) ++k;
      const bool suffix = k > 0 && k < norm.size() && norm[0] != '.' &&
                          is_number_suffix(std::string_view(norm).substr(k));
      if (suffix) {
        tok->kind = TokenKind::Number;
      } else if (has_hyphen || j - i >= 4) {
        tok->kind = TokenKind::OrderId;
      } else {
        tok->kind = TokenKind::Word;
      }
    } else {
      tok->kind = TokenKind::Word;
      if (upper >= 2 && lower == 0) {
        tok->flags |= kAllCaps;
      } else if (first_letter != 0 && is_upper_letter(first_letter)) {
        tok->flags |= kCapitalized;
      }
      if (elongated) tok->flags |= kElongated;
    }
    return j;
  }

  // After a ',' inside digits: exactly three digits follow.
  bool thousands_group(size_t p) const {
    for (size_t k = 0; k < 3; ++k)
      if (t_.at(p + k).cls != CharClass::Digit) return false;
    return t_.at(p + 3).cls != CharClass::Digit;
  }

  // A run of sentence-ending marks ("?!?!", "...") or of one repeated
  // punctuation/symbol character ("---", "$$"); the norm is capped.
  size_t scan_punct(size_t i, Char c, Token* tok) {
    const bool terminal = is_terminal(c.cp);
    tok->kind = (!terminal && (c.cls == CharClass::Symbol || c.cls == CharClass::EmojiText))
                    ? TokenKind::Symbol
                    : TokenKind::Punct;
    size_t j = i;
    size_t ones_until = 0;
    while (j < t_.size()) {
      Char d = t_.at(j);
      // "!!!1", "!!11": the shifted-'1' typo of an excited run stays part of
      // it when the run of '!' and '1' ends before a non-word character.
      if (terminal && d.cp == '1' && ones_until <= j && j - i >= 2 && t_.byte(j - 1) == '!') {
        size_t k = j;
        while (t_.byte(k) == '1' || t_.byte(k) == '!') ++k;
        if (!tokenizer_detail::is_word_class(t_.at(k).cls)) ones_until = k;
      }
      const bool bang_one = d.cp == '1' && j < ones_until;
      if (!bang_one && (terminal ? !is_terminal(d.cp) : d.cp != c.cp)) break;
      if (bang_one) d = Char{'!', 1, CharClass::Punct};
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

  enum class Pending { None, Terminal, Newline };

  void emit(Token&& tok, uint32_t first_cp) {
    if (pending_ != Pending::None && sentence_open_) {
      // Closing quotes, and emoji/emoticons on the same line right after "!",
      // still belong to the sentence that just ended ("Thanks! 😊").
      const bool attach =
          pending_ == Pending::Terminal &&
          ((tok.kind == TokenKind::Punct && is_closing(first_cp)) ||
           tok.kind == TokenKind::Emoji || tok.kind == TokenKind::Emoticon);
      if (!attach) close_sentence();
    }
    if (!sentence_open_) {
      sentence_open_ = true;
      current_ = Span{tok.span.begin, tok.span.end};
    }
    current_.end = tok.span.end;
    tok.sentence = sentence_index_;
    const bool ends = tok.kind == TokenKind::Punct && ends_sentence(tok);
    out_.tokens.push_back(std::move(tok));
    if (ends) pending_ = Pending::Terminal;
  }

  bool ends_sentence(const Token& tok) const {
    if (!is_terminal(static_cast<uint8_t>(tok.norm[0])) || tok.norm[0] == '\'') return false;
    const size_t end = tok.span.end;
    const bool only_dots = tok.norm.find_first_not_of('.') == std::string::npos;
    if (only_dots && tok.norm.size() == 1) {
      // "Mr. Smith"; "file.txt" (no space after the dot).
      if (!out_.tokens.empty()) {
        const Token& prev = out_.tokens.back();
        if (prev.kind == TokenKind::Word && prev.span.end == tok.span.begin &&
            is_abbreviation(prev.norm))
          return false;
      }
      // "file.txt" (no space after the dot) continues, unless a capitalized
      // word follows: "wait.What".
      const Char next = t_.at(end);
      if (next.cls == CharClass::Digit) return false;
      if (next.cls == CharClass::Letter &&
          !(is_upper_letter(next.cp) && is_lower_letter(t_.at(end + next.len).cp)))
        return false;
    } else if (only_dots) {
      // "well... ok" continues; "Waited... Nobody came" is a new sentence.
      size_t p = end;
      while (p < t_.size() && t_.at(p).cls == CharClass::Space) p += t_.at(p).len;
      if (p < t_.size() && is_lower_letter(t_.at(p).cp)) return false;
    }
    return true;
  }

  void close_sentence() {
    if (sentence_open_) {
      out_.sentences.push_back(current_);
      if (sentence_index_ < UINT16_MAX) ++sentence_index_;
    }
    sentence_open_ = false;
    pending_ = Pending::None;
  }

  Text t_;
  Tokenized& out_;
  size_t no_domain_before_ = 0;  // see match_bare_domain
  Span current_;
  bool sentence_open_ = false;
  Pending pending_ = Pending::None;
  uint16_t sentence_index_ = 0;
};

}  // namespace

Tokenized tokenize(std::string_view text) {
  Tokenized out;
  Tokenizer(text, out).run();
  return out;
}

const char* token_kind_name(TokenKind kind) {
  switch (kind) {
    case TokenKind::Word: return "word";
    case TokenKind::Number: return "number";
    case TokenKind::OrderId: return "order_id";
    case TokenKind::Emoji: return "emoji";
    case TokenKind::Emoticon: return "emoticon";
    case TokenKind::Url: return "url";
    case TokenKind::Email: return "email";
    case TokenKind::Mention: return "mention";
    case TokenKind::Hashtag: return "hashtag";
    case TokenKind::Punct: return "punct";
    case TokenKind::Symbol: return "symbol";
  }
  return "symbol";
}

}  // namespace rapport

// Single-pass tokenizer for chat text. Each position is tried against the
// token shapes in a fixed order (keycap, URL, emoticon, word/number/email,
// emoji, mention/hashtag, punctuation); the first shape that matches wins.
// No regex and no allocation beyond the token vector and each token's norm.
#include "text/tokenizer.h"

#include "text/tokenizer_patterns.h"
#include "text/utf8.h"
#include "text/word_table.h"

namespace rapport {
namespace {

using tokenizer_detail::Char;
using tokenizer_detail::is_terminal;
using tokenizer_detail::Text;

// Closing punctuation after a sentence end still belongs to that sentence.
bool is_closing(uint32_t cp) {
  return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == '}' || cp == 0x2019 ||
         cp == 0x201D || cp == 0x00BB;
}

// Words after which a single '.' does not end a sentence ("Mr. Smith").
bool is_abbreviation(std::string_view w) {
  static constexpr std::string_view kAbbrev[] = {
      "mr", "mrs", "ms", "mx", "dr", "prof", "sr", "jr", "st", "vs", "approx", "dept", "est",
      "fig", "inc", "ltd", "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
      "dec", "no", "nr", "tel", "ext", "min", "max"};
  if (w.size() < 2 || w.size() > 6) return false;
  for (std::string_view a : kAbbrev)
    if (same_text(w, a)) return true;  // inline: wasm's memcmp is a byte-loop call
  return false;
}

// First bytes of the emoticons in tokenizer_emoticons.cc.
constexpr bool kEmoticonStartAt(uint8_t c) {
  return c == ':' || c == ';' || c == '=' || c == '>' || c == '<' || c == 'x' || c == 'X' ||
         c == '^' || c == '-' || c == 'T' || c == 'o' || c == 'O' || c == '0' || c == '.' ||
         c == '8' || c == 'B';
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
    if (sentence_open_) out_.sentences.push_back(current_);
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
    const bool maybe_emoticon = (kEmoticonStart[b & 0x7F] && b < 0x80) || b == 0xC2;  // ¯
    if (maybe_keycap && (end = tokenizer_detail::match_keycap(t_, i, &tok.norm)) != 0) {
      tok.kind = TokenKind::Emoji;
    } else if (maybe_url && (end = tokenizer_detail::match_url(t_, i)) != 0) {
      tok.kind = TokenKind::Url;
      tokenizer_detail::lower_copy(t_, i, end, &tok.norm);
    } else if (maybe_emoticon &&
               (end = tokenizer_detail::match_emoticon(t_, i, &tok.norm)) != 0) {
      tok.kind = TokenKind::Emoticon;
    } else if (tokenizer_detail::is_word_class(c.cls)) {
      end = tokenizer_detail::scan_word(t_, i, &tok);
      const uint8_t after = t_.byte(end);
      const bool maybe_email = after == '@' || after == '.' || after == '_' || after == '+' ||
                               after == '-' || after == '%';
      const size_t email_end = maybe_email ? tokenizer_detail::match_email(t_, i, end) : 0;
      if (email_end != 0) {
        tok = Token();
        tok.kind = TokenKind::Email;
        end = email_end;
        tokenizer_detail::lower_copy(t_, i, end, &tok.norm);
      } else if (after == '.' && i >= no_domain_before_ &&
                 (tok.kind == TokenKind::Word || tok.kind == TokenKind::OrderId)) {
        size_t dead_until = 0;
        const size_t domain_end = tokenizer_detail::match_bare_domain(t_, i, end, &dead_until);
        if (domain_end == 0) no_domain_before_ = dead_until;
        if (domain_end != 0) {
          tok = Token();
          tok.kind = TokenKind::Url;
          end = domain_end;
          tokenizer_detail::lower_copy(t_, i, end, &tok.norm);
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
      tokenizer_detail::lower_copy(t_, i, end, &tok.norm);
    } else {
      end = tokenizer_detail::scan_punct(t_, i, &tok);
    }
    tok.span = Span{static_cast<uint32_t>(i), static_cast<uint32_t>(end)};
    emit(std::move(tok), c.cp);
    return end;
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
    // wraps to 0 ("not set") at most; ASCII words come with it from scan_word
    if (tok.norm_hash_plus1 == 0) tok.norm_hash_plus1 = lexicon_hash(tok.norm) + 1;
    if (tok.kind == TokenKind::Word) {
      // One probe for every word list; the stages read tok.facts.
      tok.facts = lookup_word_facts(tok.norm, tok.norm_hash_plus1 - 1);
      tok.flags |= kFactsKnown;
    }
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

  // Past 65,535 sentences (only possible without sanitize_utf8's limit) the
  // last one absorbs the rest, so every token still lies inside its sentence.
  void close_sentence() {
    pending_ = Pending::None;
    if (!sentence_open_ || sentence_index_ == UINT16_MAX) return;
    out_.sentences.push_back(current_);
    ++sentence_index_;
    sentence_open_ = false;
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

void tokenize_into(std::string_view text, Tokenized* out) {
  out->tokens.clear();
  out->sentences.clear();
  Tokenizer(text, *out).run();
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

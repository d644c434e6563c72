// Tokenizer for real chat text: words with contractions, emoji sequences,
// emoticons, URLs, emails, @mentions, #hashtags, numbers, order ids,
// punctuation runs, ALL-CAPS and elongated words, sentence boundaries.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/lexicon_data.h"
#include "text/text.h"
#include "text/word_facts.h"

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
  kFactsKnown = 1 << 3,  // `facts` holds the word's WordFacts (tokenize sets it for words)
};

struct Token {
  TokenKind kind = TokenKind::Symbol;
  uint8_t flags = 0;
  uint16_t sentence = 0;  // index of the sentence this token belongs to
  Span span;              // bytes in the source text
  // Lower-cased form used for lookups. Curly apostrophes become "'", letter
  // runs of 3+ collapse to 2 ("sooo" -> "soo"); for Punct it is the run itself.
  // By kind:
  //  Word/OrderId/Hashtag/Mention/Url/Email: lower-cased text ("#fail", "@bob").
  //  Number: the text as written ("1,000", "3.5", "24/7", "10am" -> "10am").
  //  Emoji: the sequence without variation selectors (U+FE0E/FE0F) and without
  //    skin-tone modifiers, so "👍🏽" -> "👍" and "❤️" -> "❤"; ZWJ sequences,
  //    flags and keycaps ("1" U+20E3) stay whole.
  //  Emoticon: canonical form: nose '-' dropped, repeated mouth collapsed,
  //    mouth letters upper-cased, x-eyes lower-cased: ":-)))" -> ":)",
  //    ";-)" -> ";)", ":p" -> ":P", "XD" -> "xD", "<333" -> "<3", "B-)" -> "8)",
  //    ":'(" stays, the shrug is "¯\_(ツ)_/¯".
  //  Punct: the run, "…" as "...", fullwidth ！？。 as ASCII, curly quotes as
  //    ' and ", capped at kMaxPunctNorm bytes ("!!!!!!!!!!" -> "!!!!!!!!").
  //    The run length is still span.end - span.begin.
  //  Symbol: the character(s) as written, capped like Punct.
  std::string norm;
  // lexicon_hash(norm) + 1, set by tokenize() so every table (lexicon, word
  // roles, cues, language, emotions) probes with one hash per token; 0 = not
  // set. Read it through norm_hash().
  uint32_t norm_hash_plus1 = 0;
  // Word tokens: the word lists' facts about norm, looked up once by
  // tokenize (flag kFactsKnown; a flag, not a bool, keeps a Token at 32
  // bytes in wasm). Read them through word_facts().
  WordFacts facts;
};

inline uint32_t norm_hash(const Token& t) {
  return t.norm_hash_plus1 ? t.norm_hash_plus1 - 1 : lexicon_hash(t.norm);
}

inline WordFacts word_facts(const Token& t) {
  return (t.flags & kFactsKnown) ? t.facts : lookup_word_facts(t.norm, norm_hash(t));
}

// Longest norm kept for a punctuation or symbol run (bounded work and memory
// for input such as 100,000 '!').
constexpr size_t kMaxPunctNorm = 8;

// Sentences end at a newline and after a run of . ! ? … (and fullwidth
// forms), except: a single '.' after an abbreviation ("Mr.", "vs.") or glued to
// the next word ("file.txt", but "wait.What" does end); "..." followed by a
// lower-case word ("well... ok"). "3.5", "e.g.", "U.S." and URLs hold no
// boundary because they are single tokens. Closing quotes/brackets, and emoji
// or emoticons on the same line right after the end ("Thanks! 😊"), belong to
// the sentence that just ended. After 65,535 sentences the last one takes the
// rest (unreachable within kMaxAnalyzedBytes).
struct Tokenized {
  std::vector<Token> tokens;
  std::vector<Span> sentences;  // byte spans of the sentences, in order
};

// `text` must be valid UTF-8 (see sanitize_utf8). Never throws on content.
Tokenized tokenize(std::string_view text);

// The same tokens into `out`, cleared first, reusing its capacity (the
// analyzer keeps one Tokenized per thread instead of allocating per message).
void tokenize_into(std::string_view text, Tokenized* out);

const char* token_kind_name(TokenKind kind);

}  // namespace rapport

// Pass 1 of the lexicon sentiment: which tokens carry valence (words,
// phrases, emoji, emoticons), which modify others (negators, boosters,
// contrast words) and where clauses break. The rules live in sentiment.cc.
#include "analysis/sentiment_slots.h"

#include <algorithm>

#include "text/word_table.h"

namespace rapport {
namespace sentiment_detail {
namespace {

std::string_view lookup_norm(const Token& t) {
  std::string_view n = t.norm;
  if (t.kind == TokenKind::Hashtag && !n.empty() && n[0] == '#') n.remove_prefix(1);
  return n;
}

// Longest phrase starting at word token i over consecutive word norms.
// `*word` gets the lexicon entry of token i's norm itself (term and/or
// phrase prefix), so the caller need not look it up again.
uint32_t match_phrase(const std::vector<Token>& toks, size_t i, const LexiconEntry** found,
                      const LexiconEntry** word) {
  *word = find_lexicon_entry(toks[i].norm, norm_hash(toks[i]));
  if (!*word || !((*word)->flags & kLexiconPhrasePrefix)) return 0;
  char buf[96];
  size_t len = 0;
  uint32_t best_end = 0;
  for (size_t j = i; j < toks.size() && j < i + kMaxPhraseWords; ++j) {
    if (toks[j].kind != TokenKind::Word) break;
    const std::string& n = toks[j].norm;
    if (len + n.size() + 1 >= sizeof(buf)) break;
    if (j > i) buf[len++] = ' ';
    std::copy(n.begin(), n.end(), buf + len);
    len += n.size();
    const LexiconEntry* e = j > i ? find_lexicon_entry(std::string_view(buf, len)) : *word;
    if (!e) break;
    if (j > i && (e->flags & kLexiconTerm)) {
      *found = e;
      best_end = static_cast<uint32_t>(j + 1);
    }
    if (!(e->flags & kLexiconPhrasePrefix)) break;
  }
  return best_end;
}

// The tokenizer's canonical emoticons have upper-case mouths (":D", "xD");
// the lexicon keys are lower case.
const LexiconEntry* find_emoticon(std::string_view norm) {
  char buf[16];
  if (norm.size() > sizeof(buf)) return nullptr;
  for (size_t i = 0; i < norm.size(); ++i)
    buf[i] = (norm[i] >= 'A' && norm[i] <= 'Z') ? static_cast<char>(norm[i] + 32) : norm[i];
  return find_lexicon_word(std::string_view(buf, norm.size()));
}

// "like" is mostly a preposition or filler in chat ("looks like", "like 5
// times"); it is the verb, and carries valence, after a subject or adverb.
bool like_is_a_verb(const std::vector<Token>& toks, size_t i) {
  std::string_view w = toks[i].norm;
  if (!same_text(w, "like") && !same_text(w, "likes") && !same_text(w, "liked")) return true;
  if (i == 0) return false;
  std::string_view p = toks[i - 1].norm;
  static constexpr std::string_view kSubjects[] = {
      "i", "we", "you", "they", "he", "she", "who", "really", "also", "just", "do", "did",
      "does", "would", "i'd", "we'd", "you'd", "they'd", "totally", "definitely", "still",
      "everyone", "everybody", "people", "to"};
  for (std::string_view s : kSubjects)
    if (p == s) return true;
  return word_role(p) == WordRole::Negator;
}

// "Super Eagles", "The Walking Dead", "Foo Fighters": a capitalized word
// inside a sentence next to another capitalized word is most likely part of a
// name, whose words say nothing about the writer's mood.
bool inside_a_name(const std::vector<Token>& toks, size_t i) {
  auto capitalized = [&](size_t k) {
    return toks[k].kind == TokenKind::Word && (toks[k].flags & kCapitalized) &&
           k > 0 && toks[k - 1].sentence == toks[k].sentence &&
           toks[k - 1].kind != TokenKind::Punct;
  };
  if (!capitalized(i)) return false;
  return (i > 0 && capitalized(i - 1)) || (i + 1 < toks.size() && capitalized(i + 1));
}

// "hahahaha", "hehehe", "ahahah": laughter of any length reads as VADER's
// "hahaha" (VADER lists only a few fixed lengths).
bool is_laughter(std::string_view w) {
  if (w.size() < 6) return false;
  size_t vowels = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    bool vowel = w[i] == 'a' || w[i] == 'e';
    if (!vowel && w[i] != 'h') return false;
    if (i > 0 && vowel == (w[i - 1] == 'a' || w[i - 1] == 'e')) return false;  // must alternate
    vowels += vowel;
  }
  return vowels >= 3;
}

bool has_clause_punct(std::string_view p, int* exclamations, int* questions) {
  bool brk = false;
  for (char c : p) {
    if (c == '!') ++*exclamations;
    if (c == '?') ++*questions;
    if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '(' ||
        c == ')')
      brk = true;
  }
  return brk;
}

}  // namespace

bool is_wordish(TokenKind k) { return k == TokenKind::Word || k == TokenKind::Hashtag; }

// Roles, phrases and lexicon entries for every token.
void classify_tokens(const std::vector<Token>& toks, std::vector<Slot>& slots,
                     MessageCounts* counts) {
  int* excl = &counts->exclamations;
  int* quest = &counts->questions;
  for (size_t i = 0; i < toks.size(); ++i) {
    const Token& t = toks[i];
    Slot& s = slots[i];
    if (t.kind == TokenKind::Word) {
      ++counts->words;
      if (t.flags & kAllCaps) ++counts->caps;
    }
    if (s.consumed) continue;
    s.item_end = static_cast<uint32_t>(i + 1);
    switch (t.kind) {
      case TokenKind::Punct: s.clause_break = has_clause_punct(t.norm, excl, quest); break;
      case TokenKind::Emoji: s.entry = find_lexicon_emoji(t.norm); break;
      case TokenKind::Emoticon: s.entry = find_emoticon(t.norm); break;
      case TokenKind::Word:
      case TokenKind::Hashtag: {
        const LexiconEntry* phrase = nullptr;
        const LexiconEntry* word = nullptr;  // looked up already when a Word
        bool looked_up = false;
        if (t.kind == TokenKind::Word) {
          looked_up = true;
          if (uint32_t end = match_phrase(toks, i, &phrase, &word)) {
            s.entry = phrase;
            s.item_end = end;
            for (size_t j = i + 1; j < end; ++j) slots[j].consumed = true;
            break;
          }
          // Two-word dampeners: "kind of", "sort of", "a bit", "a little".
          std::string_view next = i + 1 < toks.size() ? std::string_view(toks[i + 1].norm) : "";
          // same_text, not ==: inline compares (wasm's memcmp is a byte-loop call)
          const std::string_view w = t.norm;
          if (((same_text(w, "kind") || same_text(w, "sort")) && same_text(next, "of")) ||
              (same_text(w, "a") && (same_text(next, "bit") || same_text(next, "little") ||
                                     same_text(next, "tad")))) {
            s.role = WordRole::Dampener;
            slots[i + 1].consumed = true;
            break;
          }
        }
        std::string_view n = lookup_norm(t);
        // A Word's lookup norm is its whole norm, whose hash the tokenizer knows.
        s.role = (t.flags & kElongated) ? elongated_word_role(n)
                 : t.kind == TokenKind::Word ? role_with_nt_rule(word_facts(t).role, n)
                                             : word_role(n);
        if (s.role == WordRole::None || s.role == WordRole::Booster) {
          if (t.flags & kElongated) s.entry = find_elongated_word(n);
          else if (looked_up) s.entry = word && (word->flags & kLexiconTerm) ? word : nullptr;
          else s.entry = find_lexicon_word(n);
        }
        if (!s.entry && s.role == WordRole::None && is_laughter(n))
          s.entry = find_lexicon_word("hahaha");
        if (s.entry && (!like_is_a_verb(toks, i) || inside_a_name(toks, i))) s.entry = nullptr;
        break;
      }
      default: break;
    }
  }
  // A booster that is also a lexicon word ("pretty", "super") boosts when a
  // valenced word follows and is a word of its own otherwise.
  // (Backwards, so the first token left with an entry is the last item.)
  for (size_t i = toks.size(); i-- > 0;) {
    Slot& s = slots[i];
    if (s.role == WordRole::Booster && s.entry) {
      size_t j = i + 1;
      bool boosts = j < toks.size() && slots[j].entry && slots[j].role == WordRole::None;
      if (boosts) s.entry = nullptr; else s.role = WordRole::None;
    }
    if (s.entry && counts->last_item == SIZE_MAX) counts->last_item = i;
  }
}

}  // namespace sentiment_detail
}  // namespace rapport

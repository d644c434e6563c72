// Support cues by phrase tables over token norms (see cue_phrases.cc).
// Matching on tokens, not bytes, means a phrase never matches inside a word
// ("sue" is not found in "issue") and case, curly apostrophes and elongation
// are already normalized by the tokenizer.
#include "analysis/cues.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "analysis/cue_phrases.h"
#include "text/word_table.h"

namespace rapport {
namespace {

constexpr int kMaxPhraseWords = 7;

// What each cue says about the customer, shown as the evidence note.
const char* const kCueNotes[kCueKindCount] = {"time pressure",         "may leave",
                                              "threatens to escalate", "has asked before",
                                              "does not understand",   "thanks you"};
constexpr size_t kMaxSpansPerCue = 8;
// Cues weaker than this are not reported: a lone weak hint (weight < 0.3 in
// cue_phrases.cc) needs company to count.
constexpr float kMinCueStrength = 0.3f;
constexpr uint32_t kMaxPunctSpanBytes = 8;  // a 64 KB "!!!!" run is shown as "!!!!!!!!"

const std::string_view kCountWords[] = {
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "fifteen", "twenty", "several", "multiple", "many", "numerous", "countless", "dozen"};
const std::string_view kOrdinalWords[] = {
    "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
    "twelfth", "twentieth", "hundredth", "millionth", "nth", "umpteenth", "gazillionth"};

// "cue:<id>" per cue, built once (evidence items name their cue this way).
const std::string& cue_source(int c) {
  static const std::array<std::string, kCueKindCount> sources = [] {
    std::array<std::string, kCueKindCount> out;
    for (int k = 0; k < kCueKindCount; ++k) out[k] = std::string("cue:") + kCueIds[k];
    return out;
  }();
  return sources[c];
}

bool in_list(std::string_view s, const std::string_view* begin, const std::string_view* end) {
  for (const std::string_view* w = begin; w != end; ++w)
    if (same_text(*w, s)) return true;
  return false;
}

// What a phrase word stands for: itself, or a slot ("#" a count, "#th" an
// ordinal, "@" a name, "*" any word). Decided once when the table is built,
// not by four string compares per token tried.
enum class Slot : uint8_t { Literal, Count, Ordinal, Name, AnyWord };

Slot slot_of(std::string_view word) {
  if (word == "#") return Slot::Count;
  if (word == "#th") return Slot::Ordinal;
  if (word == "@") return Slot::Name;
  if (word == "*") return Slot::AnyWord;
  return Slot::Literal;
}

struct CompiledPhrase {
  CueKind cue;
  float weight;
  bool blocks;
  int count;
  std::array<std::string_view, kMaxPhraseWords> words;
  std::array<Slot, kMaxPhraseWords> slots;
  std::array<uint32_t, kMaxPhraseWords> hashes;  // lexicon_hash of each word
};

struct PhraseIndex {
  std::vector<CompiledPhrase> phrases;
  // First word -> index into `groups`, the phrases that start with it.
  WordTable by_first;
  std::vector<std::vector<uint16_t>> groups;
  // One bit per first word's lexicon_hash (low 12 bits): most tokens start
  // no phrase, and this 512-byte filter stays in cache where a probe of
  // by_first often misses it. No false negatives, so the same groups.
  std::array<uint64_t, 64> first_bits{};

  bool may_start(uint32_t key_hash) const {
    return (first_bits[(key_hash >> 6) & 63] >> (key_hash & 63)) & 1;
  }

  void index_under(std::string_view word, uint16_t phrase) {
    const uint32_t h = lexicon_hash(word);
    first_bits[(h >> 6) & 63] |= uint64_t{1} << (h & 63);
    uint32_t g = by_first.find(word);
    if (g == WordTable::kMissing) {
      g = static_cast<uint32_t>(groups.size());
      groups.emplace_back();
      by_first.add(word, g);
    }
    groups[g].push_back(phrase);
  }
};

const PhraseIndex& phrase_index() {
  static const PhraseIndex index = [] {
    PhraseIndex built;
    built.phrases.reserve(kCuePhraseCount);
    for (int i = 0; i < kCuePhraseCount; ++i) {
      const CuePhrase& src = kCuePhrases[i];
      CompiledPhrase p{src.cue, src.weight, src.blocks, 0, {}, {}, {}};
      std::string_view rest(src.words);
      while (!rest.empty() && p.count < kMaxPhraseWords) {
        size_t space = rest.find(' ');
        p.words[p.count] = rest.substr(0, space);
        p.slots[p.count] = slot_of(p.words[p.count]);
        p.hashes[p.count] = lexicon_hash(p.words[p.count]);
        ++p.count;
        rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
      }
      uint16_t id = static_cast<uint16_t>(built.phrases.size());
      built.index_under(p.words[0], id);
      // A phrase opening with a count/ordinal slot is also indexed under each
      // number word, so lookups stay one hash probe per token.
      if (p.words[0] == "#")
        for (std::string_view w : kCountWords) built.index_under(w, id);
      if (p.words[0] == "#th")
        for (std::string_view w : kOrdinalWords) built.index_under(w, id);
      built.phrases.push_back(p);
    }
    return built;
  }();
  return index;
}

bool is_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

bool is_count(const Token& t) {
  if (t.kind == TokenKind::Number) return is_digits(t.norm);  // "3", not "3rd" or "5/5"
  return t.kind == TokenKind::Word && in_list(t.norm, std::begin(kCountWords), std::end(kCountWords));
}

// Ordinals of three or more: "third", "5th", "nth" ("second" has its own phrase).
bool is_ordinal(const Token& t) {
  std::string_view n = t.norm;
  if (in_list(n, std::begin(kOrdinalWords), std::end(kOrdinalWords))) return true;
  if (n.size() < 3) return false;
  std::string_view digits = n.substr(0, n.size() - 2), suffix = n.substr(n.size() - 2);
  if (!is_digits(digits) || !(suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th"))
    return false;
  return digits.size() > 1 || digits[0] >= '3';
}

bool is_name_like(const Token& t) {
  if (t.kind == TokenKind::Mention || t.kind == TokenKind::Hashtag) return true;
  return (t.kind == TokenKind::Word || t.kind == TokenKind::OrderId) &&
         (t.flags & (kCapitalized | kAllCaps)) && t.norm != "i";
}

// Does word `k` of phrase `p` match token `t`?
bool word_matches(const CompiledPhrase& p, int k, const Token& t) {
  switch (p.slots[k]) {
    case Slot::Count: return is_count(t);
    case Slot::Ordinal: return is_ordinal(t);
    case Slot::Name: return is_name_like(t);
    case Slot::AnyWord: return t.kind == TokenKind::Word;
    case Slot::Literal: break;
  }
  const std::string_view word = p.words[k];
  if (t.kind == TokenKind::Emoji)  // skin tones and variation selectors follow the base
    return t.norm.size() >= word.size() && same_bytes(t.norm.data(), word.data(), word.size());
  // Equal norms have equal hashes: most tokens are rejected without a compare.
  return norm_hash(t) == p.hashes[k] && same_text(t.norm, word);
}

bool can_join_phrase(const Token& t) {
  switch (t.kind) {
    case TokenKind::Word: case TokenKind::Number: case TokenKind::OrderId:
    case TokenKind::Emoji: case TokenKind::Mention: case TokenKind::Hashtag:
      return true;
    default:
      return false;
  }
}

struct Match {
  CueKind cue;
  float weight;
  uint32_t first, last;  // token range [first, last)
  Span span;
};

// Does phrase `p` match the tokens starting at `i`? Phrases stay in one sentence.
bool matches_at(const CompiledPhrase& p, const std::vector<Token>& toks, size_t i) {
  if (i + p.count > toks.size()) return false;
  for (int k = 0; k < p.count; ++k) {
    const Token& t = toks[i + k];
    if (!can_join_phrase(t) || t.sentence != toks[i].sentence) return false;
    if (!word_matches(p, k, t)) return false;
  }
  return true;
}

void collect_phrase_matches(const Tokenized& tokenized, std::vector<Match>* accepted,
                            std::vector<Match>* blockers) {
  const PhraseIndex& index = phrase_index();
  const std::vector<Token>& toks = tokenized.tokens;
  std::array<uint32_t, kCueKindCount> covered_until{};  // per cue: no overlaps
  for (size_t i = 0; i < toks.size(); ++i) {
    if (!can_join_phrase(toks[i])) continue;
    std::array<int, kCueKindCount> best;  // longest positive match per cue at i
    best.fill(-1);
    bool any_best = false;
    auto consider = [&](std::string_view key, uint32_t key_hash) {
      if (!index.may_start(key_hash)) return;
      uint32_t group = index.by_first.find(key, key_hash);
      if (group == WordTable::kMissing) return;
      // The next token's hash, if it can be a phrase's literal second word:
      // most phrases of a common first word ("not", "still") fail there, and
      // a hash mismatch rejects them as matches_at would, only sooner.
      // No phrase of two or more words can match if the next token cannot join.
      const bool next_joins = i + 1 < toks.size() && can_join_phrase(toks[i + 1]) &&
                              toks[i + 1].sentence == toks[i].sentence;
      const bool next_hashed = next_joins && toks[i + 1].kind != TokenKind::Emoji;
      const uint32_t next_hash = next_hashed ? norm_hash(toks[i + 1]) : 0;
      for (uint16_t id : index.groups[group]) {
        const CompiledPhrase& p = index.phrases[id];
        if (p.count >= 2) {
          if (!next_joins) continue;
          if (next_hashed && p.slots[1] == Slot::Literal && p.hashes[1] != next_hash) continue;
        }
        if (!matches_at(p, toks, i)) continue;
        Span span{toks[i].span.begin, toks[i + p.count - 1].span.end};
        Match m{p.cue, p.weight, static_cast<uint32_t>(i), static_cast<uint32_t>(i + p.count), span};
        int c = static_cast<int>(p.cue);
        if (p.blocks) {
          blockers->push_back(m);
        } else if (best[c] < 0 || p.count > index.phrases[best[c]].count ||
                   (p.count == index.phrases[best[c]].count && p.weight > index.phrases[best[c]].weight)) {
          best[c] = id;
          any_best = true;
        }
      }
    };
    consider(toks[i].norm, norm_hash(toks[i]));
    // Slot-led phrases for digit tokens ("3 times now", "5th time"); number
    // words were indexed under their own spelling.
    if (toks[i].kind == TokenKind::Number && is_count(toks[i])) consider("#", lexicon_hash("#"));
    if (!toks[i].norm.empty() && toks[i].norm[0] >= '0' && toks[i].norm[0] <= '9' && is_ordinal(toks[i]))
      consider("#th", lexicon_hash("#th"));
    for (int c = 0; any_best && c < kCueKindCount; ++c) {
      if (best[c] < 0 || i < covered_until[c]) continue;
      const CompiledPhrase& p = index.phrases[best[c]];
      accepted->push_back(Match{p.cue, p.weight, static_cast<uint32_t>(i),
                                static_cast<uint32_t>(i + p.count),
                                Span{toks[i].span.begin, toks[i + p.count - 1].span.end}});
      covered_until[c] = static_cast<uint32_t>(i + p.count);
    }
  }
}

// Runs of "!!!" hint at urgency, runs of "??" at confusion. Only the strongest
// run of each counts, so a wall of punctuation cannot dominate the cue.
// The first kMaxPunctSpanBytes of a punctuation token, cut back to a
// character boundary: a run may hold "…" or other multi-byte marks, and a
// span ending inside one would give JS a broken character.
Span punctuation_span(std::string_view text, const Span& token) {
  uint32_t end = std::min(token.end, token.begin + kMaxPunctSpanBytes);
  const auto continues = [&](uint32_t at) { return (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80; };
  while (end > token.begin && end < token.end && continues(end)) --end;
  return Span{token.begin, end};
}

void collect_punctuation_matches(std::string_view text, const Tokenized& tokenized,
                                 std::vector<Match>* accepted) {
  Match best_bang{CueKind::Urgency, 0, 0, 0, {}}, best_question{CueKind::Confusion, 0, 0, 0, {}};
  for (size_t i = 0; i < tokenized.tokens.size(); ++i) {
    const Token& t = tokenized.tokens[i];
    if (t.kind != TokenKind::Punct) continue;
    int bangs = 0, questions = 0;
    for (char ch : t.norm) {
      bangs += ch == '!';
      questions += ch == '?';
    }
    const Span span = punctuation_span(text, t.span);
    float bang_w = bangs >= 5 ? .4f : bangs >= 3 ? .3f : 0.f;
    float question_w = questions >= 4 ? .45f : questions >= 2 ? .35f : 0.f;
    if (bang_w > best_bang.weight) best_bang = Match{CueKind::Urgency, bang_w, uint32_t(i), uint32_t(i + 1), span};
    if (question_w > best_question.weight)
      best_question = Match{CueKind::Confusion, question_w, uint32_t(i), uint32_t(i + 1), span};
  }
  bool grateful = false, other_urgency = false;
  for (const Match& m : *accepted) {
    grateful |= m.cue == CueKind::Gratitude;
    other_urgency |= m.cue == CueKind::Urgency;
  }
  // "Thank you so much!!!" is enthusiasm, not time pressure.
  if (best_bang.weight > 0 && (!grateful || other_urgency)) accepted->push_back(best_bang);
  if (best_question.weight > 0) accepted->push_back(best_question);
}

bool overlaps(const Match& a, const Match& b) { return a.first < b.last && b.first < a.last; }

}  // namespace

std::vector<Cue> detect_cues(std::string_view text, const Tokenized& tokens) {
  return detect_cues(text, tokens, nullptr);
}

std::vector<Cue> detect_cues(std::string_view text, const Tokenized& tokens,
                             std::vector<Evidence>* evidence) {
  // Reused per thread: no allocation per message once warm; a huge
  // message's capacity is given back on the next call.
  thread_local std::vector<Match> accepted, blockers;
  constexpr size_t kKeepMatches = 1024;
  if (accepted.capacity() > kKeepMatches) std::vector<Match>().swap(accepted);
  if (blockers.capacity() > kKeepMatches) std::vector<Match>().swap(blockers);
  accepted.clear();
  blockers.clear();
  collect_phrase_matches(tokens, &accepted, &blockers);
  // Blockers first, so a sarcastic "thanks for nothing" cannot keep the
  // punctuation rule from firing either.
  accepted.erase(std::remove_if(accepted.begin(), accepted.end(),
                                [&](const Match& m) {
                                  for (const Match& b : blockers)
                                    if (b.cue == m.cue && overlaps(m, b)) return true;
                                  return false;
                                }),
                 accepted.end());
  collect_punctuation_matches(text, tokens, &accepted);

  std::vector<Cue> cues;
  if (accepted.empty()) return cues;  // most messages: no cue at all
  for (int c = 0; c < kCueKindCount; ++c) {
    float keep_probability = 1;
    Cue cue;
    std::array<float, kMaxSpansPerCue> span_weights;  // beside cue.spans
    for (const Match& m : accepted) {
      if (static_cast<int>(m.cue) != c) continue;
      keep_probability *= 1 - m.weight;
      if (cue.spans.size() < kMaxSpansPerCue &&
          std::find(cue.spans.begin(), cue.spans.end(), m.span) == cue.spans.end()) {
        span_weights[cue.spans.size()] = m.weight;
        cue.spans.push_back(m.span);
      }
    }
    cue.strength = std::min(1.f, std::max(0.f, 1 - keep_probability));
    // One weak hint alone ("today", "still", "tweet") is not worth a badge.
    if (cue.spans.empty() || cue.strength < kMinCueStrength) continue;
    cue.id = kCueIds[c];
    for (size_t i = 0; evidence && i < cue.spans.size(); ++i) {
      Evidence e;
      e.span = cue.spans[i];
      e.weight = span_weights[i];
      e.source = cue_source(c);
      e.note = kCueNotes[c];
      evidence->push_back(std::move(e));
    }
    cues.push_back(std::move(cue));
  }
  // Stable insertion sort (at most kCueKindCount items): the order
  // std::stable_sort gives, without its temporary buffer.
  for (size_t i = 1; i < cues.size(); ++i) {
    Cue item = std::move(cues[i]);
    size_t j = i;
    for (; j > 0 && item.strength > cues[j - 1].strength; --j) cues[j] = std::move(cues[j - 1]);
    cues[j] = std::move(item);
  }
  return cues;
}

}  // namespace rapport

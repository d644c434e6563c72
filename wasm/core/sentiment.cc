// Lexicon sentiment with rules. The ideas follow VADER (Hutto & Gilbert 2014):
// negation, boosters, contrast, caps, punctuation, then x/sqrt(x^2+alpha); the
// code, the scoping and the constants are our own, tuned on dev splits only.
#include "sentiment.h"

#include <algorithm>
#include <cmath>

#include "lexicon.h"

namespace rapport {
namespace {

constexpr float kBoosterStep = 0.3f;         // per booster/dampener next to a word
constexpr int kBoosterReach = 3;             // words back a booster may stand
constexpr float kCapsEmphasis = 0.7f;        // "NEVER" in a message that is not all caps
constexpr float kElongationEmphasis = 0.3f;  // "sooo good"
constexpr float kNegatedPositive = 0.75f;    // "not happy": flips and keeps most strength
constexpr float kNegatedNegative = 0.3f;     // "not bad": only mildly positive
constexpr float kNeverNegative = 0.6f;       // "never disappointed": an absolute, praise
constexpr float kNeverThisBoost = 1.25f;     // "never been this sad": stronger, not flipped
constexpr int kNegationScope = 3;            // content words between negator and word
constexpr float kBeforeContrast = 0.5f;      // "I love it but ..." : love counts half
constexpr float kAfterContrast = 1.5f;       // "... but it broke": broke counts 1.5x
constexpr float kExclamationStep = 0.29f;    // per '!', at most kMaxExclamations
constexpr int kMaxExclamations = 4;
constexpr float kQuestionStep = 0.18f;       // per '?' when there are 2 or 3
constexpr float kManyQuestions = 0.96f;      // 4 or more
constexpr float kAlpha = 15.0f;              // compound = x / sqrt(x^2 + alpha)

struct Slot {
  const LexiconEntry* entry = nullptr;  // set on the first token of a valenced item
  uint32_t item_end = 0;                // one past the item's last token
  WordRole role = WordRole::None;
  bool consumed = false;                // inside a phrase or two-word dampener
  bool clause_break = false;            // punctuation that ends negation scope
};

bool is_wordish(TokenKind k) { return k == TokenKind::Word || k == TokenKind::Hashtag; }

std::string_view lookup_norm(const Token& t) {
  std::string_view n = t.norm;
  if (t.kind == TokenKind::Hashtag && !n.empty() && n[0] == '#') n.remove_prefix(1);
  return n;
}

// Longest phrase starting at token i over consecutive word norms.
uint32_t match_phrase(const std::vector<Token>& toks, size_t i, const LexiconEntry** found) {
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
    if (j > i) {
      if (const LexiconEntry* e = find_lexicon_phrase(std::string_view(buf, len))) {
        *found = e;
        best_end = static_cast<uint32_t>(j + 1);
      }
    }
    if (!lexicon_phrase_has_prefix(std::string_view(buf, len))) break;
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
  if (w != "like" && w != "likes" && w != "liked") return true;
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

// Pass 1: roles, phrases and lexicon entries for every token.
void classify(const std::vector<Token>& toks, std::vector<Slot>& slots, int* excl, int* quest) {
  for (size_t i = 0; i < toks.size(); ++i) {
    const Token& t = toks[i];
    Slot& s = slots[i];
    if (s.consumed) continue;
    s.item_end = static_cast<uint32_t>(i + 1);
    switch (t.kind) {
      case TokenKind::Punct: s.clause_break = has_clause_punct(t.norm, excl, quest); break;
      case TokenKind::Emoji: s.entry = find_lexicon_emoji(t.norm); break;
      case TokenKind::Emoticon: s.entry = find_emoticon(t.norm); break;
      case TokenKind::Word:
      case TokenKind::Hashtag: {
        const LexiconEntry* phrase = nullptr;
        if (t.kind == TokenKind::Word) {
          if (uint32_t end = match_phrase(toks, i, &phrase)) {
            s.entry = phrase;
            s.item_end = end;
            for (size_t j = i + 1; j < end; ++j) slots[j].consumed = true;
            break;
          }
          // Two-word dampeners: "kind of", "sort of", "a bit", "a little".
          std::string_view next = i + 1 < toks.size() ? std::string_view(toks[i + 1].norm) : "";
          if (((t.norm == "kind" || t.norm == "sort") && next == "of") ||
              (t.norm == "a" && (next == "bit" || next == "little" || next == "tad"))) {
            s.role = WordRole::Dampener;
            slots[i + 1].consumed = true;
            break;
          }
        }
        std::string_view n = lookup_norm(t);
        s.role = word_role(n);
        if (s.role == WordRole::None || s.role == WordRole::Booster)
          s.entry = (t.flags & kElongated) ? find_elongated_word(n) : find_lexicon_word(n);
        if (s.entry && (!like_is_a_verb(toks, i) || inside_a_name(toks, i))) s.entry = nullptr;
        break;
      }
      default: break;
    }
  }
  // A booster that is also a lexicon word ("pretty", "super") boosts when a
  // valenced word follows and is a word of its own otherwise.
  for (size_t i = toks.size(); i-- > 0;) {
    Slot& s = slots[i];
    if (s.role != WordRole::Booster || !s.entry) continue;
    size_t j = i + 1;
    bool boosts = j < toks.size() && slots[j].entry && slots[j].role == WordRole::None;
    if (boosts) s.entry = nullptr; else s.role = WordRole::None;
  }
}

// What the rules did to one item, for its evidence note.
struct Effects {
  int negator = -1, booster = -1, dampener = -1, intensifier = -1;
  bool caps = false, elongated = false;
};

// Negator governing token i: within kNegationScope content words back, not
// past punctuation, a sentence end or a contrast word. "not only" is no negation.
// "never been this sad", "never so happy": `*intensifies` is set and the
// word is strengthened instead of flipped.
int find_negator(const std::vector<Token>& toks, const std::vector<Slot>& slots, size_t i,
                 bool* intensifies) {
  int content = 0;
  bool this_or_so = false;
  for (size_t j = i; j-- > 0;) {
    const Slot& s = slots[j];
    if (toks[j].sentence != toks[i].sentence || s.clause_break) break;
    if (s.consumed) continue;
    if (toks[j].norm == "this" || toks[j].norm == "so") this_or_so = true;
    if (s.role == WordRole::Negator) {
      const std::string& after = toks[j + 1].norm;
      if (j + 1 < i && (after == "only" || after == "just")) return -1;
      *intensifies = this_or_so && toks[j].norm == "never";
      return static_cast<int>(j);
    }
    if (s.role == WordRole::Contrast) break;
    if (s.role == WordRole::None && ++content > kNegationScope) break;
  }
  return -1;
}

// Booster/dampener sum for token i from up to kBoosterReach words before it.
float booster_delta(const std::vector<Token>& toks, const std::vector<Slot>& slots, size_t i,
                    bool caps_emphasis, Effects* fx) {
  float delta = 0;
  int distance = 0;
  for (size_t j = i; j-- > 0 && distance < kBoosterReach;) {
    const Slot& s = slots[j];
    if (toks[j].sentence != toks[i].sentence || s.clause_break) break;
    if (s.consumed) continue;
    ++distance;
    if (s.role != WordRole::Booster && s.role != WordRole::Dampener) continue;
    float step = kBoosterStep * (1.0f - 0.05f * (distance - 1));
    if (caps_emphasis && (toks[j].flags & kAllCaps)) step += kBoosterStep;
    if (s.role == WordRole::Booster) {
      delta += step;
      if (fx->booster < 0) fx->booster = static_cast<int>(j);
    } else {
      delta -= step;
      if (fx->dampener < 0) fx->dampener = static_cast<int>(j);
    }
  }
  return delta;
}

// Contrast: the last "but"/"however"/... that has valence after it. Words
// before it count kBeforeContrast, after it kAfterContrast. A sentence that
// opens with "although"/"though" has its first clause (up to a comma) weighed
// down and the rest of the sentence up.
struct Contrast {
  size_t marker = SIZE_MAX, down_from = 0, down_to = 0, up_from = 0, up_to = 0;
};

Contrast find_contrast(const std::vector<Token>& toks, const std::vector<Slot>& slots) {
  Contrast c;
  size_t last_item = SIZE_MAX;
  for (size_t i = 0; i < toks.size(); ++i)
    if (slots[i].entry) last_item = i;
  if (last_item == SIZE_MAX) return c;
  for (size_t i = last_item; i-- > 0;) {
    if (slots[i].role != WordRole::Contrast || slots[i].consumed) continue;
    const std::string& w = toks[i].norm;
    bool opens = i == 0 || slots[i - 1].clause_break || toks[i - 1].sentence != toks[i].sentence;
    if (w == "yet" && !opens) continue;  // "not yet": not a contrast
    c.marker = i;
    if ((w == "although" || w == "though") && opens) {
      size_t end = i + 1;
      while (end < toks.size() && !slots[end].clause_break && toks[end].sentence == toks[i].sentence)
        ++end;
      size_t stop = end;
      while (stop < toks.size() && toks[stop].sentence == toks[i].sentence) ++stop;
      c.down_from = i + 1, c.down_to = end, c.up_from = end, c.up_to = stop;
    } else {
      c.down_from = 0, c.down_to = i, c.up_from = i + 1, c.up_to = toks.size();
    }
    break;
  }
  return c;
}

std::string quoted(std::string_view text, Span s) {
  std::string out = "'";
  out.append(text.substr(s.begin, s.end - s.begin));
  return out += "'";
}

void add_note(std::string& note, std::string_view part) {
  if (!note.empty()) note += "; ";
  note += part;
}

const char* source_of(const LexiconEntry& e, TokenKind kind) {
  if (kind == TokenKind::Emoji) return "emoji";
  if (kind == TokenKind::Emoticon) return "emoticon";
  switch (lexicon_origin(e)) {
    case LexiconOrigin::Vader: return "lexicon";
    case LexiconOrigin::Emoji: return "emoji";
    default: return "supplement";
  }
}

float sign(float x) { return x < 0 ? -1.0f : 1.0f; }

}  // namespace

LexiconSentiment score_sentiment(std::string_view text, const Tokenized& tokenized) {
  LexiconSentiment result;
  const std::vector<Token>& toks = tokenized.tokens;
  // Reused across calls: no per-message allocation once warm.
  thread_local std::vector<Slot> slots;
  slots.assign(toks.size(), Slot{});
  int exclamations = 0, questions = 0;
  classify(toks, slots, &exclamations, &questions);

  // Caps only signal emphasis when the rest of the message is not shouting too.
  int words = 0, caps = 0, neutral_words = 0;
  for (const Token& t : toks) {
    if (t.kind != TokenKind::Word) continue;
    ++words;
    if (t.flags & kAllCaps) ++caps;
  }
  const bool caps_emphasis = caps > 0 && caps < words;
  const Contrast contrast = find_contrast(toks, slots);

  float sum = 0, pos_mass = 0, neg_mass = 0;
  for (size_t i = 0; i < toks.size(); ++i) {
    const Slot& s = slots[i];
    if (s.consumed) continue;
    if (!s.entry) {
      TokenKind k = toks[i].kind;
      if (s.role == WordRole::None && (is_wordish(k) || k == TokenKind::Emoji)) ++neutral_words;
      continue;
    }
    const Token& t = toks[i];
    Effects fx;
    float v = s.entry->valence;
    if (v == 0) continue;
    v += sign(v) * booster_delta(toks, slots, i, caps_emphasis, &fx);
    for (size_t j = i; j < s.item_end; ++j)
      if (caps_emphasis && (toks[j].flags & kAllCaps)) fx.caps = true;
    if (fx.caps) v += sign(v) * kCapsEmphasis;
    if (t.flags & kElongated) v += sign(v) * kElongationEmphasis, fx.elongated = true;
    bool intensifies = false;
    fx.negator = find_negator(toks, slots, i, &intensifies);
    if (intensifies) {
      v *= kNeverThisBoost;
      fx.intensifier = fx.negator;
      fx.negator = -1;
    }
    if (fx.negator >= 0) {
      const bool never = toks[fx.negator].norm == "never";
      v = v > 0 ? -v * kNegatedPositive : -v * (never ? kNeverNegative : kNegatedNegative);
      if (caps_emphasis && (toks[fx.negator].flags & kAllCaps)) v += sign(v) * kCapsEmphasis;
    }
    float factor = 1;
    if (contrast.marker != SIZE_MAX) {
      if (i >= contrast.down_from && i < contrast.down_to) factor = kBeforeContrast;
      if (i >= contrast.up_from && i < contrast.up_to) factor = kAfterContrast;
    }
    v *= factor;
    sum += v;
    if (v > 0) pos_mass += v + 1; else neg_mass += v - 1;

    Evidence ev;
    ev.span = Span{t.span.begin, toks[s.item_end - 1].span.end};
    ev.weight = v;
    ev.source = source_of(*s.entry, t.kind);
    if (fx.negator >= 0) add_note(ev.note, "negated by " + quoted(text, toks[fx.negator].span));
    if (fx.intensifier >= 0)
      add_note(ev.note, "intensified by " + quoted(text, toks[fx.intensifier].span) + "...'this'");
    if (fx.booster >= 0) add_note(ev.note, "boosted by " + quoted(text, toks[fx.booster].span));
    if (fx.dampener >= 0)
      add_note(ev.note, "dampened by " + quoted(text, toks[fx.dampener].span));
    if (fx.caps) add_note(ev.note, "caps");
    if (fx.elongated) add_note(ev.note, "elongated");
    if (factor != 1) {
      std::string marker = quoted(text, toks[contrast.marker].span);
      add_note(ev.note, (i < contrast.marker ? "before " : "after ") + marker);
    }
    result.evidence.push_back(std::move(ev));
  }

  // Punctuation emphasis pushes the total further the way it already leans.
  float emphasis = kExclamationStep * std::min(exclamations, kMaxExclamations);
  if (questions > 3) emphasis += kManyQuestions;
  else if (questions > 1) emphasis += kQuestionStep * questions;
  if (sum != 0) {
    sum += sign(sum) * emphasis;
    if (sum > 0) pos_mass += emphasis; else neg_mass -= emphasis;
  }

  result.valence_sum = sum;
  // Words short of kNeutralBand in total say too little to leave neutral.
  float shrunk = sign(sum) * std::max(0.0f, std::fabs(sum) - kNeutralBand);
  SentimentScore& score = result.score;
  score.compound = shrunk / std::sqrt(shrunk * shrunk + kAlpha);
  float total = pos_mass - neg_mass + neutral_words;
  if (total > 0) {
    score.positive = pos_mass / total;
    score.negative = -neg_mass / total;
    score.neutral = neutral_words / total;
  }
  std::stable_sort(result.evidence.begin(), result.evidence.end(),
                   [](const Evidence& a, const Evidence& b) {
                     return std::fabs(a.weight) > std::fabs(b.weight);
                   });
  return result;
}

const char* sentiment_label(float compound) {
  if (compound >= kLabelThreshold) return "positive";
  if (compound <= -kLabelThreshold) return "negative";
  return "neutral";
}

}  // namespace rapport

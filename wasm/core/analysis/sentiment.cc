// Lexicon sentiment with rules. The ideas follow VADER (Hutto & Gilbert 2014):
// negation, boosters, contrast, caps, punctuation, then x/sqrt(x^2+alpha); the
// code, the scoping and the constants are our own, tuned on dev splits only.
#include "analysis/sentiment.h"

#include <algorithm>
#include <cmath>

#include "analysis/lexicon.h"
#include "analysis/sentiment_slots.h"
#include "text/word_table.h"

namespace rapport {
namespace {

using sentiment_detail::is_wordish;
using sentiment_detail::Slot;

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
constexpr int kSarcasmReach = 4;             // words after "thanks for" that may name a failure
constexpr float kSarcasticThanks = 0.75f;    // "thanks for delaying my flight": flipped, most strength kept
constexpr float kFailureObject = -0.25f;     // an object at most this valence is a failure; "help" (-0.05) is not
constexpr float kCourtesyThanks = 0.2f;      // "It never arrived. Thanks", "How do I ...? Thanks!": courtesy, not gratitude; under kNeutralBand

// What the rules did to one item, for its evidence note.
struct Effects {
  int negator = -1, booster = -1, dampener = -1, intensifier = -1, sarcasm = -1;
  bool courtesy = false;
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
    // same_text, not ==: inline compares (wasm's memcmp is a byte-loop call)
    const std::string_view w = toks[j].norm;
    if (same_text(w, "this") || same_text(w, "so")) this_or_so = true;
    if (s.role == WordRole::Negator) {
      const std::string_view after = toks[j + 1].norm;
      if (j + 1 < i && (same_text(after, "only") || same_text(after, "just"))) return -1;
      *intensifies = this_or_so && same_text(w, "never");
      return static_cast<int>(j);
    }
    if (s.role == WordRole::Contrast) break;
    if (s.role == WordRole::None && ++content > kNegationScope) break;
  }
  return -1;
}

bool is_thanks(std::string_view term) {
  return term.substr(0, 5) == "thank" || term == "thx" || term == "tnx";
}

// Sarcastic thanks: "thanks for delaying my flight", "thank you for losing my
// bag". A thanks item (at token i) followed by "for" whose object, within
// kSarcasmReach words of the same clause, is a negative item thanks the
// company for a failure. Returns that item's token, or -1.
int sarcastic_object(const std::vector<Token>& toks, const std::vector<Slot>& slots, size_t i) {
  if (!is_thanks(lexicon_term(*slots[i].entry))) return -1;
  size_t j = slots[i].item_end;
  if (j >= toks.size() || toks[j].sentence != toks[i].sentence || !same_text(toks[j].norm, "for")) return -1;
  int words = 0;
  for (++j; j < toks.size() && words < kSarcasmReach; ++j) {
    if (toks[j].sentence != toks[i].sentence || slots[j].clause_break) break;
    if (slots[j].consumed) continue;
    if (slots[j].entry && slots[j].entry->valence <= kFailureObject) return static_cast<int>(j);
    if (is_wordish(toks[j].kind)) ++words;
  }
  return -1;
}

// Courtesy thanks: a thanks that closes a complaint ("My order never came.
// Thanks") is politeness, not gratitude for anything received. True when the
// thanks item at token i is the only valenced item of its sentence and an
// earlier sentence holds a negative item.
// Also true for a bare thanks (not "thanks for ...") in a message that asks
// something (a '?'): "How do I change my email? Thanks!" thanks ahead for an
// answer; nothing has been received yet (issue 9: most support messages read
// positive were questions closed this way; "thanks for ..." names what was
// received and keeps its weight).
bool courtesy_thanks(const std::vector<Token>& toks, const std::vector<Slot>& slots, size_t i, bool asks) {
  if (!is_thanks(lexicon_term(*slots[i].entry))) return false;
  if (asks) {
    size_t j = slots[i].item_end;
    if (j >= toks.size() || !same_text(toks[j].norm, "for")) return true;
  }
  bool earlier_negative = false;
  for (size_t j = 0; j < toks.size(); ++j) {
    if (j == i || !slots[j].entry || slots[j].consumed) continue;
    if (toks[j].sentence == toks[i].sentence) return false;  // not alone in its sentence
    if (j < i && slots[j].entry->valence < 0) earlier_negative = true;
  }
  return earlier_negative;
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

// `last_item`: the last token with a valenced item (MessageCounts).
Contrast find_contrast(const std::vector<Token>& toks, const std::vector<Slot>& slots,
                       size_t last_item) {
  Contrast c;
  if (last_item == SIZE_MAX) return c;
  for (size_t i = last_item; i-- > 0;) {
    if (slots[i].role != WordRole::Contrast || slots[i].consumed) continue;
    const std::string_view w = toks[i].norm;
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

// Appends "<before>'<the span's text>'<after>" to the note, "; "-separated
// from what is there: written in place, since building each part as a
// temporary std::string cost several allocations per annotated item.
void add_note(std::string& note, std::string_view before, std::string_view text, Span quoted,
              std::string_view after = {}) {
  if (!note.empty()) note += "; ";
  note.append(before);
  note += '\'';
  note.append(text.substr(quoted.begin, quoted.end - quoted.begin));
  note += '\'';
  note.append(after);
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
  score_sentiment_into(text, tokenized, &result);
  return result;
}

void score_sentiment_into(std::string_view text, const Tokenized& tokenized, LexiconSentiment* out) {
  LexiconSentiment& result = *out;
  result.evidence.clear();
  result.score = SentimentScore();
  result.valence_sum = 0;
  const std::vector<Token>& toks = tokenized.tokens;
  result.evidence.reserve(16);  // one allocation for the usual few items
  // Reused across calls: no per-message allocation once warm.
  thread_local std::vector<Slot> slots;
  slots.assign(toks.size(), Slot{});
  sentiment_detail::MessageCounts counts;
  sentiment_detail::classify_tokens(toks, slots, &counts);
  const int exclamations = counts.exclamations, questions = counts.questions;

  // Caps only signal emphasis when the rest of the message is not shouting too.
  int neutral_words = 0;
  const bool caps_emphasis = counts.caps > 0 && counts.caps < counts.words;
  const Contrast contrast = find_contrast(toks, slots, counts.last_item);

  float sum = 0, pos_mass = 0, neg_mass = 0;
  // True while every item is positive and under kNeutralBand on its own.
  bool weak_positive_only = true;
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
    if (v > 0) {
      fx.sarcasm = sarcastic_object(toks, slots, i);
      if (fx.sarcasm >= 0) v = -v * kSarcasticThanks;
      else if ((fx.courtesy = courtesy_thanks(toks, slots, i, questions > 0))) v *= kCourtesyThanks;
    }
    bool intensifies = false;
    fx.negator = fx.sarcasm >= 0 ? -1 : find_negator(toks, slots, i, &intensifies);
    if (intensifies) {
      v *= kNeverThisBoost;
      fx.intensifier = fx.negator;
      fx.negator = -1;
    }
    if (fx.negator >= 0) {
      const bool never = std::string_view(toks[fx.negator].norm) == "never";
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
    if (v < 0 || v >= kNeutralBand) weak_positive_only = false;
    if (v > 0) pos_mass += v + 1; else neg_mass += v - 1;

    // Built in place in the (reused) vector: no Evidence to move and destroy.
    Evidence& ev = result.evidence.emplace_back();
    ev.span = Span{t.span.begin, toks[s.item_end - 1].span.end};
    ev.weight = v;
    ev.source = source_of(*s.entry, t.kind);
    if (fx.negator >= 0) ev.rules |= kRuleNegated;
    if (fx.sarcasm >= 0) ev.rules |= kRuleSarcasm;
    if (fx.courtesy) ev.rules |= kRuleCourtesy;
    if (fx.sarcasm >= 0) add_note(ev.note, "sarcastic: thanks for ", text, toks[fx.sarcasm].span);
    if (fx.courtesy) add_note(ev.note, "courtesy after a complaint");
    if (factor != 1) ev.rules |= kRuleContrast;
    if (fx.negator >= 0) add_note(ev.note, "negated by ", text, toks[fx.negator].span);
    if (fx.intensifier >= 0) add_note(ev.note, "intensified by ", text, toks[fx.intensifier].span);
    if (fx.booster >= 0) add_note(ev.note, "boosted by ", text, toks[fx.booster].span);
    if (fx.dampener >= 0) add_note(ev.note, "dampened by ", text, toks[fx.dampener].span);
    if (fx.caps) add_note(ev.note, "caps");
    if (fx.elongated) add_note(ev.note, "elongated");
    if (factor != 1) {
      // "before 'but'" / "after 'but'"; an opening "although" clause is the
      // part weighed down, so its notes name the clause instead.
      const Span marker = toks[contrast.marker].span;
      if (i < contrast.marker) add_note(ev.note, "before ", text, marker);
      else if (contrast.down_from > 0) {
        add_note(ev.note, factor < 1 ? "in the " : "after the ", text, marker, " clause");
      } else {
        add_note(ev.note, "after ", text, marker);
      }
    }
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
  // Nor do several such words together: items each under the band (a request's
  // "please", "play", "want", "share", the supplement's turned-down words) name
  // no feeling, however many a message has (issue 9: on the support dev set
  // such sums made neutral requests positive; lexicon path 70.5 -> 71.5 macro
  // recall there, GoEmotions dev and TweetEval val level).
  if (weak_positive_only) shrunk = 0;
  SentimentScore& score = result.score;
  score.compound = shrunk / std::sqrt(shrunk * shrunk + kAlpha);
  float total = pos_mass - neg_mass + neutral_words;
  if (total > 0) {
    score.positive = pos_mass / total;
    score.negative = -neg_mass / total;
    score.neutral = neutral_words / total;
  }
  auto stronger = [](const Evidence& a, const Evidence& b) {
    return std::fabs(a.weight) > std::fabs(b.weight);
  };
  std::vector<Evidence>& ev = result.evidence;
  if (ev.size() <= 32) {
    // Insertion sort: stable, so the same order as std::stable_sort, without
    // its temporary buffer for the usual handful of items.
    for (size_t i = 1; i < ev.size(); ++i) {
      if (!stronger(ev[i], ev[i - 1])) continue;
      Evidence item = std::move(ev[i]);
      size_t j = i;
      for (; j > 0 && stronger(item, ev[j - 1]); --j) ev[j] = std::move(ev[j - 1]);
      ev[j] = std::move(item);
    }
  } else {
    std::stable_sort(ev.begin(), ev.end(), stronger);
  }
}

const char* sentiment_label(float compound) {
  if (compound >= kLabelThreshold) return "positive";
  if (compound <= -kLabelThreshold) return "negative";
  return "neutral";
}

}  // namespace rapport

#include "review/empathy.h"

#include <algorithm>
#include <cstdio>

namespace rapport::review {
namespace {

// Part maxima: they sum to 100, so a draft that does everything and uses no
// cold phrase scores 100. "coldPhrases" only subtracts.
//
// The order of the weights follows how support leads (and the team's labels,
// shared/rules/SCHEMA.md "Empathy score") rank replies: naming the customer's
// own feeling or situation (25) above a formulaic apology or warm nod (20)
// above a cold transactional reply (0), with ownership and a concrete next
// step counting as well (15 + 20) but never making up for no warmth at all.
// Chosen by hand from the labelling guidelines, not fitted; the in-domain
// bench (scripts/bench/review-dev.mjs) checks the result.
constexpr int kAcknowledgement = 25;
constexpr int kOwnership = 15;
constexpr int kNameUsed = 5, kSituation = 5;
constexpr int kNextStep = 12, kTimeCommitment = 8;
constexpr int kApology = 20, kWarmNodToUpset = 10;
constexpr int kPositive = 10, kNeutralWording = 5, kNegativeFramingCost = 3;
constexpr int kOwnershipPhraseCost = 5;
constexpr int kColdCap = 60;

int severity_cost(Severity s) {
  switch (s) {
    case Severity::High: return 12;
    case Severity::Medium: return 8;
    default: return 4;
  }
}

std::string quoted(const std::string& text, Span s) {
  return "\"" + text.substr(s.begin, s.end - s.begin) + "\"";
}

ScoreReason at(int sign, std::string note, Span span) {
  ScoreReason r;
  r.sign = sign;
  r.note = std::move(note);
  r.has_span = true;
  r.span = span;
  return r;
}

ScoreReason plain(int sign, std::string note) {
  ScoreReason r;
  r.sign = sign;
  r.note = std::move(note);
  return r;
}

const std::vector<Span>& spans_of(const EmpathyInput& in, const char* signal) {
  static const std::vector<Span> kNone;
  auto it = in.signals.find(signal);
  return it == in.signals.end() ? kNone : it->second;
}

// A part earned by the presence of a signal: full points, with each phrase that earned it.
ScorePart signal_part(const EmpathyInput& in, const Review& review, const char* id,
                      const char* signal, int max, const char* found_note, const char* missing_note) {
  ScorePart part;
  part.id = id;
  part.max = max;
  const auto& spans = spans_of(in, signal);
  if (spans.empty()) {
    part.reasons.push_back(plain(-1, missing_note));
    return part;
  }
  part.points = max;
  for (const Span& s : spans) part.reasons.push_back(at(1, std::string(found_note) + ": " + quoted(review.text, s), s));
  return part;
}

}  // namespace

void score_empathy(const EmpathyInput& in, Review& review) {
  const RulePack& pack = *in.pack;
  const CustomerContext& customer = *in.customer;
  review.parts.clear();
  const bool empty = review.words == 0;

  ScorePart ack = signal_part(in, review, "acknowledgement", "acknowledgement", kAcknowledgement,
                              "acknowledges the customer's feeling",
                              "no acknowledgement of how the customer feels");

  ScorePart own = signal_part(in, review, "ownership", "ownership", kOwnership,
                              "takes ownership", "no 'I will' / 'I have': nobody owns the problem");
  for (const Suggestion& s : review.suggestions) {
    const Rule& rule = pack.rules[s.rule];
    if (rule.category == "missing_ownership" && rule.kind == RuleKind::Phrase) {
      own.points = std::max(0, own.points - kOwnershipPhraseCost);
      own.reasons.push_back(at(-1, "hands the problem to someone else: " + quoted(review.text, s.span), s.span));
    }
  }

  ScorePart personal;
  personal.id = "personalization";
  personal.max = kNameUsed + kSituation;
  if (!in.name_spans.empty()) {
    personal.points += kNameUsed;
    personal.reasons.push_back(at(1, "uses the customer's name", in.name_spans.front()));
  } else {
    personal.reasons.push_back(plain(-1, customer.name_parts.empty()
                                             ? "no customer name given to look for"
                                             : "does not use the customer's name"));
  }
  if (!in.situation_hits.empty()) {
    personal.points += kSituation;
    for (size_t i = 0; i < in.situation_hits.size() && i < 5; ++i) {
      personal.reasons.push_back(at(1, "refers to their situation: " + quoted(review.text, in.situation_hits[i].second),
                                    in.situation_hits[i].second));
    }
  } else {
    personal.reasons.push_back(plain(-1, customer.has_text
                                             ? "does not refer to anything the customer wrote"
                                             : "no customer message to refer to"));
  }

  ScorePart next = signal_part(in, review, "nextStep", "nextStep", kNextStep, "next step",
                               "no concrete next step");
  next.max = kNextStep + kTimeCommitment;
  const auto& times = spans_of(in, "timeCommitment");
  if (!times.empty()) {
    next.points += kTimeCommitment;
    for (const Span& s : times) next.reasons.push_back(at(1, "time commitment: " + quoted(review.text, s), s));
  } else {
    next.reasons.push_back(plain(-1, "no time commitment (when will they hear back?)"));
  }

  // "apology": an apology, or a warm nod ("thanks for reaching out", "happy
  // to help"). A reply with neither reads as transactional, whoever wrote in;
  // to an upset customer a nod without an apology earns half.
  ScorePart apology;
  apology.id = "apology";
  apology.max = kApology;
  const bool upset = customer.has_text && customer.label == "negative";
  const auto& sorry = spans_of(in, "apology");
  const auto& warm = spans_of(in, "warmth");
  if (!sorry.empty()) {
    apology.points = kApology;
    for (const Span& s : sorry) apology.reasons.push_back(at(1, "apologizes: " + quoted(review.text, s), s));
  } else if (!warm.empty()) {
    apology.points = upset ? kWarmNodToUpset : kApology;
    for (const Span& s : warm) apology.reasons.push_back(at(1, "warm words: " + quoted(review.text, s), s));
    if (upset) apology.reasons.push_back(plain(-1, "the customer is upset and the draft does not apologize"));
  } else if (upset) {
    apology.reasons.push_back(plain(-1, "the customer is upset and the draft does not apologize"));
  } else {
    apology.reasons.push_back(plain(-1, "no apology or warm word: the reply reads as transactional"));
  }

  ScorePart positive;
  positive.id = "positiveFraming";
  positive.max = kPositive;
  const auto& upbeat = spans_of(in, "positive");
  if (!upbeat.empty()) {
    positive.points = kPositive;
    for (const Span& s : upbeat) positive.reasons.push_back(at(1, "positive wording: " + quoted(review.text, s), s));
  } else {
    positive.points = kNeutralWording;
    positive.reasons.push_back(plain(0, "neutral wording (no 'happy to', 'what I can do')"));
  }

  ScorePart cold;
  cold.id = "coldPhrases";
  int cost = 0;
  for (const Suggestion& s : review.suggestions) {
    const Rule& rule = pack.rules[s.rule];
    if (rule.kind != RuleKind::Phrase || rule.category == "missing_ownership") continue;
    if (rule.category == "negative_framing") {
      positive.points = std::max(0, positive.points - kNegativeFramingCost);
      positive.reasons.push_back(at(-1, "negative framing: " + quoted(review.text, s.span), s.span));
      continue;
    }
    cost += severity_cost(rule.severity);
    cold.reasons.push_back(at(-1, rule.category + ": " + quoted(review.text, s.span), s.span));
  }
  cold.points = -std::min(cost, kColdCap);

  review.parts = {std::move(ack), std::move(own), std::move(personal), std::move(next),
                  std::move(apology), std::move(positive), std::move(cold)};
  int total = 0;
  for (ScorePart& p : review.parts) {
    if (empty) {
      p.points = 0;
      p.reasons.assign(1, plain(0, "empty draft"));
    }
    total += p.points;
  }
  review.score = std::clamp(total, 0, 100);

  // Mismatch: a strongly negative customer message met by a draft the score
  // calls cold: no acknowledgement, no apology, no warm word.
  review.mismatch = Mismatch();
  review.mismatch.has_customer = customer.has_text;
  review.mismatch.customer_label = customer.label;
  review.mismatch.customer_score = customer.score;
  if (!empty && customer.has_text && customer.label == "negative" &&
      customer.score <= pack.settings.mismatch_threshold && spans_of(in, "acknowledgement").empty() &&
      sorry.empty() && warm.empty()) {
    char score[16];
    std::snprintf(score, sizeof score, "%.2f", customer.score);
    review.mismatch.alert = true;
    review.mismatch.message = std::string("The customer sounds very upset (sentiment ") + score +
                              ") and the draft does not acknowledge it. Start by recognizing how they feel.";
  }
}

}  // namespace rapport::review

// The public JSON shape of a draft review (documented in shared/rules/SCHEMA.md
// and shared/api/review.js). Offsets are UTF-16 code units of the draft.
#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "review/reviewer.h"
#include "text/utf8.h"

namespace rapport::review {
namespace {

// A pasted 64 KB draft can hold thousands of matches; nobody reads past a few
// hundred, and the JSON (and its parse in JS) stays small. The score still
// counts them all; "omittedSuggestions" says how many were left out.
constexpr size_t kMaxSuggestionsJson = 500;
constexpr size_t kMaxReasonsJson = 20;

const char* default_message(const std::string& category) {
  if (category == "dismissive") return "Sounds dismissive of the customer's feelings";
  if (category == "blame_shifting") return "Puts the blame on the customer";
  if (category == "policy_hiding") return "Hides behind policy instead of helping";
  if (category == "uncertainty") return "Sounds unsure without a plan";
  if (category == "passive_waiting") return "Leaves the customer waiting with no plan";
  if (category == "negative_framing") return "Leads with what can't be done";
  if (category == "robotic_opener") return "Sounds scripted";
  if (category == "jargon") return "Internal jargon";
  if (category == "condescending") return "May sound condescending";
  if (category == "minimizing") return "Minimizes the customer's problem";
  if (category == "missing_ownership") return "Nobody owns the problem";
  if (category == "missing_next_step") return "No clear next step";
  if (category == "bare_redirect") return "Sends the customer elsewhere instead of helping";
  if (category == "rule_citing_refusal") return "Cites a rule instead of helping";
  if (category == "conversation_ender") return "Ends the conversation without a way forward";
  return "Could be warmer";
}

using Json = nlohmann::ordered_json;  // keys in the documented order

// Scores and the customer's sentiment: 4 decimals, as the analysis JSON
// writes them (output/json_writer), and never "-0".
Json number4(double value) {
  const double rounded = std::round(value * 10000.0) / 10000.0;
  if (rounded == 0 || !std::isfinite(rounded)) return 0;
  if (rounded == std::floor(rounded) && std::fabs(rounded) < 1e15) return static_cast<long long>(rounded);
  return rounded;
}

void add_span(Json& j, const Review& r, const Utf16Offsets& u16, Span s) {
  j["start"] = u16.to_utf16(s.begin);
  j["end"] = u16.to_utf16(s.end);
  j["text"] = std::string(std::string_view(r.text).substr(s.begin, s.end - s.begin));
}

}  // namespace

// Through nlohmann_json (a cold path: one small object per review): control
// characters are escaped as \u00XX, never dropped or turned into spaces.
void append_review_json(std::string& out, const Review& r, const RulePack& pack) {
  const Utf16Offsets u16(r.text);
  Json j;
  j["empathyScore"] = r.score;
  Json suggestions = Json::array();
  const size_t shown = std::min(r.suggestions.size(), kMaxSuggestionsJson);
  for (size_t i = 0; i < shown; ++i) {
    const Suggestion& s = r.suggestions[i];
    const Rule& rule = pack.rules[s.rule];
    Json item;
    add_span(item, r, u16, s.span);
    item["replaceStart"] = u16.to_utf16(s.replace.begin);
    item["replaceEnd"] = u16.to_utf16(s.replace.end);
    item["category"] = rule.category;
    item["ruleId"] = rule.id;
    item["severity"] = severity_name(rule.severity);
    item["kind"] = rule.kind == RuleKind::Absence ? "absence" : "phrase";
    item["message"] = rule.message.empty() ? default_message(rule.category) : rule.message;
    item["why"] = rule.why;
    item["replacements"] = s.replacements;
    suggestions.push_back(std::move(item));
  }
  j["suggestions"] = std::move(suggestions);
  Json parts = Json::array();
  for (const ScorePart& p : r.parts) {
    Json part;
    part["id"] = p.id;
    part["points"] = p.points;
    part["max"] = p.max;
    Json reasons = Json::array();
    for (size_t k = 0; k < p.reasons.size() && k < kMaxReasonsJson; ++k) {
      const ScoreReason& reason = p.reasons[k];
      Json item;
      item["effect"] = reason.sign > 0 ? "+" : reason.sign < 0 ? "-" : "=";
      item["note"] = reason.note;
      if (reason.has_span) add_span(item, r, u16, reason.span);
      reasons.push_back(std::move(item));
    }
    part["reasons"] = std::move(reasons);
    parts.push_back(std::move(part));
  }
  j["scoreParts"] = std::move(parts);
  Json mismatch;
  mismatch["alert"] = r.mismatch.alert;
  if (r.mismatch.alert) mismatch["message"] = r.mismatch.message;
  if (r.mismatch.has_customer) {
    mismatch["customerLabel"] = r.mismatch.customer_label;
    mismatch["customerScore"] = number4(r.mismatch.customer_score);
  }
  j["mismatch"] = std::move(mismatch);
  j["omittedSuggestions"] = r.suggestions.size() - shown;
  j["words"] = r.words;
  j["truncated"] = r.truncated;
  j["invalidUtf8"] = r.invalid_utf8;
  j["pack"] = pack.name;
  // The draft is sanitized UTF-8 already; a pack's own strings are too, but a
  // bad byte must never abort a build without exceptions: replace it.
  out += j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace rapport::review

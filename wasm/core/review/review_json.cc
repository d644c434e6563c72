// The public JSON shape of a draft review (documented in shared/rules/SCHEMA.md
// and shared/api/review.js). Offsets are UTF-16 code units of the draft.
#include <algorithm>

#include "output/json_writer.h"
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

void key(std::string& out, const char* name) {
  out.push_back('"');
  out.append(name);
  out.append("\":");
}

void span_fields(std::string& out, const Review& r, const Utf16Offsets& u16, Span s) {
  key(out, "start");
  append_json_uint(out, u16.to_utf16(s.begin));
  out.push_back(',');
  key(out, "end");
  append_json_uint(out, u16.to_utf16(s.end));
  out.push_back(',');
  key(out, "text");
  append_json_string(out, std::string_view(r.text).substr(s.begin, s.end - s.begin));
}

}  // namespace

void append_review_json(std::string& out, const Review& r, const RulePack& pack) {
  const Utf16Offsets u16(r.text);
  out.push_back('{');
  key(out, "empathyScore");
  append_json_uint(out, static_cast<unsigned>(r.score));
  out.push_back(',');
  key(out, "suggestions");
  out.push_back('[');
  const size_t shown = std::min(r.suggestions.size(), kMaxSuggestionsJson);
  for (size_t i = 0; i < shown; ++i) {
    const Suggestion& s = r.suggestions[i];
    const Rule& rule = pack.rules[s.rule];
    if (i) out.push_back(',');
    out.push_back('{');
    span_fields(out, r, u16, s.span);
    out.append(",\"replaceStart\":");
    append_json_uint(out, u16.to_utf16(s.replace.begin));
    out.append(",\"replaceEnd\":");
    append_json_uint(out, u16.to_utf16(s.replace.end));
    out.append(",\"category\":");
    append_json_string(out, rule.category);
    out.append(",\"ruleId\":");
    append_json_string(out, rule.id);
    out.append(",\"severity\":");
    append_json_string(out, severity_name(rule.severity));
    out.append(",\"kind\":");
    append_json_string(out, rule.kind == RuleKind::Absence ? "absence" : "phrase");
    out.append(",\"message\":");
    append_json_string(out, rule.message.empty() ? default_message(rule.category) : rule.message);
    out.append(",\"why\":");
    append_json_string(out, rule.why);
    out.append(",\"replacements\":[");
    for (size_t k = 0; k < s.replacements.size(); ++k) {
      if (k) out.push_back(',');
      append_json_string(out, s.replacements[k]);
    }
    out.append("]}");
  }
  out.append("],");
  key(out, "scoreParts");
  out.push_back('[');
  for (size_t i = 0; i < r.parts.size(); ++i) {
    const ScorePart& p = r.parts[i];
    if (i) out.push_back(',');
    out.append("{\"id\":");
    append_json_string(out, p.id);
    out.append(",\"points\":");
    append_json_number(out, p.points);
    out.append(",\"max\":");
    append_json_number(out, p.max);
    out.append(",\"reasons\":[");
    for (size_t k = 0; k < p.reasons.size() && k < kMaxReasonsJson; ++k) {
      const ScoreReason& reason = p.reasons[k];
      if (k) out.push_back(',');
      out.append("{\"effect\":");
      append_json_string(out, reason.sign > 0 ? "+" : reason.sign < 0 ? "-" : "=");
      out.append(",\"note\":");
      append_json_string(out, reason.note);
      if (reason.has_span) {
        out.push_back(',');
        span_fields(out, r, u16, reason.span);
      }
      out.push_back('}');
    }
    out.append("]}");
  }
  out.append("],");
  key(out, "mismatch");
  out.append("{\"alert\":");
  out.append(r.mismatch.alert ? "true" : "false");
  if (r.mismatch.alert) {
    out.append(",\"message\":");
    append_json_string(out, r.mismatch.message);
  }
  if (r.mismatch.has_customer) {
    out.append(",\"customerLabel\":");
    append_json_string(out, r.mismatch.customer_label);
    out.append(",\"customerScore\":");
    append_json_number(out, r.mismatch.customer_score);
  }
  out.append("},\"omittedSuggestions\":");
  append_json_uint(out, r.suggestions.size() - shown);
  out.append(",\"words\":");
  append_json_uint(out, static_cast<unsigned>(r.words));
  out.append(",\"truncated\":");
  out.append(r.truncated ? "true" : "false");
  out.append(",\"invalidUtf8\":");
  out.append(r.invalid_utf8 ? "true" : "false");
  out.append(",\"pack\":");
  append_json_string(out, pack.name);
  out.push_back('}');
}

}  // namespace rapport::review

#include "review/rule_pack.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "review/matcher.h"
#include "review/pack_json.h"
#include "review/pattern.h"

namespace rapport::review {

using nlohmann::json;

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::Low: return "low";
    case Severity::High: return "high";
    default: return "medium";
  }
}

const std::vector<std::string>& known_categories() {
  static const std::vector<std::string> v = {
      "dismissive",     "blame_shifting", "policy_hiding", "uncertainty",
      "passive_waiting", "negative_framing", "robotic_opener", "jargon",
      "condescending",  "minimizing",     "missing_ownership", "missing_next_step",
      "bare_redirect",  "rule_citing_refusal", "conversation_ender"};
  return v;
}

const std::vector<std::string>& known_signals() {
  static const std::vector<std::string> v = {"acknowledgement", "ownership", "apology", "nextStep",
                                             "timeCommitment", "positive", "followUp", "question",
                                             "warmth"};
  return v;
}

const std::vector<std::string>& known_placeholders() {
  static const std::vector<std::string> v = {"customerName", "agentName", "company"};
  return v;
}

namespace {

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (size_t i = 0; i < id.size(); ++i) {
    char c = id[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              (i > 0 && (c == '.' || c == '_' || c == '-'));
    if (!ok) return false;
  }
  return true;
}

// Checks "{name}" placeholders: only known names, braces balanced.
bool check_placeholders(const std::string& text, std::string& bad) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '}') { bad = "}"; return false; }
    if (text[i] != '{') continue;
    size_t close = text.find('}', i);
    if (close == std::string::npos) { bad = "{"; return false; }
    std::string name = text.substr(i + 1, close - i - 1);
    if (!contains(known_placeholders(), name)) { bad = name; return false; }
    i = close;
  }
  return true;
}

void check_patterns(PackReader& r, const std::vector<std::string>& patterns, const std::string& path) {
  PatternLimits limits;
  for (size_t i = 0; i < patterns.size(); ++i) {
    if (r.sequences > kMaxSequences) {
      // Reported once, at the first pattern over budget; later ones are not compiled.
      if (!r.over_budget) {
        r.error(path + "/" + std::to_string(i), "pack_too_complex",
                "the pack's patterns stand for more than " + std::to_string(kMaxSequences) +
                    " word sequences");
      }
      r.over_budget = true;
      return;
    }
    if (patterns[i].empty()) continue;  // already reported by the list reader
    CompiledPattern compiled;
    PatternError error;
    if (!compile_pattern(patterns[i], limits, compiled, error)) {
      r.error(path + "/" + std::to_string(i), error.code, error.message);
    }
    r.sequences += compiled.sequences.size();
  }
}

void read_rule(PackReader& r, const json& j, const std::string& path, Rule& rule) {
  if (!r.expect_object(j, path, {"id", "category", "severity", "kind", "scope", "patterns", "signal",
                                 "message", "why", "examples", "nearMisses", "alternatives", "except",
                                 "unless", "satisfiedBy", "onlyWith"})) {
    return;
  }
  rule.source_path = path;
  r.string_field(j, path, "id", rule.id, true);
  if (!rule.id.empty() && !valid_id(rule.id)) {
    r.error(path + "/id", "invalid_id",
            "rule ids are 1-64 characters: a-z, 0-9, then also '.', '_' or '-'");
  }
  r.string_field(j, path, "category", rule.category, true);
  if (!rule.category.empty() && !contains(known_categories(), rule.category)) {
    r.error(path + "/category", "unknown_category", "unknown category '" + rule.category + "'");
  }
  std::string severity = "medium";
  r.string_field(j, path, "severity", severity, true);
  if (severity == "low") rule.severity = Severity::Low;
  else if (severity == "medium") rule.severity = Severity::Medium;
  else if (severity == "high") rule.severity = Severity::High;
  else r.error(path + "/severity", "unknown_severity", "severity must be low, medium or high");
  std::string kind = "phrase";
  r.string_field(j, path, "kind", kind, false);
  if (kind == "absence") rule.kind = RuleKind::Absence;
  else if (kind != "phrase") r.error(path + "/kind", "unknown_kind", "kind must be phrase or absence");
  std::string scope = "sentence";
  r.string_field(j, path, "scope", scope, false);
  if (scope == "phrase") rule.replaces_phrase = true;
  else if (scope != "sentence") r.error(path + "/scope", "unknown_scope", "scope must be sentence or phrase");
  r.string_field(j, path, "message", rule.message, false);
  r.string_field(j, path, "why", rule.why, true);
  const PackLimits& lim = r.limits();
  r.string_list(j, path, "examples", rule.examples, lim.max_examples_per_rule, true);
  r.string_list(j, path, "nearMisses", rule.near_misses, lim.max_examples_per_rule, false);
  r.string_list(j, path, "alternatives", rule.alternatives, lim.max_alternatives_per_rule, true);
  for (size_t i = 0; i < rule.alternatives.size(); ++i) {
    std::string bad;
    if (!check_placeholders(rule.alternatives[i], bad)) {
      r.error(path + "/alternatives/" + std::to_string(i), "unknown_placeholder",
              "unknown or unbalanced placeholder '" + bad + "' (known: {customerName}, "
              "{agentName}, {company})");
    }
  }
  // Fields of the other kind are errors, so a misplaced one never silently does nothing.
  auto not_here = [&](const char* field, const char* why) {
    if (j.find(field) != j.end()) r.error(path + "/" + field, "unknown_field", why);
  };
  auto check_signal = [&](const std::string& name, const std::string& at) {
    if (!name.empty() && !contains(known_signals(), name)) {
      r.error(at, "unknown_signal", "unknown signal '" + name + "'");
    }
  };
  if (rule.kind == RuleKind::Phrase) {
    r.string_list(j, path, "patterns", rule.patterns, lim.max_patterns_per_rule, true, "empty_pattern");
    check_patterns(r, rule.patterns, path + "/patterns");
    r.string_list(j, path, "except", rule.except, lim.max_patterns_per_rule, false, "empty_pattern");
    check_patterns(r, rule.except, path + "/except");
    r.string_list(j, path, "unless", rule.unless, known_signals().size(), false);
    for (size_t i = 0; i < rule.unless.size(); ++i) check_signal(rule.unless[i], path + "/unless/" + std::to_string(i));
    not_here("signal", "only absence rules have a signal");
    not_here("satisfiedBy", "only absence rules have satisfiedBy");
    not_here("onlyWith", "only absence rules have onlyWith");
  } else {
    r.string_field(j, path, "signal", rule.signal, true);
    check_signal(rule.signal, path + "/signal");
    r.string_list(j, path, "satisfiedBy", rule.satisfied_by, known_signals().size(), false);
    for (size_t i = 0; i < rule.satisfied_by.size(); ++i) {
      check_signal(rule.satisfied_by[i], path + "/satisfiedBy/" + std::to_string(i));
    }
    r.string_field(j, path, "onlyWith", rule.only_with, false);
    check_signal(rule.only_with, path + "/onlyWith");
    not_here("patterns", "absence rules use a signal, not patterns");
    not_here("except", "only phrase rules have except patterns");
    not_here("unless", "only phrase rules have unless");
  }
}

}  // namespace

bool parse_rule_pack(std::string_view text, const RulePack* base, RulePack& out,
                     std::vector<PackIssue>& errors, const PackLimits& limits) {
  errors.clear();
  PackReader r(errors, limits);
  json doc;
  if (!r.parse_document(text, doc)) return false;
  if (!r.expect_object(doc, "", {"schema", "name", "description", "base", "fillers",
                                 "settings", "signals", "rules", "disable"})) {
    return false;
  }
  std::string schema;
  r.string_field(doc, "", "schema", schema, true);
  if (!schema.empty() && schema != kRulesSchema) {
    r.error("/schema", "unsupported_schema",
            "this engine reads \"" + std::string(kRulesSchema) + "\", not \"" + schema + "\"");
    return false;
  }
  std::string base_name;
  r.string_field(doc, "", "base", base_name, false);
  const bool overlay = doc.find("base") != doc.end();
  if (overlay && base_name != "default") {
    r.error("/base", "unknown_base", "the only base a pack can extend is \"default\"");
  }
  if (overlay && base) out = *base;
  else out = RulePack();
  r.string_field(doc, "", "name", out.name, !overlay);
  r.string_field(doc, "", "description", out.description, false);
  if (doc.find("fillers") != doc.end()) {
    r.string_list(doc, "", "fillers", out.fillers, limits.max_fillers, false);
  }
  r.read_settings(doc, out.settings);
  if (auto sig = doc.find("signals"); sig != doc.end()) {
    if (r.expect_object(*sig, "/signals", known_signals())) {
      for (auto it = sig->begin(); it != sig->end(); ++it) {
        std::vector<std::string> patterns;
        r.string_list(*sig, "/signals", it.key(), patterns, limits.max_signal_patterns, true, "empty_pattern");
        check_patterns(r, patterns, "/signals/" + it.key());
        out.signals[it.key()] = std::move(patterns);
      }
    }
  }
  std::vector<Rule> added;
  if (auto rules = doc.find("rules"); rules == doc.end()) {
    if (!overlay) r.error("/rules", "missing_field", "a standalone pack needs \"rules\"");
  } else if (!rules->is_array()) {
    r.error("/rules", "wrong_type", "\"rules\" must be an array");
  } else if (rules->size() > limits.max_rules) {
    r.error("/rules", "too_many_rules",
            std::to_string(rules->size()) + " rules (limit " + std::to_string(limits.max_rules) + ")");
  } else {
    for (size_t i = 0; i < rules->size(); ++i) {
      Rule rule;
      read_rule(r, (*rules)[i], "/rules/" + std::to_string(i), rule);
      for (const Rule& earlier : added) {
        if (!rule.id.empty() && earlier.id == rule.id) {
          r.error("/rules/" + std::to_string(i) + "/id", "duplicate_id",
                  "rule id '" + rule.id + "' is used twice in this pack");
        }
      }
      added.push_back(std::move(rule));
    }
  }
  std::vector<std::string> disable;
  r.string_list(doc, "", "disable", disable, limits.max_rules, false);
  if (!errors.empty()) return false;

  // Merge: same id replaces in place (keeps the base order), new ids append.
  for (Rule& rule : added) {
    auto same = std::find_if(out.rules.begin(), out.rules.end(),
                             [&](const Rule& x) { return x.id == rule.id; });
    if (same != out.rules.end()) *same = std::move(rule);
    else out.rules.push_back(std::move(rule));
  }
  for (size_t i = 0; i < disable.size(); ++i) {
    auto it = std::find_if(out.rules.begin(), out.rules.end(),
                           [&](const Rule& x) { return x.id == disable[i]; });
    if (it == out.rules.end()) {
      r.error("/disable/" + std::to_string(i), "unknown_rule",
              "no rule '" + disable[i] + "' to disable");
    } else {
      out.rules.erase(it);
    }
  }
  if (out.rules.size() > limits.max_rules) {
    r.error("/rules", "too_many_rules", "the merged pack has more than " +
                                            std::to_string(limits.max_rules) + " rules");
  }
  for (size_t i = 0; i < out.rules.size(); ++i) {
    const Rule& rule = out.rules[i];
    if (rule.kind == RuleKind::Absence && rule.signal != "question") {
      auto sig = out.signals.find(rule.signal);
      if (sig == out.signals.end() || sig->second.empty()) {
        r.error(rule.source_path + "/signal", "unknown_signal",
                "signal '" + rule.signal + "' has no patterns in this pack");
      }
    }
  }
  return errors.empty();
}

}  // namespace rapport::review

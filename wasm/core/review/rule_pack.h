// Rule packs: the JSON a team edits (schema "rapport-rules/1", documented in
// shared/rules/SCHEMA.md), parsed into plain structs with every problem
// reported as data: the JSON path, a stable code and a message.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace rapport::review {

inline constexpr std::string_view kRulesSchema = "rapport-rules/1";

enum class Severity : uint8_t { Low = 1, Medium = 2, High = 3 };
const char* severity_name(Severity s);

// A "phrase" rule fires where one of its patterns matches the draft; an
// "absence" rule fires once per draft when none of its signal's patterns
// match (e.g. no ownership statement anywhere in a long enough draft).
enum class RuleKind : uint8_t { Phrase, Absence };

struct Rule {
  std::string id;
  std::string category;
  Severity severity = Severity::Medium;
  RuleKind kind = RuleKind::Phrase;
  std::vector<std::string> patterns;   // phrase rules
  std::string signal;                  // absence rules: the signal that must be present
  // What a replacement substitutes: the whole sentence holding the match (most
  // rules: their alternatives are full sentences) or just the matched phrase.
  bool replaces_phrase = false;
  std::string message;                 // short, shown on the suggestion; may be empty
  std::string why;                     // why the alternative works (docs and tooltip)
  std::vector<std::string> examples;   // drafts that must trigger this rule
  std::vector<std::string> near_misses;  // drafts that must not trigger it (tested at load)
  // Phrase rules: patterns that cancel a match they overlap ("you should have"
  // is blame, "you should have received an email" is not).
  std::vector<std::string> except;
  // Phrase rules: signals whose presence anywhere in the draft cancels the rule
  // (a help-site link is a bare redirect only when nothing else helps).
  std::vector<std::string> unless;
  // Absence rules: other signals that satisfy the check as well as `signal`
  // (a concrete next step also shows ownership), and a signal that must be
  // present for the check to apply at all (a follow-up promise without a time).
  std::vector<std::string> satisfied_by;
  std::string only_with;
  std::vector<std::string> alternatives;  // replacements, may hold {placeholders}
  std::string source_path;             // where it came from, e.g. "/rules/3" (for errors)
};

struct PackSettings {
  double mismatch_threshold = -0.5;  // customer compound score at or below this is "strongly negative"
  int absence_min_words = 12;        // absence rules only look at drafts at least this long
  // Absence rules stay quiet when the customer's message reads positive
  // ("thanks, all fixed!" needs no next step).
  bool absence_skip_positive = true;
};

struct RulePack {
  std::string name;
  std::string description;
  std::vector<std::string> fillers;
  std::map<std::string, std::vector<std::string>> signals;  // signal name -> patterns
  PackSettings settings;
  std::vector<Rule> rules;
};

// One problem found in a pack. Codes are stable and listed in SCHEMA.md.
struct PackIssue {
  std::string path;     // JSON pointer into the pack text, "" for the whole document
  std::string code;
  std::string message;
};

struct PackLimits {
  size_t max_bytes = 1 << 20;
  size_t max_rules = 1000;
  size_t max_patterns_per_rule = 32;
  size_t max_examples_per_rule = 16;
  size_t max_alternatives_per_rule = 8;
  size_t max_string_bytes = 1000;
  size_t max_fillers = 64;
  size_t max_signal_patterns = 64;
};

// The categories a rule may have, the signals a pack may define, and the
// placeholders an alternative may use: fixed lists so the UI can rely on them.
// Signal "question" is also computed by the core: every sentence of the draft
// that ends with '?' counts (asking the customer is a next step), so it is
// valid without patterns.
const std::vector<std::string>& known_categories();
const std::vector<std::string>& known_signals();
const std::vector<std::string>& known_placeholders();

// Parses `json`. A pack with "base": "default" is an overlay: its rules are
// added to `base` (or replace the base rule with the same id), its "disable"
// list removes base rules, and its fillers/settings/signals replace the base's.
// `base` may be null only for standalone packs. Returns true when `errors` is
// empty; `out` is then the effective (merged) pack. Patterns are checked here
// too (syntax and limits); examples are checked by the compiler (matcher.h).
bool parse_rule_pack(std::string_view json, const RulePack* base, RulePack& out,
                     std::vector<PackIssue>& errors, const PackLimits& limits = PackLimits());

// The effective pack as standalone JSON text (no "base"), which parses back to
// an equal pack: the export format.
std::string rule_pack_to_json(const RulePack& pack);

}  // namespace rapport::review

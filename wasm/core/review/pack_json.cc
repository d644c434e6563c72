#include "review/pack_json.h"

#include <algorithm>
#include <cmath>

namespace rapport::review {

using nlohmann::json;
using nlohmann::ordered_json;

namespace {

// A SAX handler that accepts everything and remembers the first syntax error:
// the only way to learn where parsing failed without exceptions.
struct ErrorFinder {
  size_t position = 0;
  std::string what;
  bool null() { return true; }
  bool boolean(bool) { return true; }
  bool number_integer(json::number_integer_t) { return true; }
  bool number_unsigned(json::number_unsigned_t) { return true; }
  bool number_float(json::number_float_t, const std::string&) { return true; }
  bool string(std::string&) { return true; }
  bool binary(json::binary_t&) { return true; }
  bool start_object(std::size_t) { return true; }
  bool key(std::string&) { return true; }
  bool end_object() { return true; }
  bool start_array(std::size_t) { return true; }
  bool end_array() { return true; }
  template <class Exception>
  bool parse_error(std::size_t pos, const std::string&, const Exception& ex) {
    position = pos;
    what = ex.what();
    return false;
  }
};

const char* type_name(const json& j) {
  if (j.is_object()) return "object";
  if (j.is_array()) return "array";
  if (j.is_string()) return "string";
  if (j.is_boolean()) return "boolean";
  if (j.is_number()) return "number";
  return "null";
}

// JSON pointer escaping of one key ("~" -> "~0", "/" -> "~1").
std::string pointer_key(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out.push_back(c);
  }
  return out;
}

}  // namespace

bool PackReader::parse_document(std::string_view text, json& out) {
  if (text.size() > limits_.max_bytes) {
    error("", "pack_too_large",
          "pack has " + std::to_string(text.size()) + " bytes (limit " +
              std::to_string(limits_.max_bytes) + ")");
    return false;
  }
  out = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (!out.is_discarded()) return true;
  ErrorFinder finder;
  json::sax_parse(text.begin(), text.end(), &finder);
  // nlohmann's message names line and column; keep it, minus its bracketed id.
  std::string what = finder.what;
  size_t bracket = what.find("] ");
  if (bracket != std::string::npos) what = what.substr(bracket + 2);
  error("", "invalid_json",
        "not valid JSON (byte " + std::to_string(finder.position) + "): " + what);
  return false;
}

bool PackReader::expect_object(const json& j, const std::string& path,
                               const std::vector<std::string>& allowed) {
  if (!j.is_object()) {
    error(path, "wrong_type", std::string("expected an object, found ") + type_name(j));
    return false;
  }
  bool ok = true;
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& k = it.key();
    if (!k.empty() && k[0] == '$') continue;
    if (std::find(allowed.begin(), allowed.end(), k) == allowed.end()) {
      error(path + "/" + pointer_key(k), "unknown_field", "unknown field \"" + k + "\"");
      ok = false;
    }
  }
  return ok;
}

bool PackReader::expect_object(const json& j, const std::string& path,
                               std::initializer_list<const char*> allowed) {
  std::vector<std::string> names(allowed.begin(), allowed.end());
  return expect_object(j, path, names);
}

void PackReader::string_field(const json& obj, const std::string& path, const std::string& key,
                              std::string& out, bool required) {
  auto it = obj.find(key);
  std::string here = path + "/" + pointer_key(key);
  if (it == obj.end()) {
    if (required) error(here, "missing_field", "missing \"" + key + "\"");
    return;
  }
  if (!it->is_string()) {
    error(here, "wrong_type", std::string("expected a string, found ") + type_name(*it));
    return;
  }
  const std::string& s = it->get_ref<const std::string&>();
  if (s.size() > limits_.max_string_bytes) {
    error(here, "string_too_long", std::to_string(s.size()) + " bytes (limit " +
                                       std::to_string(limits_.max_string_bytes) + ")");
    return;
  }
  out = s;
}

void PackReader::string_list(const json& obj, const std::string& path, const std::string& key,
                             std::vector<std::string>& out, size_t max_items, bool required,
                             const char* empty_code) {
  auto it = obj.find(key);
  std::string here = path + "/" + pointer_key(key);
  if (it == obj.end()) {
    if (required) error(here, "missing_field", "missing \"" + key + "\"");
    return;
  }
  if (!it->is_array()) {
    error(here, "wrong_type", std::string("expected an array of strings, found ") + type_name(*it));
    return;
  }
  if (it->size() > max_items) {
    error(here, "too_many_items", std::to_string(it->size()) + " items (limit " +
                                      std::to_string(max_items) + ")");
    return;
  }
  out.clear();
  for (size_t i = 0; i < it->size(); ++i) {
    const json& item = (*it)[i];
    std::string at = here + "/" + std::to_string(i);
    // A bad item leaves an empty slot, so later checks report the right index.
    if (!item.is_string()) {
      error(at, "wrong_type", std::string("expected a string, found ") + type_name(item));
      out.emplace_back();
      continue;
    }
    const std::string& s = item.get_ref<const std::string&>();
    if (s.empty()) error(at, empty_code, std::string(empty_code) == "empty_pattern" ? "empty pattern" : "empty string");
    else if (s.size() > limits_.max_string_bytes) error(at, "string_too_long", "string too long");
    out.push_back(s.size() > limits_.max_string_bytes ? std::string() : s);
  }
}

void PackReader::read_settings(const json& doc, PackSettings& settings) {
  auto it = doc.find("settings");
  if (it == doc.end()) return;
  if (!expect_object(*it, "/settings", {"mismatchThreshold", "absenceMinWords", "absenceSkipPositive"})) return;
  if (auto t = it->find("mismatchThreshold"); t != it->end()) {
    double v = t->is_number() ? t->get<double>() : NAN;
    if (!(v >= -1 && v <= 0)) {
      error("/settings/mismatchThreshold", "out_of_range", "must be a number from -1 to 0");
    } else {
      settings.mismatch_threshold = v;
    }
  }
  if (auto m = it->find("absenceMinWords"); m != it->end()) {
    double v = m->is_number() ? m->get<double>() : NAN;
    if (!(v >= 0 && v <= 1000) || v != std::floor(v)) {
      error("/settings/absenceMinWords", "out_of_range", "must be a whole number from 0 to 1000");
    } else {
      settings.absence_min_words = static_cast<int>(v);
    }
  }
  if (auto b = it->find("absenceSkipPositive"); b != it->end()) {
    if (!b->is_boolean()) error("/settings/absenceSkipPositive", "wrong_type", "must be true or false");
    else settings.absence_skip_positive = b->get<bool>();
  }
}

std::string rule_pack_to_json(const RulePack& pack) {
  ordered_json j;
  j["schema"] = std::string(kRulesSchema);
  j["name"] = pack.name;
  if (!pack.description.empty()) j["description"] = pack.description;
  j["fillers"] = pack.fillers;
  j["settings"] = {{"mismatchThreshold", pack.settings.mismatch_threshold},
                   {"absenceMinWords", pack.settings.absence_min_words},
                   {"absenceSkipPositive", pack.settings.absence_skip_positive}};
  ordered_json signals = ordered_json::object();
  for (const auto& [name, patterns] : pack.signals) signals[name] = patterns;
  j["signals"] = signals;
  ordered_json rules = ordered_json::array();
  for (const Rule& r : pack.rules) {
    ordered_json o;
    o["id"] = r.id;
    o["category"] = r.category;
    o["severity"] = severity_name(r.severity);
    if (r.kind == RuleKind::Absence) {
      o["kind"] = "absence";
      o["signal"] = r.signal;
      if (!r.satisfied_by.empty()) o["satisfiedBy"] = r.satisfied_by;
      if (!r.only_with.empty()) o["onlyWith"] = r.only_with;
    } else {
      o["patterns"] = r.patterns;
      if (!r.except.empty()) o["except"] = r.except;
      if (!r.unless.empty()) o["unless"] = r.unless;
    }
    if (r.replaces_phrase) o["scope"] = "phrase";
    if (!r.message.empty()) o["message"] = r.message;
    o["why"] = r.why;
    o["examples"] = r.examples;
    if (!r.near_misses.empty()) o["nearMisses"] = r.near_misses;
    o["alternatives"] = r.alternatives;
    rules.push_back(std::move(o));
  }
  j["rules"] = std::move(rules);
  return j.dump(2, ' ', false, ordered_json::error_handler_t::replace);
}

}  // namespace rapport::review

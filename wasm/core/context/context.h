// The customer-context engine: events in, profiles, timelines and summaries
// out, as JSON text (the wasm binding passes strings straight through; the
// native tests call the same methods). Nothing is thrown: every reply is
// {"ok":true,...} or {"ok":false,"error":{"code","message",...}}.
//
// State is the events (deduplicated, in arrival order) plus the decisions a
// person made (manual merges, undone merges). Profiles are derived from both
// by the resolver, so undo and forget are exact: they replay.
#pragma once
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "context/event.h"
#include "context/resolver.h"

namespace rapport::context {

struct Decision {
  bool merge = true;  // false: an undone merge, the pair kept apart
  std::string a, b, reason;
  size_t at = 0;  // applied after this many events (merges only)
};

class Context {
 public:
  // {"defaultCallingCode":"44","repeatDays":14}; unknown keys are an error.
  std::string configure(std::string_view options_json);
  // A JSON array of events (event.h). All or nothing: one bad event adds none
  // and the error names its index and field. Reply: added, duplicates, the ids
  // of merges it caused, and each input's event id.
  std::string add_events(std::string_view events_json);
  std::string customers() const;
  // `query_json`: {"customer":"c_..."} or an identity {"email"|"phone"|"userId"+"source"}.
  std::string profile(std::string_view query_json) const;
  std::string timeline(std::string_view query_json) const;
  // Adds "now" (ISO 8601, required), "tzOffsetMinutes", "repeatDays".
  std::string summary(std::string_view query_json) const;
  std::string merge(std::string_view json);    // {"a","b","reason"}
  std::string unmerge(std::string_view json);  // {"merge":"m_..."}
  std::string forget(std::string_view json);   // {"customer":"c_..."}
  // Decisions as JSON, for a store to keep; restore() replays them.
  std::string decisions() const;
  std::string restore(std::string_view decisions_json);
  void clear();
  size_t size() const { return events_.size(); }

 private:
  void replay();
  // The root profile a query names, or -1 with `*error` set and `*code`
  // "not_found" or "ambiguous" (a key several profiles share).
  int lookup(const nlohmann::json& query, std::string* error, const char** code) const;
  bool parse_query(std::string_view text, nlohmann::json* query, std::string* error) const;
  // parse_query + lookup: the root, or -1 with `*failure` the error reply.
  int find_customer(std::string_view text, nlohmann::json* query, std::string* failure) const;
  std::vector<const Event*> sorted_events(int root) const;
  nlohmann::json profile_json(int root) const;
  std::string display_name(const std::vector<const Event*>& sorted) const;

  ParseOptions parse_options_;
  int repeat_days_ = 14;
  std::vector<Event> events_;
  std::unordered_map<std::string, uint32_t> by_key_;  // dedupe key -> event index
  std::vector<Decision> decisions_;
  Resolver resolver_;
};

}  // namespace rapport::context

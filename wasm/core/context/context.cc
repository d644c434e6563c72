#include "context/context.h"

#include <algorithm>
#include <set>

#include "analytics/time.h"
#include "context/identity.h"
#include "context/summary.h"

namespace rapport::context {
namespace {

using nlohmann::json;

std::string error_reply(const char* code, const std::string& message, json extra = json::object()) {
  extra["code"] = code;
  extra["message"] = message;
  return json{{"ok", false}, {"error", extra}}.dump();
}

std::string ok_reply(json body) {
  body["ok"] = true;
  return body.dump();
}

bool parse_object(std::string_view text, json* out, std::string* error) {
  *out = json::parse(text.begin(), text.end(), nullptr, false);
  if (out->is_discarded() || !out->is_object()) {
    *error = "expects a JSON object";
    return false;
  }
  return true;
}

const std::string* string_field(const json& obj, const char* name) {
  auto it = obj.find(name);
  return it != obj.end() && it->is_string() ? &it->get_ref<const std::string&>() : nullptr;
}

}  // namespace

std::string Context::configure(std::string_view options_json) {
  json o;
  std::string error;
  if (!parse_object(options_json, &o, &error)) return error_reply("options", "options " + error);
  for (auto it = o.begin(); it != o.end(); ++it) {
    const std::string& k = it.key();
    if (k == "defaultCallingCode") {
      std::string cc = it->is_string() ? it->get<std::string>() : "";
      if (!cc.empty() && cc[0] == '+') cc.erase(0, 1);
      bool digits = !cc.empty() && cc.size() <= 3 && cc.find_first_not_of("0123456789") == std::string::npos;
      if (!digits || cc[0] == '0') {
        return error_reply("options", "defaultCallingCode must be a country calling code such as \"44\" or \"1\"");
      }
      parse_options_.default_calling_code = cc;
    } else if (k == "repeatDays") {
      if (!it->is_number_integer() || it->get<int>() < 1 || it->get<int>() > 365) {
        return error_reply("options", "repeatDays must be a whole number of days from 1 to 365");
      }
      repeat_days_ = it->get<int>();
    } else {
      return error_reply("options", "unknown option '" + k + "' (known: defaultCallingCode, repeatDays)");
    }
  }
  return ok_reply(json::object());
}

std::string Context::add_events(std::string_view events_json) {
  json doc = json::parse(events_json.begin(), events_json.end(), nullptr, false);
  if (doc.is_discarded() || !doc.is_array()) {
    return error_reply("input", "events must be a JSON array of event objects");
  }
  // Parse everything first: one bad event adds nothing.
  std::vector<Event> parsed(doc.size());
  for (size_t i = 0; i < doc.size(); ++i) {
    std::string field, message;
    if (!parse_event(doc[i], parse_options_, &parsed[i], &field, &message)) {
      std::string where = field.empty() ? "event " + std::to_string(i) : "event " + std::to_string(i) + ", field '" + field + "'";
      return error_reply("input", where + ": " + (field.empty() ? "" : field + " ") + message,
                         {{"event", i}, {"field", field}});
    }
  }
  // Room for the batch up front, growing geometrically: an import arrives in
  // many batches, and reserving just the new size each time would move (and
  // rehash) every event held so far on every batch.
  size_t needed = events_.size() + parsed.size();
  if (needed > events_.capacity()) {
    size_t room = std::max(needed, events_.capacity() + events_.capacity() / 2);
    events_.reserve(room);
    by_key_.reserve(room);
  }
  size_t merges_before = resolver_.merges().size();
  json ids = json::array();
  std::vector<std::string> keys;
  size_t added = 0;
  for (Event& e : parsed) {
    ids.push_back(e.id);
    keys.push_back(e.key);
    if (by_key_.count(e.key)) continue;
    uint32_t index = static_cast<uint32_t>(events_.size());
    by_key_[e.key] = index;
    events_.push_back(std::move(e));
    resolver_.place(&events_.back(), index);
    ++added;
  }
  json merged = json::array();
  for (size_t i = merges_before; i < resolver_.merges().size(); ++i) merged.push_back(resolver_.merges()[i].id);
  // Whose each input is, after the whole batch (a later event may have merged).
  json owners = json::array();
  for (const std::string& key : keys) {
    owners.push_back(resolver_.customers()[resolver_.owner_of(by_key_.at(key))].id);
  }
  return ok_reply({{"added", added}, {"duplicates", parsed.size() - added}, {"merged", merged}, {"ids", ids},
                   {"customers", owners}, {"total", events_.size()}});
}

void Context::replay() {
  resolver_ = Resolver();
  std::set<std::pair<std::string, std::string>> blocked;
  for (const Decision& d : decisions_) {
    if (!d.merge) blocked.emplace(d.a, d.b);
  }
  resolver_.set_blocked(std::move(blocked));
  auto apply_merges_at = [this](size_t at) {
    for (const Decision& d : decisions_) {
      if (d.merge && d.at == at) resolver_.merge(d.a, d.b, d.reason);
    }
  };
  apply_merges_at(0);
  for (uint32_t i = 0; i < events_.size(); ++i) {
    events_[i].matched_by.clear();
    events_[i].ambiguous = false;
    resolver_.place(&events_[i], i);
    apply_merges_at(i + 1);
  }
}

bool Context::parse_query(std::string_view text, json* query, std::string* error) const {
  if (!parse_object(text, query, error)) {
    *error = "a customer query " + *error + " ({customer} or {email|phone|userId})";
    return false;
  }
  return true;
}

int Context::lookup(const json& q, std::string* error, const char** code) const {
  *code = "not_found";
  if (const std::string* id = string_field(q, "customer")) {
    int c = resolver_.by_id(*id);
    if (c < 0) *error = "no customer '" + *id + "' (forgotten, or never seen)";
    return c < 0 ? -1 : resolver_.find(c);
  }
  // An identity: the same normalization as events get.
  json as_event = {{"type", "note"}, {"at", "2000-01-01"}, {"text", "-"}, {"customer", json::object()}};
  for (const char* k : {"email", "phone", "userId"}) {
    if (q.contains(k)) as_event["customer"][k] = q[k];
  }
  if (q.contains("source")) as_event["source"] = q["source"];
  Event e;
  std::string field, message;
  if (!parse_event(as_event, parse_options_, &e, &field, &message)) {
    *code = "input";
    *error = "customer query: " + (field == "customer" ? "needs customer, email, phone or userId (+source)" : field + " " + message);
    return -1;
  }
  // Every key given must agree: a shared key narrowed by another one.
  std::vector<int> candidates;
  bool any = false;
  for (const auto& [key, label] : strong_keys(e)) {
    std::vector<int> roots = resolver_.roots_by_key(key);
    if (roots.empty()) continue;
    if (any) {
      std::vector<int> both;
      for (int r : candidates) {
        if (std::find(roots.begin(), roots.end(), r) != roots.end()) both.push_back(r);
      }
      candidates = both;
    } else {
      candidates = roots;
    }
    any = true;
  }
  if (candidates.size() == 1) return candidates[0];
  if (candidates.empty()) {
    *error = "no customer with that identity";
    return -1;
  }
  *code = "ambiguous";
  *error = "that identity is shared by " + std::to_string(candidates.size()) + " customers (";
  for (size_t i = 0; i < candidates.size(); ++i) {
    *error += (i ? ", " : "") + resolver_.customers()[candidates[i]].id;
  }
  *error += "); name one by its id";
  return -1;
}

int Context::find_customer(std::string_view text, json* query, std::string* failure) const {
  std::string error;
  if (!parse_query(text, query, &error)) {
    *failure = error_reply("input", error);
    return -1;
  }
  const char* code = "";
  int root = lookup(*query, &error, &code);
  if (root < 0) *failure = error_reply(code, error);
  return root;
}

std::vector<const Event*> Context::sorted_events(int root) const {
  std::vector<uint32_t> indices = resolver_.events_of(root);
  // Time order; same time keeps arrival order.
  std::sort(indices.begin(), indices.end(), [this](uint32_t a, uint32_t b) {
    return events_[a].at_ms != events_[b].at_ms ? events_[a].at_ms < events_[b].at_ms : a < b;
  });
  std::vector<const Event*> out;
  out.reserve(indices.size());
  for (uint32_t i : indices) out.push_back(&events_[i]);
  return out;
}

// The latest name given (in time), unless it is a shorter form of the one
// before ("Dana" after "Dana Smith" keeps "Dana Smith").
std::string Context::display_name(const std::vector<const Event*>& sorted) const {
  std::string name, name_key;
  for (const Event* e : sorted) {
    if (e->who.name.empty()) continue;
    bool shorter = !name.empty() && names_compatible(name_key, e->who.name) && e->who.name_display.size() <= name.size();
    if (!shorter) {
      name = e->who.name_display;
      name_key = e->who.name;
    }
  }
  return name;
}

json Context::profile_json(int root) const {
  const auto& all = resolver_.customers();
  json emails = json::array(), phones = json::array(), users = json::array(), names = json::array(),
       merged = json::array();
  for (int m : all[root].members) {
    const Customer& c = all[m];
    if (m != root) merged.push_back(c.id);
    for (const std::string& e : c.emails_display) {
      if (std::find(emails.begin(), emails.end(), e) == emails.end()) emails.push_back(e);
    }
    for (const std::string& key : c.keys) {
      // A key can sit on two members of a merged profile: listed once.
      json item;
      json* list = nullptr;
      if (key.compare(0, 6, "phone:") == 0) {
        item = key.substr(6);
        list = &phones;
      } else if (key.compare(0, 5, "user:") == 0) {
        size_t colon = key.find(':', 5);
        item = {{"source", key.substr(5, colon - 5)}, {"id", key.substr(colon + 1)}};
        list = &users;
      }
      if (list && std::find(list->begin(), list->end(), item) == list->end()) list->push_back(item);
    }
    for (const std::string& n : c.names_display) names.push_back(n);
  }
  std::vector<const Event*> sorted = sorted_events(root);
  std::string name = display_name(sorted);
  const Event* first_event = sorted.empty() ? nullptr : sorted.front();
  const Event* last_event = sorted.empty() ? nullptr : sorted.back();
  json merges = json::array();
  for (const Merge& mg : resolver_.merges()) {
    if (resolver_.find(mg.survivor) != root) continue;
    merges.push_back({{"id", mg.id}, {"customers", {all[mg.survivor].id, all[mg.absorbed].id}},
                      {"reason", mg.reason}, {"manual", mg.manual}});
  }
  json links = json::array();
  for (const Link& l : resolver_.links()) {
    int a = resolver_.find(l.a), b = resolver_.find(l.b);
    if (a == b || (a != root && b != root)) continue;
    links.push_back({{"customer", all[a == root ? b : a].id}, {"reason", l.reason}});
  }
  return {{"id", all[root].id}, {"name", name.empty() ? json(nullptr) : json(name)}, {"names", names},
          {"emails", emails}, {"phones", phones}, {"userIds", users}, {"mergedFrom", merged},
          {"events", sorted.size()}, {"firstAt", first_event ? json(first_event->at) : json(nullptr)},
          {"lastAt", last_event ? json(last_event->at) : json(nullptr)}, {"merges", merges}, {"links", links}};
}

std::string Context::customers() const {
  json list = json::array();
  const auto& all = resolver_.customers();
  for (int i = 0; i < static_cast<int>(all.size()); ++i) {
    if (all[i].parent < 0) list.push_back(profile_json(i));
  }
  return ok_reply({{"customers", list}});
}

std::string Context::profile(std::string_view query_json) const {
  json q;
  std::string failure;
  int root = find_customer(query_json, &q, &failure);
  if (root < 0) return failure;
  return ok_reply({{"customer", profile_json(root)}});
}

std::string Context::timeline(std::string_view query_json) const {
  json q;
  std::string failure;
  int root = find_customer(query_json, &q, &failure);
  if (root < 0) return failure;
  json list = json::array();
  for (const Event* e : sorted_events(root)) list.push_back(event_json(*e));
  return ok_reply({{"customer", resolver_.customers()[root].id}, {"events", list}});
}

std::string Context::summary(std::string_view query_json) const {
  json q;
  std::string error;
  if (!parse_query(query_json, &q, &error)) return error_reply("input", error);
  SummaryOptions o;
  o.repeat_days = repeat_days_;
  const std::string* now = string_field(q, "now");
  analytics::Timestamp ts;
  if (!now || !analytics::parse_timestamp(*now, &ts)) {
    return error_reply("input", "summary needs 'now' as an ISO 8601 date-time");
  }
  o.now = *now;
  o.now_ms = ts.utc_ms;
  o.tz_offset_minutes = ts.offset_minutes;
  if (q.contains("tzOffsetMinutes")) {
    if (!q["tzOffsetMinutes"].is_number_integer() || std::abs(q["tzOffsetMinutes"].get<int>()) > 14 * 60) {
      return error_reply("input", "tzOffsetMinutes must be whole minutes between -840 and 840");
    }
    o.tz_offset_minutes = q["tzOffsetMinutes"].get<int>();
  }
  if (q.contains("repeatDays")) {
    if (!q["repeatDays"].is_number_integer() || q["repeatDays"].get<int>() < 1 || q["repeatDays"].get<int>() > 365) {
      return error_reply("input", "repeatDays must be a whole number of days from 1 to 365");
    }
    o.repeat_days = q["repeatDays"].get<int>();
  }
  const char* code = "";
  int root = lookup(q, &error, &code);
  if (root < 0) return error_reply(code, error);
  std::vector<const Event*> events = sorted_events(root);
  std::string name = display_name(events);
  json body = summarize(events, name, o);
  body["customer"] = resolver_.customers()[root].id;
  body["name"] = name.empty() ? json(nullptr) : json(name);
  return ok_reply({{"summary", body}});
}

std::string Context::merge(std::string_view text) {
  json q;
  std::string error;
  if (!parse_object(text, &q, &error)) return error_reply("input", "merge " + error + " ({a, b, reason})");
  const std::string* a = string_field(q, "a");
  const std::string* b = string_field(q, "b");
  const std::string* reason = string_field(q, "reason");
  if (!a || !b) return error_reply("input", "merge needs customer ids 'a' and 'b'");
  if (!reason || reason->find_first_not_of(" \t\r\n") == std::string::npos) {
    return error_reply("input", "merge needs a 'reason' (why these are one customer)");
  }
  int ia = resolver_.by_id(*a), ib = resolver_.by_id(*b);
  if (ia < 0 || ib < 0) return error_reply("not_found", "no customer '" + (ia < 0 ? *a : *b) + "'");
  if (resolver_.find(ia) == resolver_.find(ib)) return error_reply("input", "'" + *a + "' and '" + *b + "' are already one customer");
  std::string ra = resolver_.customers()[resolver_.find(ia)].id, rb = resolver_.customers()[resolver_.find(ib)].id;
  decisions_.push_back(Decision{true, ra, rb, *reason, events_.size()});
  resolver_.merge(ra, rb, *reason);
  return ok_reply({{"merge", resolver_.merges().back().id}, {"customer", resolver_.customers()[resolver_.find(ia)].id}});
}

std::string Context::unmerge(std::string_view text) {
  json q;
  std::string error;
  if (!parse_object(text, &q, &error)) return error_reply("input", "unmerge " + error + " ({merge})");
  const std::string* id = string_field(q, "merge");
  if (!id) return error_reply("input", "unmerge needs the 'merge' id (from a profile's merges)");
  const auto& all = resolver_.customers();
  for (const Merge& m : resolver_.merges()) {
    if (m.id != *id) continue;
    std::string s = all[m.survivor].id, a = all[m.absorbed].id;
    // A manual merge is withdrawn; either kind then stays undone.
    decisions_.erase(std::remove_if(decisions_.begin(), decisions_.end(), [&](const Decision& d) {
      return d.merge && ((d.a == s && d.b == a) || (d.a == a && d.b == s));
    }), decisions_.end());
    decisions_.push_back(Decision{false, s, a, m.reason, 0});
    replay();
    return ok_reply({{"customers", {s, a}}});
  }
  return error_reply("not_found", "no merge '" + *id + "' (already undone?)");
}

std::string Context::forget(std::string_view text) {
  json q;
  std::string failure;
  int root = find_customer(text, &q, &failure);
  if (root < 0) return failure;
  std::set<std::string> ids;
  for (int m : resolver_.customers()[root].members) ids.insert(resolver_.customers()[m].id);
  std::vector<uint32_t> gone = resolver_.events_of(root);
  std::sort(gone.begin(), gone.end());
  json removed = json::array();
  std::vector<Event> kept;
  kept.reserve(events_.size() - gone.size());
  size_t g = 0;
  for (uint32_t i = 0; i < events_.size(); ++i) {
    if (g < gone.size() && gone[g] == i) {
      removed.push_back(events_[i].id);
      ++g;
      continue;
    }
    kept.push_back(std::move(events_[i]));
  }
  events_ = std::move(kept);
  by_key_.clear();
  for (uint32_t i = 0; i < events_.size(); ++i) by_key_[events_[i].key] = i;
  // Decisions about them go too (they named this person).
  decisions_.erase(std::remove_if(decisions_.begin(), decisions_.end(), [&](const Decision& d) {
    return ids.count(d.a) || ids.count(d.b);
  }), decisions_.end());
  for (Decision& d : decisions_) d.at = std::min(d.at, events_.size());
  replay();
  return ok_reply({{"customers", json(std::vector<std::string>(ids.begin(), ids.end()))}, {"events", removed}});
}

std::string Context::decisions() const {
  json list = json::array();
  for (const Decision& d : decisions_) {
    list.push_back({{"kind", d.merge ? "merge" : "unmerge"}, {"a", d.a}, {"b", d.b}, {"reason", d.reason}, {"at", d.at}});
  }
  return ok_reply({{"decisions", list}});
}

std::string Context::restore(std::string_view text) {
  json doc = json::parse(text.begin(), text.end(), nullptr, false);
  if (doc.is_discarded() || !doc.is_array()) return error_reply("input", "decisions must be a JSON array");
  std::vector<Decision> list;
  for (size_t i = 0; i < doc.size(); ++i) {
    const json& d = doc[i];
    const std::string* kind = d.is_object() ? string_field(d, "kind") : nullptr;
    const std::string* a = d.is_object() ? string_field(d, "a") : nullptr;
    const std::string* b = d.is_object() ? string_field(d, "b") : nullptr;
    if (!kind || (*kind != "merge" && *kind != "unmerge") || !a || !b) {
      return error_reply("input", "decision " + std::to_string(i) + ": needs kind ('merge'|'unmerge'), a and b",
                         {{"decision", i}});
    }
    Decision x{*kind == "merge", *a, *b, "", 0};
    if (const std::string* r = string_field(d, "reason")) x.reason = *r;
    if (d.contains("at") && d["at"].is_number_unsigned()) x.at = std::min<size_t>(d["at"].get<size_t>(), events_.size());
    list.push_back(std::move(x));
  }
  decisions_ = std::move(list);
  replay();
  return ok_reply({{"decisions", decisions_.size()}});
}

void Context::clear() {
  events_.clear();
  by_key_.clear();
  decisions_.clear();
  resolver_ = Resolver();
}

}  // namespace rapport::context

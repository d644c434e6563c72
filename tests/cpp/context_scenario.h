// Runs a scenario of tests/fixtures/context/ against the native engine: its
// steps (add, merge, unmerge, forget, check) and its expectations, the same
// way tests/js/context-scenarios.mjs runs them against the wasm build. Returns
// the failures (empty when all hold) and the golden document (profiles,
// timelines, the expected summaries) that <name>.expected.json pins.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "context/context.h"

namespace rapport::testing {

using nlohmann::json;

inline json reply(const std::string& text) { return json::parse(text); }

// A value by path: "contacts.last7", "openIssues.0.ticket", "lifetimeValue.length".
inline bool at_path(const json& doc, const std::string& path, json* out) {
  const json* v = &doc;
  size_t start = 0;
  while (start <= path.size()) {
    size_t dot = path.find('.', start);
    std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (v->is_array()) {
      if (part == "length") {
        *out = v->size();
        return dot == std::string::npos;
      }
      size_t i = std::stoul(part);
      if (i >= v->size()) return false;
      v = &(*v)[i];
    } else if (v->is_object() && v->contains(part)) {
      v = &(*v)[part];
    } else {
      return false;
    }
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  *out = *v;
  return true;
}

class ScenarioRunner {
 public:
  explicit ScenarioRunner(const json& scenario) : s_(scenario) {}

  std::vector<std::string> run() {
    json r = reply(ctx_.configure(s_.value("options", json::object()).dump()));
    if (!r["ok"].get<bool>()) fail("options: " + r.dump());
    size_t n = 0;
    for (const json& step : s_["steps"]) step_(step, n++);
    check(s_["expect"], "expect");
    return failures_;
  }

  json golden() {
    json customers = reply(ctx_.customers())["customers"];
    json timelines = json::object();
    for (const json& c : customers) {
      json t = reply(ctx_.timeline(json{{"customer", c["id"]}}.dump()));
      timelines[c["id"].get<std::string>()] = t["events"];
    }
    json summaries = json::array();
    for (const json& spec : s_["expect"].value("summaries", json::array())) summaries.push_back(summary(spec));
    return {{"customers", customers}, {"timelines", timelines}, {"summaries", summaries}};
  }

 private:
  void fail(const std::string& why) { failures_.push_back(why); }

  // A customer id from an identity query; "" (and a failure) when none.
  std::string id_of(const json& query, const std::string& where) {
    json r = reply(ctx_.profile(query.dump()));
    if (!r["ok"].get<bool>()) {
      fail(where + ": no customer for " + query.dump() + ": " + r["error"]["message"].get<std::string>());
      return "";
    }
    return r["customer"]["id"];
  }

  json summary(const json& spec) {
    json q = {{"customer", id_of(spec["customer"], "summary")}, {"now", spec["now"]}};
    if (spec.contains("repeatDays")) q["repeatDays"] = spec["repeatDays"];
    json r = reply(ctx_.summary(q.dump()));
    return r["ok"].get<bool>() ? r["summary"] : r;
  }

  void step_(const json& step, size_t n) {
    std::string where = "step " + std::to_string(n);
    size_t before = ctx_.size();
    if (step.contains("add")) {
      json r = reply(ctx_.add_events(step["add"].dump()));
      if (step.contains("error")) {
        if (r["ok"].get<bool>()) return fail(where + ": expected an error, got " + r.dump());
        for (const char* k : {"event", "field"}) {
          if (r["error"][k] != step["error"][k]) fail(where + ": error " + k + " " + r["error"].dump());
        }
        if (ctx_.size() != before) fail(where + ": a failed batch added events");
        return;
      }
      if (!r["ok"].get<bool>()) return fail(where + ": " + r.dump());
      if (step.contains("expectAdded") && r["added"] != step["expectAdded"]) fail(where + ": added " + r["added"].dump());
      if (step.contains("expectDuplicates") && r["duplicates"] != step["expectDuplicates"]) {
        fail(where + ": duplicates " + r["duplicates"].dump());
      }
      if (step.contains("expectMerged") && r["merged"].size() != step["expectMerged"].get<size_t>()) {
        fail(where + ": merged " + r["merged"].dump());
      }
    } else if (step.contains("merge")) {
      const json& m = step["merge"];
      json q = {{"a", id_of(m["a"], where)}, {"b", id_of(m["b"], where)}, {"reason", m["reason"]}};
      json r = reply(ctx_.merge(q.dump()));
      if (!r["ok"].get<bool>()) fail(where + ": merge " + r.dump());
    } else if (step.contains("unmerge")) {
      json p = reply(ctx_.profile(step["unmerge"]["customer"].dump()));
      if (!p["ok"].get<bool>() || p["customer"]["merges"].empty()) return fail(where + ": nothing to unmerge");
      json r = reply(ctx_.unmerge(json{{"merge", p["customer"]["merges"].back()["id"]}}.dump()));
      if (!r["ok"].get<bool>()) fail(where + ": unmerge " + r.dump());
    } else if (step.contains("forget")) {
      json r = reply(ctx_.forget(step["forget"].dump()));
      if (!r["ok"].get<bool>()) fail(where + ": forget " + r.dump());
    } else if (step.contains("check")) {
      check(step["check"], where);
    }
  }

  void check(const json& e, const std::string& where) {
    json customers = reply(ctx_.customers())["customers"];
    if (e.contains("customers") && customers.size() != e["customers"].get<size_t>()) {
      fail(where + ": " + std::to_string(customers.size()) + " customers, expected " + e["customers"].dump());
    }
    for (const json& pair : e.value("same", json::array())) {
      if (id_of(pair[0], where) != id_of(pair[1], where)) fail(where + ": not one customer: " + pair.dump());
    }
    for (const json& pair : e.value("apart", json::array())) {
      std::string a = id_of(pair[0], where), b = id_of(pair[1], where);
      if (a == b) fail(where + ": one customer, expected two: " + pair.dump());
    }
    for (const char* kind : {"ambiguous", "missing"}) {
      for (const json& q : e.value(kind, json::array())) {
        json r = reply(ctx_.profile(q.dump()));
        std::string code = std::string(kind) == "missing" ? "not_found" : "ambiguous";
        if (r["ok"].get<bool>() || r["error"]["code"] != code) fail(where + ": " + kind + " " + q.dump() + " -> " + r.dump());
      }
    }
    for (const json& p : e.value("profiles", json::array())) {
      json r = reply(ctx_.profile(p["customer"].dump()));
      if (!r["ok"].get<bool>()) {
        fail(where + ": profile " + p["customer"].dump() + " " + r.dump());
        continue;
      }
      const json& c = r["customer"];
      size_t manual = 0;
      for (const json& m : c["merges"]) manual += m["manual"].get<bool>();
      json got = {{"merges", c["merges"].size()}, {"manualMerges", manual}, {"phones", c["phones"].size()},
                  {"links", c["links"].size()}, {"events", c["events"]}, {"name", c["name"]}};
      for (auto it = p.begin(); it != p.end(); ++it) {
        if (it.key() != "customer" && got[it.key()] != *it) {
          fail(where + ": profile " + p["customer"].dump() + " " + it.key() + " = " + got[it.key()].dump());
        }
      }
    }
    for (const json& t : e.value("timelines", json::array())) {
      json r = reply(ctx_.timeline(t["customer"].dump()));
      json types = json::array(), conversations = json::array(), ambiguous = json::array();
      for (const json& ev : r["events"]) {
        types.push_back(ev["type"]);
        if (ev.contains("conversation") && std::find(conversations.begin(), conversations.end(), ev["conversation"]) == conversations.end()) {
          conversations.push_back(ev["conversation"]);
        }
        if (ev.value("ambiguous", false)) ambiguous.push_back(ev.value("conversation", ev["id"].get<std::string>()));
      }
      json got = {{"types", types}, {"conversations", conversations}, {"ambiguous", ambiguous}};
      for (const char* k : {"types", "conversations", "ambiguous"}) {
        if (t.contains(k) && t[k] != got[k]) fail(where + ": timeline " + k + " " + got[k].dump());
      }
    }
    for (const json& spec : e.value("summaries", json::array())) {
      json s = summary(spec);
      for (auto it = spec["fields"].begin(); it != spec["fields"].end(); ++it) {
        json v;
        if (!at_path(s, it.key(), &v)) v = "(missing)";
        if (v != *it) fail(where + ": summary " + spec["customer"].dump() + " " + it.key() + " = " + v.dump());
      }
    }
  }

  const json& s_;
  rapport::context::Context ctx_;
  std::vector<std::string> failures_;
};

}  // namespace rapport::testing

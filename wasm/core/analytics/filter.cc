#include "analytics/filter.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace rapport::analytics {
namespace {

using nlohmann::json;
constexpr int64_t kDayMs = 86'400'000;

bool read_ids(const json& q, const char* key, const StringPool& pool, std::vector<int64_t>* out,
              std::string* error) {
  auto it = q.find(key);
  if (it == q.end() || it->is_null()) return true;
  if (!it->is_array()) {
    *error = std::string("query field '") + key + "' must be an array of strings";
    return false;
  }
  for (const json& v : *it) {
    if (!v.is_string()) {
      *error = std::string("query field '") + key + "' must be an array of strings";
      return false;
    }
    out->push_back(pool.find(v.get_ref<const std::string&>()));
  }
  return true;
}

bool read_bound(const json& q, const char* key, bool end, int64_t* out, std::string* error) {
  auto it = q.find(key);
  if (it == q.end() || it->is_null()) return true;
  Timestamp t;
  if (!it->is_string() || !parse_timestamp(it->get_ref<const std::string&>(), &t)) {
    *error = std::string("query field '") + key + "' must be an ISO 8601 date or date-time";
    return false;
  }
  *out = t.utc_ms + (end && it->get_ref<const std::string&>().size() == 10 ? kDayMs : 0);
  return true;
}

bool any_of(const std::vector<int64_t>& wanted, uint32_t id) {
  return wanted.empty() || std::find(wanted.begin(), wanted.end(), static_cast<int64_t>(id)) != wanted.end();
}

}  // namespace

bool parse_query(std::string_view text, const StringPool& pool, Query* out, std::string* error) {
  *out = Query();
  if (text.empty()) return true;
  json q = json::parse(text.begin(), text.end(), nullptr, false);
  if (q.is_discarded() || !q.is_object()) {
    *error = "the query must be a JSON object";
    return false;
  }
  if (!read_bound(q, "from", false, &out->from_ms, error) || !read_bound(q, "to", true, &out->to_ms, error) ||
      !read_ids(q, "agents", pool, &out->agents, error) || !read_ids(q, "brands", pool, &out->brands, error) ||
      !read_ids(q, "channels", pool, &out->channels, error) || !read_ids(q, "tags", pool, &out->tags, error)) {
    return false;
  }
  if (auto it = q.find("cues"); it != q.end() && !it->is_null()) {
    for (const json& v : *it) {
      int bit = v.is_string() ? cue_bit(v.get_ref<const std::string&>()) : -1;
      if (bit < 0) {
        *error = "query field 'cues' must list cue ids (urgency, churn_risk, escalation, repeat_contact, "
                 "confusion, gratitude)";
        return false;
      }
      out->cues |= static_cast<uint8_t>(1u << bit);
    }
  }
  if (auto it = q.find("bucket"); it != q.end() && !it->is_null()) {
    if (!it->is_string() || !parse_bucket(it->get_ref<const std::string&>(), &out->bucket)) {
      *error = "query field 'bucket' must be 'hour', 'day' or 'week'";
      return false;
    }
  }
  if (auto it = q.find("queueLimit"); it != q.end() && !it->is_null()) {
    if (!it->is_number_unsigned()) {
      *error = "query field 'queueLimit' must be a non-negative integer";
      return false;
    }
    out->queue_limit = it->get<size_t>();
  }
  return true;
}

bool matches(const Query& q, const Dataset& data, const MessageRecord& r) {
  if (r.at_ms < q.from_ms || r.at_ms >= q.to_ms) return false;
  if (!any_of(q.agents, r.agent) || !any_of(q.brands, r.brand) || !any_of(q.channels, r.channel)) return false;
  if (!q.tags.empty()) {
    bool found = false;
    for (uint32_t i = r.tags_begin; i < r.tags_end && !found; ++i) found = any_of(q.tags, data.tag_ids[i]);
    if (!found) return false;
  }
  return true;
}

}  // namespace rapport::analytics

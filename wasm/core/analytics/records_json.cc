#include "analytics/records_json.h"

#include <nlohmann/json.hpp>

#include "analytics/time.h"
#include "output/json_writer.h"

namespace rapport::analytics {
namespace {

using nlohmann::json;

struct RecordError {
  std::string field;
  std::string message;
};

bool fail(RecordError* e, const char* field, std::string message) {
  e->field = field;
  e->message = std::move(message);
  return false;
}

const json* member(const json& obj, const char* key) {
  auto it = obj.find(key);
  return it == obj.end() || it->is_null() ? nullptr : &*it;
}

bool read_string(const json& obj, const char* key, StringPool* pool, uint32_t* out, RecordError* e) {
  const json* v = member(obj, key);
  if (!v) return true;
  if (!v->is_string()) return fail(e, key, "must be a string");
  *out = pool->intern(v->get_ref<const std::string&>());
  return true;
}

bool read_number(const json& obj, const char* key, double lo, double hi, float* out, RecordError* e) {
  const json* v = member(obj, key);
  if (!v) return true;
  if (!v->is_number()) return fail(e, key, "must be a number");
  double x = v->get<double>();
  if (!(x >= lo && x <= hi)) {
    return fail(e, key, "must be between " + std::to_string(lo) + " and " + std::to_string(hi));
  }
  *out = static_cast<float>(x);
  return true;
}

bool read_time(const json& obj, const char* key, bool required, Timestamp* out, RecordError* e) {
  const json* v = member(obj, key);
  if (!v) return required ? fail(e, key, "is required (an ISO 8601 date-time)") : true;
  if (!v->is_string()) return fail(e, key, "must be an ISO 8601 date-time string");
  const auto& s = v->get_ref<const std::string&>();
  if (!parse_timestamp(s, out)) return fail(e, key, "is not an ISO 8601 date-time: '" + s.substr(0, 40) + "'");
  return true;
}

// A list of strings into `ids` (tags, cold phrases); `range` gets its bounds.
bool read_list(const json& obj, const char* key, StringPool* pool, std::vector<uint32_t>* ids,
               uint32_t* begin, uint32_t* end, RecordError* e) {
  *begin = *end = static_cast<uint32_t>(ids->size());
  const json* v = member(obj, key);
  if (!v) return true;
  if (!v->is_array()) return fail(e, key, "must be an array of strings");
  for (const json& item : *v) {
    if (!item.is_string()) return fail(e, key, "must be an array of strings");
    ids->push_back(pool->intern(item.get_ref<const std::string&>()));
  }
  *end = static_cast<uint32_t>(ids->size());
  return true;
}

bool read_cues(const json& obj, uint8_t* bits, RecordError* e) {
  const json* v = member(obj, "cues");
  if (!v) return true;
  if (!v->is_array()) return fail(e, "cues", "must be an array of cue ids");
  for (const json& item : *v) {
    if (!item.is_string()) return fail(e, "cues", "must be an array of cue ids");
    int bit = cue_bit(item.get_ref<const std::string&>());
    if (bit < 0) return fail(e, "cues", "unknown cue '" + item.get<std::string>() + "'");
    *bits |= static_cast<uint8_t>(1u << bit);
  }
  return true;
}

bool read_facts(const json& obj, uint32_t conversation, Dataset* data, RecordError* e) {
  ConversationFacts f = data->facts.count(conversation) ? data->facts[conversation] : ConversationFacts();
  Timestamp resolved;
  if (!read_number(obj, "csat", 1, 5, &f.csat, e) || !read_number(obj, "nps", 0, 10, &f.nps, e) ||
      !read_number(obj, "handleSeconds", 0, 1e9, &f.handle_seconds, e) ||
      !read_time(obj, "resolvedAt", false, &resolved, e)) {
    return false;
  }
  if (member(obj, "resolvedAt")) f.resolved_at_ms = resolved.utc_ms;
  if (const json* fcr = member(obj, "fcr")) {
    if (!fcr->is_boolean()) return fail(e, "fcr", "must be true or false");
    f.first_contact_resolved = fcr->get<bool>() ? 1 : 0;
  }
  bool any = member(obj, "csat") || member(obj, "nps") || member(obj, "handleSeconds") ||
             member(obj, "resolvedAt") || member(obj, "fcr");
  if (any) data->facts[conversation] = f;
  return true;
}

bool read_record(const json& obj, Dataset* data, RecordError* e) {
  if (!obj.is_object()) return fail(e, "", "must be an object");
  MessageRecord r;
  const json* conv = member(obj, "conversation");
  if (!conv) return fail(e, "conversation", "is required");
  if (!conv->is_string() && !conv->is_number()) return fail(e, "conversation", "must be a string or number");
  r.conversation = data->strings.intern(conv->is_string() ? conv->get<std::string>() : conv->dump());
  Timestamp at;
  if (!read_time(obj, "at", true, &at, e)) return false;
  r.at_ms = at.utc_ms;
  r.tz_minutes = at.offset_minutes;
  if (const json* role = member(obj, "role")) {
    if (*role == "agent") r.role = Role::kAgent;
    else if (*role != "customer") return fail(e, "role", "must be 'customer' or 'agent'");
  }
  StringPool* pool = &data->strings;
  if (!read_string(obj, "agent", pool, &r.agent, e) || !read_string(obj, "brand", pool, &r.brand, e) ||
      !read_string(obj, "channel", pool, &r.channel, e) ||
      !read_string(obj, "customer", pool, &r.customer, e) ||
      !read_string(obj, "emotion", pool, &r.emotion, e) ||
      !read_number(obj, "sentiment", -1, 1, &r.sentiment, e) ||
      !read_number(obj, "priority", 0, 1, &r.priority, e) ||
      !read_number(obj, "empathy", 0, 100, &r.empathy, e) || !read_cues(obj, &r.cues, e) ||
      !read_list(obj, "tags", pool, &data->tag_ids, &r.tags_begin, &r.tags_end, e) ||
      !read_list(obj, "cold", pool, &data->cold_ids, &r.cold_begin, &r.cold_end, e) ||
      !read_facts(obj, r.conversation, data, e)) {
    return false;
  }
  data->records.push_back(r);
  return true;
}

}  // namespace

AppendResult append_records_json(std::string_view text, Dataset* data) {
  AppendResult result;
  json doc = json::parse(text.begin(), text.end(), nullptr, false);
  if (doc.is_discarded() || !doc.is_array()) {
    result.ok = false;
    result.message = "records must be a JSON array of objects";
    return result;
  }
  // All or nothing: a failed record rolls back to this copy-free snapshot
  // (records and lists only grow; pool strings added on the way are harmless
  // but facts may have changed, so those are restored from a copy).
  const size_t records = data->records.size(), tags = data->tag_ids.size(), cold = data->cold_ids.size();
  auto facts = data->facts;
  RecordError error;
  for (size_t i = 0; i < doc.size(); ++i) {
    if (!read_record(doc[i], data, &error)) {
      data->records.resize(records);
      data->tag_ids.resize(tags);
      data->cold_ids.resize(cold);
      data->facts = std::move(facts);
      result.ok = false;
      result.index = i;
      result.field = error.field;
      result.message = error.message;
      return result;
    }
  }
  result.added = doc.size();
  return result;
}

std::string append_result_json(const AppendResult& r, size_t total) {
  std::string out;
  if (r.ok) {
    out = "{\"ok\":true,\"added\":";
    append_json_uint(out, r.added);
    out += ",\"total\":";
    append_json_uint(out, total);
    return out + "}";
  }
  out = "{\"ok\":false,\"error\":{\"record\":";
  append_json_uint(out, r.index);
  out += ",\"field\":";
  append_json_string(out, r.field);
  out += ",\"message\":";
  append_json_string(out, r.message);
  return out + "}}";
}

}  // namespace rapport::analytics

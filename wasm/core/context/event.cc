#include "context/event.h"

#include <cstdio>

#include "analytics/time.h"
#include "context/identity.h"
#include "context/topics.h"

namespace rapport::context {
namespace {

using nlohmann::json;

constexpr const char* kTypeNames[] = {
    "message",  "conversation", "ticket_opened",  "ticket_closed", "ticket_reopened", "purchase",
    "refund",   "account_change", "note",         "csat",          "nps"};

constexpr const char* kKnownFields[] = {
    "type",    "at",      "source",  "id",    "customer", "conversation", "ticket",
    "role",    "text",    "subject", "topic", "channel",  "assessment",   "sentiment",
    "emotion", "priority", "amount", "currency", "order", "item",         "change",
    "score",   "meta"};

struct Reader {
  const json& obj;
  std::string* field;
  std::string* message;

  bool fail(const char* name, std::string why) const {
    *field = name;
    *message = std::move(why);
    return false;
  }
  const json* get(const char* name) const {
    auto it = obj.find(name);
    return it == obj.end() || it->is_null() ? nullptr : &*it;
  }
  // Strings; ids may also be written as numbers ("order": 1042).
  bool text(const char* name, std::string* out, bool id_like = false) const {
    const json* v = get(name);
    if (!v) return true;
    if (v->is_string()) {
      *out = v->get<std::string>();
    } else if (id_like && v->is_number_integer()) {
      *out = v->dump();
    } else {
      return fail(name, id_like ? "must be a string or an integer" : "must be a string");
    }
    return true;
  }
  bool number(const char* name, double lo, double hi, double* out) const {
    const json* v = get(name);
    if (!v) return true;
    if (!v->is_number()) return fail(name, "must be a number");
    double x = v->get<double>();
    if (!(x >= lo && x <= hi)) {
      char range[80];
      std::snprintf(range, sizeof range, "must be between %g and %g", lo, hi);
      return fail(name, range);
    }
    *out = x;
    return true;
  }
};

bool parse_type(const Reader& r, EventType* out) {
  const json* v = r.get("type");
  if (!v) return r.fail("type", "is required (message, conversation, ticket_opened, ...)");
  if (v->is_string()) {
    for (size_t i = 0; i < std::size(kTypeNames); ++i) {
      if (*v == kTypeNames[i]) {
        *out = static_cast<EventType>(i);
        return true;
      }
    }
  }
  std::string list;
  for (const char* name : kTypeNames) list += std::string(list.empty() ? "" : ", ") + name;
  return r.fail("type", "must be one of " + list);
}

bool parse_customer(const json& obj, const ParseOptions& options, Who* who, std::string* field,
                    std::string* message) {
  const json* c = nullptr;
  if (auto it = obj.find("customer"); it != obj.end() && !it->is_null()) c = &*it;
  if (!c) return true;
  if (!c->is_object()) {
    *field = "customer";
    *message = "must be an object {email, phone, userId, name}";
    return false;
  }
  for (auto it = c->begin(); it != c->end(); ++it) {
    const std::string& k = it.key();
    if (k != "email" && k != "phone" && k != "userId" && k != "name") {
      *field = "customer." + k;
      *message = "is not a customer field (email, phone, userId, name)";
      return false;
    }
    if (it->is_null()) continue;
    bool id_like = k == "userId" || k == "phone";
    if (!it->is_string() && !(id_like && it->is_number_integer())) {
      *field = "customer." + k;
      *message = id_like ? "must be a string or an integer" : "must be a string";
      return false;
    }
    std::string value = it->is_string() ? it->get<std::string>() : it->dump();
    if (value.empty()) continue;
    std::string error;
    if (k == "email") {
      who->email = normalize_email(value, &error);
      who->email_display = value;
    } else if (k == "phone") {
      who->phone = normalize_phone(value, options.default_calling_code, &error);
    } else if (k == "userId") {
      who->user_id = value;
    } else {
      who->name = normalize_name(value);
      who->name_display = value;
    }
    if (!error.empty()) {
      *field = "customer." + k;
      *message = "'" + value.substr(0, 60) + "' " + error;
      return false;
    }
  }
  // Display forms trimmed of the spaces around them.
  auto trim = [](std::string* s) {
    size_t b = s->find_first_not_of(" \t\r\n"), e = s->find_last_not_of(" \t\r\n");
    *s = b == std::string::npos ? std::string() : s->substr(b, e - b + 1);
  };
  trim(&who->email_display);
  trim(&who->name_display);
  return true;
}

bool parse_assessment(const Reader& r, Event* e) {
  const json* a = r.get("assessment");
  if (!a) return true;
  if (!a->is_object()) return r.fail("assessment", "must be an analyzer Assessment object");
  // The analyzer's Assessment: sentiment {label, score}, priority, and the
  // felt emotion (primaryEmotion on the model path).
  auto s = a->find("sentiment");
  if (s != a->end()) {
    const json* score = s->is_object() && s->contains("score") ? &(*s)["score"] : &*s;
    if (!score->is_number() || !(score->get<double>() >= -1 && score->get<double>() <= 1)) {
      return r.fail("assessment", "sentiment.score must be a number between -1 and 1");
    }
    e->sentiment = score->get<double>();
  }
  auto p = a->find("priority");
  if (p != a->end() && p->is_number()) e->priority = p->get<double>();
  auto emo = a->find("primaryEmotion");
  if (emo != a->end() && emo->is_string() && *emo != "neutral") e->emotion = emo->get<std::string>();
  return true;
}

bool require(const Reader& r, bool present, const char* name, const char* why) {
  return present || r.fail(name, why);
}

bool check_by_type(const Reader& r, const Event& e) {
  switch (e.type) {
    case EventType::kMessage:
      if (e.role != "customer" && e.role != "agent") return r.fail("role", "must be 'customer' or 'agent'");
      return require(r, !e.text.empty(), "text", "is required for a message");
    case EventType::kNote:
      return require(r, !e.text.empty(), "text", "is required for a note");
    case EventType::kTicketOpened:
    case EventType::kTicketClosed:
    case EventType::kTicketReopened:
      return require(r, !e.ticket.empty(), "ticket", "is required (the ticket's id) for a ticket event");
    case EventType::kPurchase:
    case EventType::kRefund:
      return require(r, !std::isnan(e.amount), "amount", "is required for a purchase or refund");
    case EventType::kAccountChange:
      return require(r, !e.change.empty(), "change", "is required (what changed) for an account change");
    case EventType::kCsat:
      if (std::isnan(e.score) || e.score < 1 || e.score > 5) return r.fail("score", "is required, 1 to 5, for a CSAT rating");
      return true;
    case EventType::kNps:
      if (std::isnan(e.score) || e.score > 10) return r.fail("score", "is required, 0 to 10, for an NPS rating");
      return true;
    case EventType::kConversation:
      return require(r, !e.conversation.empty(), "conversation", "is required for a conversation event");
  }
  return true;
}

void add_num(std::string* key, double x) {
  if (std::isnan(x)) {
    *key += "|";
    return;
  }
  char buf[40];
  std::snprintf(buf, sizeof buf, "|%.6g", x);
  *key += buf;
}

// Two events are the same when their source says so (its own id, or the
// order number of a purchase), else when everything they say is the same.
std::string dedupe_key(const Event& e) {
  const char* type = kTypeNames[static_cast<int>(e.type)];
  const char sep = '\x1f';
  if (!e.source_id.empty()) return std::string("id") + sep + e.source + sep + type + sep + e.source_id;
  if ((e.type == EventType::kPurchase || e.type == EventType::kRefund) && !e.order.empty()) {
    return std::string("order") + sep + e.source + sep + type + sep + e.order;
  }
  std::string key = std::string("content") + sep + type + sep + std::to_string(e.at_ms);
  for (const std::string* s : {&e.source, &e.conversation, &e.ticket, &e.role, &e.text, &e.subject,
                               &e.currency, &e.item, &e.change, &e.who.email, &e.who.phone,
                               &e.who.user_id}) {
    key += sep;
    key += *s;
  }
  add_num(&key, e.amount);
  add_num(&key, e.score);
  return key;
}

}  // namespace

const char* event_type_name(EventType type) { return kTypeNames[static_cast<int>(type)]; }

std::string hash_hex(const std::string& text, size_t digits) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return std::string(buf, digits < 16 ? digits : 16);
}

bool parse_event(const json& obj, const ParseOptions& options, Event* e, std::string* field,
                 std::string* message) {
  Reader r{obj, field, message};
  if (!obj.is_object()) return r.fail("", "must be an object");
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    bool known = false;
    for (const char* k : kKnownFields) known = known || it.key() == k;
    if (!known) {
      *field = it.key();
      *message = "is not an event field (extra data goes in 'meta')";
      return false;
    }
  }
  if (!parse_type(r, &e->type)) return false;
  const json* at = r.get("at");
  if (!at) return r.fail("at", "is required (an ISO 8601 date-time)");
  analytics::Timestamp ts;
  if (!at->is_string() || !analytics::parse_timestamp(at->get<std::string>(), &ts)) {
    std::string shown = at->is_string() ? at->get<std::string>().substr(0, 40) : at->dump().substr(0, 40);
    return r.fail("at", "is not an ISO 8601 date-time: '" + shown + "'");
  }
  e->at = at->get<std::string>();
  e->at_ms = ts.utc_ms;
  e->offset_minutes = ts.offset_minutes;
  e->role = e->type == EventType::kMessage ? "customer" : "";
  if (!r.text("source", &e->source) || !r.text("id", &e->source_id, true) ||
      !r.text("conversation", &e->conversation, true) || !r.text("ticket", &e->ticket, true) ||
      !r.text("role", &e->role) || !r.text("text", &e->text) || !r.text("subject", &e->subject) ||
      !r.text("topic", &e->topic) || !r.text("channel", &e->channel) ||
      !r.text("emotion", &e->emotion) || !r.text("currency", &e->currency) ||
      !r.text("order", &e->order, true) || !r.text("item", &e->item) ||
      !r.text("change", &e->change) || !r.number("sentiment", -1, 1, &e->sentiment) ||
      !r.number("priority", 0, 1, &e->priority) || !r.number("amount", 0, 1e12, &e->amount) ||
      !r.number("score", 0, 10, &e->score) || !parse_assessment(r, e)) {
    return false;
  }
  if (e->source.empty()) e->source = "manual";
  for (char& c : e->currency) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  if (!e->currency.empty() && e->currency.size() != 3) {
    return r.fail("currency", "must be a three-letter ISO 4217 code (EUR, USD, ...)");
  }
  if (const json* meta = r.get("meta")) {
    if (!meta->is_object()) return r.fail("meta", "must be an object");
    e->meta = *meta;
  }
  if (!parse_customer(obj, options, &e->who, field, message)) return false;
  if (e->who.email.empty() && e->who.phone.empty() && e->who.user_id.empty() &&
      e->conversation.empty()) {
    return r.fail("customer", "needs an email, phone or userId (or the event's conversation) to "
                              "know whose it is; a name alone is not enough");
  }
  if (!check_by_type(r, *e)) return false;
  // What it is about, when nobody said: the subject line (written to say
  // just that), else the customer's words.
  if (e->topic.empty()) {
    const TopicInfo* t = nullptr;
    if (!e->subject.empty()) t = classify_topic(e->subject);
    if (!t && e->type == EventType::kMessage && e->role == "customer") t = classify_topic(e->text);
    if (t) e->topic_id = t->id;
  }
  e->key = dedupe_key(*e);
  e->id = "e_" + hash_hex(e->key);
  if (!e->conversation.empty()) e->contact_key = "c\x1f" + e->source + "\x1f" + e->conversation;
  else if (!e->ticket.empty()) e->contact_key = "t\x1f" + e->source + "\x1f" + e->ticket;
  else e->contact_key = "e\x1f" + e->id;
  if (!e->ticket.empty()) e->ticket_key = e->source + "\x1f" + e->ticket;
  return true;
}

json event_json(const Event& e) {
  json out = json::object();
  out["id"] = e.id;
  out["type"] = event_type_name(e.type);
  out["at"] = e.at;
  out["source"] = e.source;
  auto put = [&out](const char* name, const std::string& v) {
    if (!v.empty()) out[name] = v;
  };
  auto put_num = [&out](const char* name, double v) {
    if (!std::isnan(v)) out[name] = v;
  };
  put("sourceId", e.source_id);
  put("conversation", e.conversation);
  put("ticket", e.ticket);
  put("role", e.role);
  put("channel", e.channel);
  put("subject", e.subject);
  put("text", e.text);
  const TopicInfo* topic = topic_info(e.topic_id);
  put("topic", e.topic.empty() && topic ? topic->label : e.topic);
  put("topicId", e.topic_id);
  put_num("sentiment", e.sentiment);
  put("emotion", e.emotion);
  put_num("priority", e.priority);
  put_num("amount", e.amount);
  put("currency", e.currency);
  put("order", e.order);
  put("item", e.item);
  put("change", e.change);
  put_num("score", e.score);
  json who = json::object();
  if (!e.who.email.empty()) who["email"] = e.who.email_display;
  if (!e.who.phone.empty()) who["phone"] = e.who.phone;
  if (!e.who.user_id.empty()) who["userId"] = e.who.user_id;
  if (!e.who.name_display.empty()) who["name"] = e.who.name_display;
  out["customer"] = who;
  if (!e.meta.is_null()) out["meta"] = e.meta;
  put("matchedBy", e.matched_by);
  if (e.ambiguous) out["ambiguous"] = true;
  return out;
}

}  // namespace rapport::context

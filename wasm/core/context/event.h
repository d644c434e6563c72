// One thing that happened with a customer, as the context engine keeps it:
// a message (with its assessment), a conversation, a ticket's state change,
// a purchase or refund, an account change, a note, a CSAT/NPS rating.
// Events arrive as JSON objects (shared/api/README.md, "Customer context",
// lists the fields); parsing checks each field and names the bad one.
#pragma once
#include <cmath>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace rapport::context {

enum class EventType {
  kMessage,
  kConversation,
  kTicketOpened,
  kTicketClosed,
  kTicketReopened,
  kPurchase,
  kRefund,
  kAccountChange,
  kNote,
  kCsat,
  kNps,
};

const char* event_type_name(EventType type);

// The identity the event carries, normalized (identity.h); empty = absent.
struct Who {
  std::string email, phone, user_id, name;
  std::string email_display, name_display;  // as first written, for profiles
};

struct Event {
  EventType type = EventType::kNote;
  int64_t at_ms = 0;
  int32_t offset_minutes = 0;
  std::string at;  // as written, echoed in the timeline
  std::string source, source_id, conversation, ticket, role, text, subject, topic, channel;
  std::string currency, order, item, change, emotion;
  double amount = NAN, score = NAN, sentiment = NAN, priority = NAN;
  nlohmann::json meta;  // free-form extra fields (CRM columns), kept as given
  Who who;
  std::string key;  // what makes two events the same (dedupe)
  // The contact it belongs to (its conversation, else its ticket, else
  // itself) and its ticket across sources: computed once, so a summary over
  // thousands of events allocates nothing per event.
  std::string contact_key, ticket_key;
  std::string id;   // "e_" + hash of key: stable, safe to show
  // Filled by the engine: the topic the text is about when none was given.
  std::string topic_id;
  bool ambiguous = false;  // placed on one of several profiles sharing a key
  std::string matched_by;  // which key placed it ("email", "phone", "user", ...)
};

struct ParseOptions {
  std::string default_calling_code;  // for national phone numbers
};

// Reads one event; false with `*field` ("" for the object itself, else the
// field's name) and `*message` on bad input.
bool parse_event(const nlohmann::json& obj, const ParseOptions& options, Event* out,
                 std::string* field, std::string* message);

// The event as the timeline shows it (identity normalized, assessment reduced
// to the fields a timeline needs).
nlohmann::json event_json(const Event& event);

// 64-bit FNV-1a as 16 hex digits: stable ids from keys, same in every build.
std::string hash_hex(const std::string& text, size_t digits = 16);

}  // namespace rapport::context

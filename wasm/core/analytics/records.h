// The dashboard's data: one compact record per scored message, as the
// analytics keep it in memory (no message text: the app keeps texts in its
// own store and asks for them by record index).
//
// Records arrive as JSON (records_json.cc; the fields are documented in
// shared/api/analytics.js and docs of the import format), already scored:
// customer messages carry the analyzer's sentiment, emotion, cues and
// priority; agent replies carry the draft review's empathy score and the
// cold phrases it flagged. Strings (conversation ids, agents, brands, ...)
// are interned once, so a filter compares small integers.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace rapport::analytics {

// Small integer ids for repeated strings; id 0 is always "" (absent).
class StringPool {
 public:
  StringPool() { intern(""); }
  uint32_t intern(std::string_view s);
  // The id of `s`, or -1 when it was never interned (a filter on it matches nothing).
  int64_t find(std::string_view s) const;
  const std::string& at(uint32_t id) const { return names_[id]; }
  size_t size() const { return names_.size(); }

 private:
  std::vector<std::string> names_;
  std::unordered_map<std::string, uint32_t> ids_;
};

enum class Role : uint8_t { kCustomer = 0, kAgent = 1 };

// The support cues the analyzer reports (analysis/cues.h ids), as bits.
constexpr const char* kCueNames[] = {"urgency", "churn_risk", "escalation",
                                     "repeat_contact", "confusion", "gratitude"};
constexpr int kCueCount = 6;
int cue_bit(std::string_view name);  // -1 when unknown

constexpr float kNoValue = -1e30f;  // a number the data does not have

struct MessageRecord {
  int64_t at_ms = 0;          // UTC milliseconds since 1970
  int32_t tz_minutes = 0;     // the offset the timestamp was written in
  uint32_t conversation = 0;  // pool ids
  uint32_t agent = 0;         // the agent who wrote (agent replies) or owns the conversation
  uint32_t brand = 0;
  uint32_t channel = 0;
  uint32_t customer = 0;
  uint32_t emotion = 0;       // the felt emotion's name, 0 when none stands out
  uint32_t tags_begin = 0;    // range in Dataset::tag_ids
  uint32_t tags_end = 0;
  uint32_t cold_begin = 0;    // range in Dataset::cold_ids (agent replies)
  uint32_t cold_end = 0;
  Role role = Role::kCustomer;
  uint8_t cues = 0;           // bit i: kCueNames[i]
  float sentiment = 0;        // -1..1 (customer messages; agent replies too when scored)
  float priority = 0;         // 0..1, customer messages
  float empathy = kNoValue;   // 0..100, agent replies reviewed by the draft review
};

// What is known about a conversation as a whole (ticket fields of the export).
struct ConversationFacts {
  float csat = kNoValue;           // 1..5
  float nps = kNoValue;            // 0..10
  int64_t resolved_at_ms = 0;      // 0: not resolved (or unknown)
  float handle_seconds = kNoValue; // agent working time, when the helpdesk records it
  int8_t first_contact_resolved = -1;  // -1 unknown, 0 no, 1 yes
};

struct Dataset {
  StringPool strings;
  std::vector<MessageRecord> records;   // in arrival order; the index is the record id
  std::vector<uint32_t> tag_ids;
  std::vector<uint32_t> cold_ids;
  std::unordered_map<uint32_t, ConversationFacts> facts;  // by conversation id
  // Record ids ordered by (conversation, time), rebuilt by ensure_index
  // (report.cc) when records were added since.
  std::vector<uint32_t> by_conversation;

  void clear() { *this = Dataset(); }
};

}  // namespace rapport::analytics

// What an agent should know before replying, from one customer's events:
// how often they were in touch (7/30/90 days), open issues, a repeat contact
// about the same topic, the sentiment trend of their messages, lifetime value
// and last purchase, the last contact's topic, and an opening line made only
// of those facts (null when they support none).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "context/event.h"

namespace rapport::context {

struct SummaryOptions {
  int64_t now_ms = 0;
  std::string now;               // as written, echoed
  int32_t tz_offset_minutes = 0;  // the agent's zone, for "yesterday"
  int repeat_days = 14;          // the same topic again within this many days is a repeat
};

// `events`: one customer's events in time order; later than `now` are ignored.
// `name`: the customer's display name ("" when unknown).
nlohmann::json summarize(const std::vector<const Event*>& events, const std::string& name,
                         const SummaryOptions& options);

// "earlier today", "yesterday", "3 days ago", "last week", "3 weeks ago",
// "in March", "in March 2025": when `at_ms` was, seen from `now_ms`.
std::string relative_day(int64_t at_ms, int64_t now_ms, int32_t tz_offset_minutes);

}  // namespace rapport::context

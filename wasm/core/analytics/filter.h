// Which records a dashboard query looks at: a date range, agents, brands,
// channels, tags and cues. Each list is "any of"; lists combine with "and";
// an empty list does not filter. Applied per record: a customer message
// carries its conversation's agent, brand, channel and tags (the importers
// copy them), so filtering by agent keeps both sides of their conversations.
// The cue filter is per conversation: it keeps every matching record of the
// conversations where a customer message has one of the cues.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/records.h"
#include "analytics/time.h"

namespace rapport::analytics {

struct Query {
  int64_t from_ms = INT64_MIN;  // inclusive, UTC
  int64_t to_ms = INT64_MAX;    // exclusive, UTC
  std::vector<int64_t> agents, brands, channels, tags;  // pool ids (-1: never seen)
  uint8_t cues = 0;             // any of these bits; 0: no cue filter
  Bucket bucket = Bucket::kDay;
  size_t queue_limit = 100;
  size_t examples = 3;          // best/worst replies per agent
};

// Parses a query object (shape in shared/api/README.md, "Analytics"):
// {"from","to","agents","brands","channels","tags","cues","bucket","queueLimit"}.
// "to" as a bare date ("2020-04-30") includes that whole day.
// On error returns false and says which field is wrong.
bool parse_query(std::string_view json, const StringPool& pool, Query* out, std::string* error);

// Every filter but the cues (report.cc applies those per conversation).
bool matches(const Query& q, const Dataset& data, const MessageRecord& r);

}  // namespace rapport::analytics

// Timestamps and calendar buckets without the C library's time zone
// database: the dashboard buckets each message in the zone its timestamp was
// written in (the data's time zone), so only the written offset matters.
#pragma once
#include <cstdint>
#include <string_view>

namespace rapport::analytics {

struct Timestamp {
  int64_t utc_ms = 0;
  int32_t offset_minutes = 0;  // +02:00 -> 120; 'Z' or no zone -> 0
};

// ISO 8601 / RFC 3339 date-times as helpdesks export them:
// "2020-04-01T17:31:32Z", "2020-04-01T17:31:32.120+02:00", "2020-04-01 17:31:32",
// "2020-04-01T17:31:32+0200", "2020-04-01". No zone means the wall-clock time
// as written (offset 0). Also the Twitter API form "Wed Apr 01 17:31:32 +0000 2020".
// False when `text` is not such a time.
bool parse_timestamp(std::string_view text, Timestamp* out);

enum class Bucket { kHour, kDay, kWeek };
bool parse_bucket(std::string_view name, Bucket* out);

// The start of the bucket holding local time `local_ms` (UTC ms + offset),
// in local ms. Weeks start on Monday (ISO 8601).
int64_t bucket_start(int64_t local_ms, Bucket bucket);

// The length of a bucket in ms (local time has no daylight-saving jumps here).
int64_t bucket_length(Bucket bucket);

// "2020-04-01T17:00" style label of a local time (minutes precision).
void format_local(int64_t local_ms, char out[40]);

}  // namespace rapport::analytics

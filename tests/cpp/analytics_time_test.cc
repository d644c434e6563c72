// Timestamps as helpdesks write them, and calendar buckets in local time.
#include <gtest/gtest.h>

#include <string>

#include "analytics/time.h"

namespace {

using namespace rapport::analytics;

int64_t utc(std::string_view s) {
  Timestamp t;
  EXPECT_TRUE(parse_timestamp(s, &t)) << s;
  return t.utc_ms;
}

std::string label(int64_t local_ms) {
  char buf[40];
  format_local(local_ms, buf);
  return buf;
}

TEST(AnalyticsTime, ParsesTheFormsExportsUse) {
  const int64_t base = 1585762292000;  // 2020-04-01T17:31:32Z
  EXPECT_EQ(utc("2020-04-01T17:31:32Z"), base);
  EXPECT_EQ(utc("2020-04-01T17:31:32.000Z"), base);
  EXPECT_EQ(utc("2020-04-01T19:31:32+02:00"), base);
  EXPECT_EQ(utc("2020-04-01T19:31:32+0200"), base);
  EXPECT_EQ(utc("2020-04-01T12:31:32-05:00"), base);
  EXPECT_EQ(utc("2020-04-01 17:31:32"), base);
  EXPECT_EQ(utc("2020-04-01 19:31:32 +02:00"), base);
  EXPECT_EQ(utc("Wed Apr 01 17:31:32 +0000 2020"), base);
  EXPECT_EQ(utc("2020-04-01T17:31:32.250Z"), base + 250);
  EXPECT_EQ(utc("2020-04-01"), base - (17 * 3600 + 31 * 60 + 32) * 1000LL);
  Timestamp t;
  ASSERT_TRUE(parse_timestamp("2020-04-01T19:31:32+02:00", &t));
  EXPECT_EQ(t.offset_minutes, 120);
}

TEST(AnalyticsTime, RefusesWhatIsNotADateTime) {
  Timestamp t;
  for (const char* bad : {"", "yesterday", "2020-13-01", "2020-02-30", "2019-02-29T00:00:00Z", "2020-04-01T25:00",
                          "2020-04-01T10:00:00Zjunk", "2020-04-01T10:00:00+25:00", "1585762292"}) {
    EXPECT_FALSE(parse_timestamp(bad, &t)) << bad;
  }
  EXPECT_TRUE(parse_timestamp("2020-02-29T00:00:00Z", &t));
}

TEST(AnalyticsTime, BucketsStartOnTheHourDayAndMonday) {
  int64_t local = utc("2020-04-01T17:31:32Z");  // a Wednesday
  EXPECT_EQ(label(bucket_start(local, Bucket::kHour)), "2020-04-01T17:00");
  EXPECT_EQ(label(bucket_start(local, Bucket::kDay)), "2020-04-01T00:00");
  EXPECT_EQ(label(bucket_start(local, Bucket::kWeek)), "2020-03-30T00:00");
  EXPECT_EQ(label(bucket_start(utc("2020-04-05T23:59:59Z"), Bucket::kWeek)), "2020-03-30T00:00");  // Sunday
  EXPECT_EQ(label(bucket_start(utc("2020-04-06T00:00:00Z"), Bucket::kWeek)), "2020-04-06T00:00");  // Monday
  EXPECT_EQ(label(bucket_start(utc("1969-12-31T23:30:00Z"), Bucket::kDay)), "1969-12-31T00:00");
}

}  // namespace

#include "analytics/time.h"

#include <cstdio>

namespace rapport::analytics {
namespace {

constexpr int64_t kMinuteMs = 60'000;
constexpr int64_t kHourMs = 60 * kMinuteMs;
constexpr int64_t kDayMs = 24 * kHourMs;

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
// days_from_civil algorithm, public domain description).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void civil_from_days(int64_t z, int* y, unsigned* m, unsigned* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int>(yoe + era * 400 + (*m <= 2));
}

// Reads exactly `n` digits at `*p`.
bool digits(std::string_view s, size_t* p, int n, int* value) {
  if (*p + n > s.size()) return false;
  int v = 0;
  for (int i = 0; i < n; ++i) {
    char c = s[*p + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *p += n;
  *value = v;
  return true;
}

bool month_from_name(std::string_view name, int* month) {
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (int i = 0; i < 12; ++i) {
    if (name == kMonths[i]) {
      *month = i + 1;
      return true;
    }
  }
  return false;
}

bool valid_date(int y, int m, int d) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && d == 29 && !leap);
}

// "+hh:mm", "+hhmm", "+hh", "Z" at *p; nothing is offset 0.
bool zone(std::string_view s, size_t* p, int* minutes) {
  *minutes = 0;
  if (*p == s.size()) return true;
  if (s[*p] == 'Z' || s[*p] == 'z') return ++*p == s.size();
  if (s[*p] != '+' && s[*p] != '-') return false;
  int sign = s[*p] == '-' ? -1 : 1;
  ++*p;
  int hh = 0, mm = 0;
  if (!digits(s, p, 2, &hh)) return false;
  if (*p < s.size() && s[*p] == ':') ++*p;
  if (*p < s.size() && !digits(s, p, 2, &mm)) return false;
  if (hh > 18 || mm > 59) return false;
  *minutes = sign * (hh * 60 + mm);
  return true;
}

bool compose(int y, int mo, int d, int h, int mi, int sec, int ms, int offset, Timestamp* out) {
  if (!valid_date(y, mo, d) || h > 23 || mi > 59 || sec > 60) return false;
  int64_t local = days_from_civil(y, mo, d) * kDayMs + h * kHourMs + mi * kMinuteMs + sec * 1000 + ms;
  out->utc_ms = local - offset * kMinuteMs;
  out->offset_minutes = offset;
  return true;
}

// "Wed Apr 01 17:31:32 +0000 2020" (Twitter API created_at).
bool parse_twitter(std::string_view s, Timestamp* out) {
  if (s.size() != 30 || s[3] != ' ' || s[7] != ' ' || s[10] != ' ' || s[19] != ' ' || s[25] != ' ') return false;
  int mo = 0, d = 0, h = 0, mi = 0, sec = 0, y = 0, offset = 0;
  size_t p = 8;
  if (!month_from_name(s.substr(4, 3), &mo) || !digits(s, &p, 2, &d)) return false;
  p = 11;
  if (!digits(s, &p, 2, &h) || s[p++] != ':' || !digits(s, &p, 2, &mi) || s[p++] != ':' ||
      !digits(s, &p, 2, &sec)) {
    return false;
  }
  std::string_view z = s.substr(20, 5);
  size_t zp = 0;
  if (!zone(z, &zp, &offset)) return false;
  p = 26;
  if (!digits(s, &p, 4, &y)) return false;
  return compose(y, mo, d, h, mi, sec, 0, offset, out);
}

}  // namespace

bool parse_timestamp(std::string_view s, Timestamp* out) {
  if (parse_twitter(s, out)) return true;
  size_t p = 0;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, ms = 0, offset = 0;
  if (!digits(s, &p, 4, &y) || p >= s.size() || s[p++] != '-' || !digits(s, &p, 2, &mo) ||
      p >= s.size() || s[p++] != '-' || !digits(s, &p, 2, &d)) {
    return false;
  }
  if (p < s.size()) {
    if (s[p] != 'T' && s[p] != 't' && s[p] != ' ') return false;
    ++p;
    if (!digits(s, &p, 2, &h) || p >= s.size() || s[p++] != ':' || !digits(s, &p, 2, &mi)) return false;
    if (p < s.size() && s[p] == ':') {
      ++p;
      if (!digits(s, &p, 2, &sec)) return false;
      if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
        ++p;
        int scale = 100, seen = 0;
        while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
          ms += (s[p++] - '0') * scale;
          scale /= 10;
          ++seen;
        }
        if (seen == 0) return false;
      }
    }
    if (p < s.size() && s[p] == ' ') ++p;  // "2020-04-01 17:31:32 +02:00"
    if (!zone(s, &p, &offset) || p != s.size()) return false;
  }
  return compose(y, mo, d, h, mi, sec, ms, offset, out);
}

bool parse_bucket(std::string_view name, Bucket* out) {
  if (name == "hour") *out = Bucket::kHour;
  else if (name == "day") *out = Bucket::kDay;
  else if (name == "week") *out = Bucket::kWeek;
  else return false;
  return true;
}

int64_t bucket_start(int64_t local_ms, Bucket bucket) {
  auto floor_to = [](int64_t v, int64_t unit) { return (v >= 0 ? v / unit : (v - unit + 1) / unit) * unit; };
  switch (bucket) {
    case Bucket::kHour: return floor_to(local_ms, kHourMs);
    case Bucket::kDay: return floor_to(local_ms, kDayMs);
    case Bucket::kWeek: {
      int64_t day = floor_to(local_ms, kDayMs) / kDayMs;  // 1970-01-01 was a Thursday
      int64_t monday_offset = ((day + 3) % 7 + 7) % 7;
      return (day - monday_offset) * kDayMs;
    }
  }
  return local_ms;
}

int64_t bucket_length(Bucket bucket) {
  return bucket == Bucket::kHour ? kHourMs : bucket == Bucket::kDay ? kDayMs : 7 * kDayMs;
}

void format_local(int64_t local_ms, char out[40]) {
  int64_t day = (local_ms >= 0 ? local_ms / kDayMs : (local_ms - kDayMs + 1) / kDayMs);
  int64_t in_day = local_ms - day * kDayMs;
  int y;
  unsigned m, d;
  civil_from_days(day, &y, &m, &d);
  std::snprintf(out, 40, "%04d-%02u-%02uT%02d:%02d", y, m, d, static_cast<int>(in_day / kHourMs),
                static_cast<int>(in_day % kHourMs / kMinuteMs));
}

}  // namespace rapport::analytics

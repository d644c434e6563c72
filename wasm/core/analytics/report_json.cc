// The report as JSON (shape documented in shared/api/README.md, "Analytics").
// Numbers the data does not have are null, never 0.
#include <algorithm>
#include <cstdio>

#include "analytics/analytics.h"
#include "analytics/time.h"
#include "output/json_writer.h"

namespace rapport::analytics {
namespace {

void key(std::string& out, const char* name) {
  out += '"';
  out += name;
  out += "\":";
}

void number_or_null(std::string& out, double v) {
  if (v == kNoValue) out += "null";
  else append_json_number(out, v);
}

void sentiment_fields(std::string& out, const SentimentCounts& s) {
  key(out, "negative"); append_json_uint(out, s.negative);
  out += ','; key(out, "neutral"); append_json_uint(out, s.neutral);
  out += ','; key(out, "positive"); append_json_uint(out, s.positive);
  out += ','; key(out, "mean"); number_or_null(out, s.total() ? s.sum / s.total() : kNoValue);
}

void local_time(std::string& out, int64_t local_ms) {
  char buf[40];
  format_local(local_ms, buf);
  append_json_string(out, buf);
}

// [{"emotion":name,"messages":n}], most first, ties by name.
void emotion_list(std::string& out, const std::unordered_map<uint32_t, size_t>& counts, const StringPool& pool) {
  std::vector<std::pair<uint32_t, size_t>> v(counts.begin(), counts.end());
  std::sort(v.begin(), v.end(), [&](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : pool.at(a.first) < pool.at(b.first);
  });
  out += '[';
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out += ',';
    out += "{\"emotion\":";
    append_json_string(out, pool.at(v[i].first));
    out += ",\"messages\":";
    append_json_uint(out, v[i].second);
    out += '}';
  }
  out += ']';
}

constexpr int64_t kMaxFilledBuckets = 2000;

void series(std::string& out, const Report& r, const Query& q, const StringPool& pool) {
  out += '[';
  bool first = true;
  auto point = [&](int64_t start, const SeriesPoint& p) {
    if (!first) out += ',';
    first = false;
    out += "{\"start\":";
    local_time(out, start);
    out += ",\"messages\":";
    append_json_uint(out, p.sentiment.total());
    out += ',';
    sentiment_fields(out, p.sentiment);
    out += ",\"emotions\":";
    emotion_list(out, p.emotions, pool);
    out += '}';
  };
  // Empty buckets between data points are listed (a chart needs the gaps),
  // unless that would make the series huge.
  const SeriesPoint empty;
  const int64_t unit = bucket_length(q.bucket);
  bool fill = !r.series.empty() &&
              (r.series.rbegin()->first - r.series.begin()->first) / unit <= kMaxFilledBuckets;
  int64_t next = 0;
  for (const auto& [start, p] : r.series) {
    for (; fill && !first && next < start; next += unit) point(next, empty);
    point(start, p);
    next = start + unit;
  }
  out += ']';
}

void queue(std::string& out, const Report& r, const Dataset& data) {
  out += '[';
  for (size_t i = 0; i < r.queue.size(); ++i) {
    const QueueItem& item = r.queue[i];
    const MessageRecord& top = data.records[item.top_record];
    const MessageRecord& last = data.records[item.last_record];
    if (i) out += ',';
    out += "{\"conversation\":";
    append_json_string(out, data.strings.at(item.conversation));
    out += ",\"need\":"; append_json_number(out, item.need);
    out += ",\"priority\":"; append_json_number(out, top.priority);
    out += ",\"record\":"; append_json_uint(out, item.top_record);
    out += ",\"lastRecord\":"; append_json_uint(out, item.last_record);
    out += ",\"lastAt\":"; local_time(out, last.at_ms + int64_t{last.tz_minutes} * 60'000);
    out += ",\"customer\":"; append_json_string(out, data.strings.at(top.customer));
    out += ",\"brand\":"; append_json_string(out, data.strings.at(top.brand));
    out += ",\"customerMessages\":"; append_json_uint(out, item.customer_messages);
    out += ",\"awaitingReply\":"; out += item.awaiting_reply ? "true" : "false";
    out += ",\"reasons\":[";
    for (size_t k = 0; k < item.reasons.size(); ++k) {
      if (k) out += ',';
      append_json_string(out, item.reasons[k]);
    }
    out += "]}";
  }
  out += ']';
}

void id_list(std::string& out, const std::vector<uint32_t>& ids) {
  out += '[';
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ',';
    append_json_uint(out, ids[i]);
  }
  out += ']';
}

void agents(std::string& out, const Report& r, const Query& q, const Dataset& data) {
  out += '[';
  for (size_t i = 0; i < r.agents.size(); ++i) {
    const AgentCoaching& a = r.agents[i];
    if (i) out += ',';
    out += "{\"agent\":"; append_json_string(out, data.strings.at(a.agent));
    out += ",\"replies\":"; append_json_uint(out, a.replies);
    out += ",\"conversations\":"; append_json_uint(out, a.conversations);
    out += ",\"empathy\":"; number_or_null(out, a.empathy_count ? a.empathy_sum / a.empathy_count : kNoValue);
    out += ",\"reviewedReplies\":"; append_json_uint(out, a.empathy_count);
    std::vector<std::pair<uint32_t, size_t>> cold(a.cold.begin(), a.cold.end());
    std::sort(cold.begin(), cold.end(), [&](const auto& x, const auto& y) {
      return x.second != y.second ? x.second > y.second : data.strings.at(x.first) < data.strings.at(y.first);
    });
    out += ",\"coldPhrases\":[";
    for (size_t k = 0; k < cold.size() && k < 5; ++k) {
      if (k) out += ',';
      out += "{\"phrase\":"; append_json_string(out, data.strings.at(cold[k].first));
      out += ",\"uses\":"; append_json_uint(out, cold[k].second);
      out += '}';
    }
    out += "],\"firstResponseSeconds\":"; number_or_null(out, median(a.first_response_s));
    out += ",\"resolutionSeconds\":"; number_or_null(out, median(a.resolution_s));
    double mood = kNoValue;
    if (!a.mood_change.empty()) {
      mood = 0;
      for (double m : a.mood_change) mood += m;
      mood /= a.mood_change.size();
    }
    out += ",\"moodChange\":"; number_or_null(out, mood);
    out += ",\"moodConversations\":"; append_json_uint(out, a.mood_change.size());
    // Best and worst reviewed replies (highest / lowest empathy; earlier record first on ties).
    std::vector<uint32_t> ranked = a.reviewed;
    std::stable_sort(ranked.begin(), ranked.end(), [&](uint32_t x, uint32_t y) {
      return data.records[x].empathy > data.records[y].empathy;
    });
    size_t n = std::min(q.examples, ranked.size());
    std::vector<uint32_t> best(ranked.begin(), ranked.begin() + n);
    std::vector<uint32_t> worst(ranked.rbegin(), ranked.rbegin() + n);
    out += ",\"best\":"; id_list(out, best);
    out += ",\"worst\":"; id_list(out, worst);
    out += '}';
  }
  out += ']';
}

void kpis(std::string& out, const KpiSums& k) {
  out += "{\"csat\":";
  if (k.csat_count) {
    out += "{\"mean\":"; append_json_number(out, k.csat_sum / k.csat_count);
    out += ",\"satisfiedShare\":"; append_json_number(out, double(k.csat_satisfied) / k.csat_count);
    out += ",\"count\":"; append_json_uint(out, k.csat_count);
    out += '}';
  } else out += "null";
  out += ",\"nps\":";
  if (k.nps_count) {
    out += "{\"score\":"; append_json_number(out, 100.0 * (double(k.promoters) - double(k.detractors)) / k.nps_count);
    out += ",\"count\":"; append_json_uint(out, k.nps_count);
    out += '}';
  } else out += "null";
  out += ",\"firstContactResolution\":";
  if (k.fcr_count) {
    out += "{\"rate\":"; append_json_number(out, double(k.fcr_yes) / k.fcr_count);
    out += ",\"count\":"; append_json_uint(out, k.fcr_count);
    out += '}';
  } else out += "null";
  out += ",\"handleSeconds\":";
  if (k.handle_count) {
    out += "{\"mean\":"; append_json_number(out, k.handle_sum / k.handle_count);
    out += ",\"count\":"; append_json_uint(out, k.handle_count);
    out += '}';
  } else out += "null";
  out += '}';
}

// The values each filter can take, over the whole dataset (for the filter
// controls): marked per pool id, then listed by name.
void facets(std::string& out, const Dataset& data) {
  std::vector<uint8_t> kind(data.strings.size(), 0);  // bit 0 agent, 1 brand, 2 channel, 3 tag
  for (const MessageRecord& r : data.records) {
    kind[r.agent] |= 1;
    kind[r.brand] |= 2;
    kind[r.channel] |= 4;
  }
  for (uint32_t t : data.tag_ids) kind[t] |= 8;
  auto list = [&](const char* name, uint8_t bit) {
    std::vector<const std::string*> names;
    for (uint32_t id = 1; id < kind.size(); ++id) {
      if (kind[id] & bit) names.push_back(&data.strings.at(id));
    }
    std::sort(names.begin(), names.end(), [](const std::string* a, const std::string* b) { return *a < *b; });
    key(out, name);
    out += '[';
    for (size_t i = 0; i < names.size(); ++i) {
      if (i) out += ',';
      append_json_string(out, *names[i]);
    }
    out += ']';
  };
  out += '{';
  list("agents", 1); out += ',';
  list("brands", 2); out += ',';
  list("channels", 4); out += ',';
  list("tags", 8);
  out += '}';
}

}  // namespace

std::string report_json(const Report& r, const Query& q, const Dataset& data) {
  std::string out = "{\"messages\":";
  append_json_uint(out, r.messages);
  out += ",\"customerMessages\":"; append_json_uint(out, r.customer_messages);
  out += ",\"agentReplies\":"; append_json_uint(out, r.agent_replies);
  out += ",\"conversations\":"; append_json_uint(out, r.conversations);
  char zone[8];
  int z = r.tz_minutes < 0 ? -r.tz_minutes : r.tz_minutes;
  std::snprintf(zone, sizeof zone, "%c%02d:%02d", r.tz_minutes < 0 ? '-' : '+', z / 60 % 100, z % 60);
  out += ",\"timeZone\":"; append_json_string(out, zone);
  out += ",\"bucket\":";
  append_json_string(out, q.bucket == Bucket::kHour ? "hour" : q.bucket == Bucket::kDay ? "day" : "week");
  out += ",\"first\":";
  if (r.messages) local_time(out, r.first_ms + int64_t{r.tz_minutes} * 60'000); else out += "null";
  out += ",\"last\":";
  if (r.messages) local_time(out, r.last_ms + int64_t{r.tz_minutes} * 60'000); else out += "null";
  out += ",\"sentiment\":{"; sentiment_fields(out, r.sentiment); out += '}';
  out += ",\"series\":"; series(out, r, q, data.strings);
  out += ",\"emotions\":"; emotion_list(out, r.emotions, data.strings);
  out += ",\"cues\":[";
  for (int c = 0; c < kCueCount; ++c) {
    if (c) out += ',';
    out += "{\"id\":\""; out += kCueNames[c]; out += "\",\"messages\":"; append_json_uint(out, r.cues[c]); out += '}';
  }
  out += "],\"queue\":"; queue(out, r, data);
  out += ",\"queueTotal\":"; append_json_uint(out, r.queue_total);
  out += ",\"agents\":"; agents(out, r, q, data);
  out += ",\"kpis\":"; kpis(out, r.kpis);
  out += ",\"facets\":"; facets(out, data);
  return out + "}";
}

}  // namespace rapport::analytics

#include "analytics/report.h"

#include <algorithm>

namespace rapport::analytics {

void SentimentCounts::add(float score) {
  if (score >= 0.05f) ++positive;
  else if (score <= -0.05f) ++negative;
  else ++neutral;
  sum += score;
}

double median(std::vector<double> v) {
  if (v.empty()) return kNoValue;
  size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + mid, v.end());
  double upper = v[mid];
  if (v.size() % 2) return upper;
  return (*std::max_element(v.begin(), v.begin() + mid) + upper) / 2;
}

void ensure_index(Dataset* data) {
  auto& order = data->by_conversation;
  if (order.size() == data->records.size()) return;
  order.resize(data->records.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  const auto& rec = data->records;
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return rec[a].conversation != rec[b].conversation ? rec[a].conversation < rec[b].conversation
                                                      : rec[a].at_ms < rec[b].at_ms;
  });
}

namespace {

void add_kpis(const ConversationFacts& f, KpiSums* k) {
  if (f.csat != kNoValue) {
    k->csat_sum += f.csat;
    ++k->csat_count;
    k->csat_satisfied += f.csat >= 4;
  }
  if (f.nps != kNoValue) {
    ++k->nps_count;
    k->promoters += f.nps >= 9;
    k->detractors += f.nps <= 6;
  }
  if (f.first_contact_resolved >= 0) {
    ++k->fcr_count;
    k->fcr_yes += f.first_contact_resolved == 1;
  }
  if (f.handle_seconds != kNoValue) {
    k->handle_sum += f.handle_seconds;
    ++k->handle_count;
  }
}

// Overview sums of one matching record.
using Buckets = std::unordered_map<int64_t, SeriesPoint>;  // sorted into Report::series at the end

void add_record(const Query& q, const MessageRecord& r, Report* out, Buckets* buckets,
                std::unordered_map<int32_t, size_t>* zones) {
  ++out->messages;
  if (out->messages == 1 || r.at_ms < out->first_ms) out->first_ms = r.at_ms;
  if (out->messages == 1 || r.at_ms > out->last_ms) out->last_ms = r.at_ms;
  ++(*zones)[r.tz_minutes];
  if (r.role == Role::kAgent) {
    ++out->agent_replies;
    return;
  }
  ++out->customer_messages;
  out->sentiment.add(r.sentiment);
  SeriesPoint& point = (*buckets)[bucket_start(r.at_ms + int64_t{r.tz_minutes} * 60'000, q.bucket)];
  point.sentiment.add(r.sentiment);
  if (r.emotion) {
    ++point.emotions[r.emotion];
    ++out->emotions[r.emotion];
  }
  for (int c = 0; c < kCueCount; ++c) out->cues[c] += (r.cues >> c) & 1u;
}

bool has_cue(const Dataset& data, const std::vector<uint32_t>& ids, uint8_t cues) {
  for (uint32_t id : ids) {
    if (data.records[id].cues & cues) return true;
  }
  return false;
}

}  // namespace

Report run_query(const Query& q, Dataset* data) {
  ensure_index(data);
  Report out;
  std::unordered_map<int32_t, size_t> zones;
  Buckets buckets;
  std::unordered_map<uint32_t, AgentCoaching> agents;
  std::vector<uint32_t> ids;
  const auto& order = data->by_conversation;
  for (size_t i = 0; i < order.size();) {
    uint32_t conversation = data->records[order[i]].conversation;
    ids.clear();
    for (; i < order.size() && data->records[order[i]].conversation == conversation; ++i) {
      if (matches(q, *data, data->records[order[i]])) ids.push_back(order[i]);
    }
    if (ids.empty() || (q.cues && !has_cue(*data, ids, q.cues))) continue;
    ++out.conversations;
    for (uint32_t id : ids) add_record(q, data->records[id], &out, &buckets, &zones);
    if (auto f = data->facts.find(conversation); f != data->facts.end()) add_kpis(f->second, &out.kpis);
    QueueItem item;
    score_conversation_need(*data, ids, &item);
    if (item.customer_messages > 0) out.queue.push_back(std::move(item));
    add_conversation_coaching(*data, ids, &agents);
  }
  for (auto& [start, point] : buckets) out.series.emplace(start, std::move(point));
  size_t best_zone = 0;
  for (const auto& [zone, n] : zones) {
    if (n > best_zone || (n == best_zone && zone < out.tz_minutes)) {
      best_zone = n;
      out.tz_minutes = zone;
    }
  }
  out.queue_total = out.queue.size();
  finish_queue(*data, q.queue_limit, &out.queue);
  for (auto& [id, a] : agents) out.agents.push_back(std::move(a));
  std::sort(out.agents.begin(), out.agents.end(), [&](const AgentCoaching& a, const AgentCoaching& b) {
    return a.replies != b.replies ? a.replies > b.replies
                                  : data->strings.at(a.agent) < data->strings.at(b.agent);
  });
  return out;
}

}  // namespace rapport::analytics

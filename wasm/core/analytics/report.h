// One dashboard query over the dataset: everything the Overview, Queue and
// Agents views show, computed in one pass over the matching records grouped
// by conversation. report_json.cc writes it as JSON for the JS API.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "analytics/filter.h"
#include "analytics/records.h"

namespace rapport::analytics {

// Customer sentiment labels as the analyzer gives them (VADER thresholds).
struct SentimentCounts {
  size_t negative = 0, neutral = 0, positive = 0;
  double sum = 0;
  void add(float score);
  size_t total() const { return negative + neutral + positive; }
};

struct SeriesPoint {
  SentimentCounts sentiment;
  std::unordered_map<uint32_t, size_t> emotions;  // felt emotion id -> customer messages
};

struct QueueItem {
  uint32_t conversation = 0;
  double need = 0;          // ordering key, 0..~1.4 (see queue.cc)
  uint32_t top_record = 0;  // its most pressing customer message
  uint32_t last_record = 0; // its latest message
  size_t customer_messages = 0;
  bool awaiting_reply = false;
  bool worsening = false;   // mood fell by kWorseningDrop or more
  uint8_t cues = 0;         // of its customer messages
  float lowest = 0, first_sentiment = 0, last_sentiment = 0;
  std::vector<std::string> reasons;  // written by finish_queue for the items kept
};

struct AgentCoaching {
  uint32_t agent = 0;
  size_t replies = 0, conversations = 0;
  double empathy_sum = 0;
  size_t empathy_count = 0;
  std::unordered_map<uint32_t, size_t> cold;  // phrase id -> uses
  std::vector<double> first_response_s, resolution_s, mood_change;
  std::vector<uint32_t> reviewed;             // reply record ids with an empathy score
};

struct KpiSums {
  double csat_sum = 0;
  size_t csat_count = 0, csat_satisfied = 0;
  size_t nps_count = 0, promoters = 0, detractors = 0;
  size_t fcr_count = 0, fcr_yes = 0;
  double handle_sum = 0;
  size_t handle_count = 0;
};

struct Report {
  size_t messages = 0, customer_messages = 0, agent_replies = 0, conversations = 0;
  SentimentCounts sentiment;
  std::map<int64_t, SeriesPoint> series;     // local bucket start -> point
  std::unordered_map<uint32_t, size_t> emotions;
  size_t cues[kCueCount] = {};
  std::vector<QueueItem> queue;              // sorted, at most queue_limit
  size_t queue_total = 0;
  std::vector<AgentCoaching> agents;         // by replies, most first
  KpiSums kpis;
  int32_t tz_minutes = 0;                    // the most common offset of the matching records
  int64_t first_ms = 0, last_ms = 0;
};

// Keeps `data`'s conversation index current (rebuilt after appends).
void ensure_index(Dataset* data);

Report run_query(const Query& query, Dataset* data);

// Per conversation (queue.cc, coaching.cc): `ids` are its matching records in time order.
void score_conversation_need(const Dataset& data, const std::vector<uint32_t>& ids, QueueItem* out);
void add_conversation_coaching(const Dataset& data, const std::vector<uint32_t>& ids,
                               std::unordered_map<uint32_t, AgentCoaching>* agents);
void finish_queue(const Dataset& data, size_t limit, std::vector<QueueItem>* queue);

double median(std::vector<double> values);

}  // namespace rapport::analytics

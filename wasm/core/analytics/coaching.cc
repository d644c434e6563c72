// Agents: per agent, what the draft review said about their replies
// (empathy score, the cold phrases it flagged most), how fast they first
// answered, how long their conversations took to resolve, and how the
// customer's mood moved after they stepped in.
#include <algorithm>

#include "analytics/report.h"

namespace rapport::analytics {
namespace {

// The customer's mood change after `agent`'s first reply at index `first`:
// the mean sentiment of the customer's later messages minus their last one
// before it. False when either side has no customer message.
bool mood_change_after(const Dataset& data, const std::vector<uint32_t>& ids, size_t first, double* out) {
  const MessageRecord* before = nullptr;
  for (size_t i = first; i-- > 0;) {
    if (data.records[ids[i]].role == Role::kCustomer) {
      before = &data.records[ids[i]];
      break;
    }
  }
  double sum = 0;
  size_t n = 0;
  for (size_t i = first + 1; i < ids.size(); ++i) {
    const MessageRecord& r = data.records[ids[i]];
    if (r.role == Role::kCustomer) {
      sum += r.sentiment;
      ++n;
    }
  }
  if (!before || n == 0) return false;
  *out = sum / n - before->sentiment;
  return true;
}

}  // namespace

void add_conversation_coaching(const Dataset& data, const std::vector<uint32_t>& ids,
                               std::unordered_map<uint32_t, AgentCoaching>* agents) {
  int64_t first_customer_ms = 0;
  bool seen_customer = false, answered = false;
  uint32_t last_agent = 0;
  std::vector<uint32_t> joined;  // agents in the order they first replied
  for (size_t i = 0; i < ids.size(); ++i) {
    const MessageRecord& r = data.records[ids[i]];
    if (r.role == Role::kCustomer) {
      if (!seen_customer) first_customer_ms = r.at_ms;
      seen_customer = true;
      continue;
    }
    if (!r.agent) continue;  // a reply nobody is named for cannot be coached
    AgentCoaching& a = (*agents)[r.agent];
    a.agent = r.agent;
    ++a.replies;
    last_agent = r.agent;
    if (r.empathy != kNoValue) {
      a.empathy_sum += r.empathy;
      ++a.empathy_count;
      a.reviewed.push_back(ids[i]);
    }
    for (uint32_t c = r.cold_begin; c < r.cold_end; ++c) ++a.cold[data.cold_ids[c]];
    if (seen_customer && !answered) a.first_response_s.push_back((r.at_ms - first_customer_ms) / 1000.0);
    answered = true;
    if (std::find(joined.begin(), joined.end(), r.agent) == joined.end()) {
      joined.push_back(r.agent);
      ++a.conversations;
      double change;
      if (mood_change_after(data, ids, i, &change)) a.mood_change.push_back(change);
    }
  }
  // Resolution belongs to whoever answered last (the helpdesk's assignee
  // when the export says so: importers put it in every record's "agent").
  auto facts = data.facts.find(data.records[ids.front()].conversation);
  if (!seen_customer || facts == data.facts.end() || facts->second.resolved_at_ms == 0) return;
  uint32_t owner = last_agent ? last_agent : data.records[ids.front()].agent;
  if (!owner) return;
  AgentCoaching& a = (*agents)[owner];
  a.agent = owner;
  a.resolution_s.push_back((facts->second.resolved_at_ms - first_customer_ms) / 1000.0);
}

}  // namespace rapport::analytics

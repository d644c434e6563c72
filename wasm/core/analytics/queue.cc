// The Queue: conversations ordered by how much the customer needs a person
// now, with the reasons in words. The need is the analyzer's peak priority
// of the customer's messages (which already weighs anger, urgency, churn and
// escalation cues), raised when the customer is still waiting for an answer
// and when their mood got worse over the conversation. Ties go to whoever
// has waited longest.
#include <algorithm>
#include <cstdio>
#include <string>

#include "analytics/report.h"

namespace rapport::analytics {
namespace {

constexpr double kAwaitingBoost = 0.15;   // last word is the customer's
constexpr double kWorseningBoost = 0.10;  // mood fell by at least kWorseningDrop
constexpr float kWorseningDrop = 0.3f;
constexpr size_t kManyMessages = 3;       // "wrote 3 times" is worth saying

std::string signed2(double x) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%+.2f", x);
  return buf;
}

std::string cue_words(uint8_t bits) {
  static constexpr const char* kWords[] = {"urgency", "churn risk", "escalation", "repeat contact",
                                           "confusion", "gratitude"};
  std::string out;
  for (int c = 0; c < kCueCount; ++c) {
    if (c == 5 || !((bits >> c) & 1u)) continue;  // gratitude is no reason to hurry
    if (!out.empty()) out += ", ";
    out += kWords[c];
  }
  return out;
}

}  // namespace

void score_conversation_need(const Dataset& data, const std::vector<uint32_t>& ids, QueueItem* out) {
  const MessageRecord* first_customer = nullptr;
  const MessageRecord* last_customer = nullptr;
  const MessageRecord* top = nullptr;
  out->lowest = 1;
  for (uint32_t id : ids) {
    const MessageRecord& r = data.records[id];
    if (r.role != Role::kCustomer) continue;
    ++out->customer_messages;
    if (!first_customer) first_customer = &r;
    last_customer = &r;
    out->cues |= r.cues;
    out->lowest = std::min(out->lowest, r.sentiment);
    if (!top || r.priority > top->priority) {
      top = &r;
      out->top_record = id;
    }
  }
  out->conversation = data.records[ids.front()].conversation;
  out->last_record = ids.back();
  if (!top) return;
  out->first_sentiment = first_customer->sentiment;
  out->last_sentiment = last_customer->sentiment;
  out->awaiting_reply = data.records[ids.back()].role == Role::kCustomer;
  out->worsening = out->customer_messages > 1 && out->last_sentiment <= out->first_sentiment - kWorseningDrop;
  out->need = top->priority + (out->awaiting_reply ? kAwaitingBoost : 0) + (out->worsening ? kWorseningBoost : 0);
}

namespace {

// The reasons in words, only for the conversations the report lists.
void write_reasons(const Dataset& data, QueueItem* item) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "peak priority %.2f", data.records[item->top_record].priority);
  item->reasons.emplace_back(buf);
  if (std::string words = cue_words(item->cues); !words.empty()) item->reasons.push_back("cues: " + words);
  if (item->lowest <= -0.05f) item->reasons.push_back("most negative message " + signed2(item->lowest));
  if (item->worsening) {
    item->reasons.push_back("mood fell from " + signed2(item->first_sentiment) + " to " +
                            signed2(item->last_sentiment));
  }
  if (item->awaiting_reply) item->reasons.emplace_back("awaiting a reply: the last message is the customer's");
  if (item->customer_messages >= kManyMessages) {
    item->reasons.push_back("wrote " + std::to_string(item->customer_messages) + " times");
  }
}

}  // namespace

void finish_queue(const Dataset& data, size_t limit, std::vector<QueueItem>* queue) {
  auto before = [&](const QueueItem& a, const QueueItem& b) {
    if (a.need != b.need) return a.need > b.need;
    int64_t wa = data.records[a.last_record].at_ms, wb = data.records[b.last_record].at_ms;
    if (wa != wb) return wa < wb;  // waited longer
    return a.conversation < b.conversation;
  };
  if (queue->size() > limit) {
    std::partial_sort(queue->begin(), queue->begin() + limit, queue->end(), before);
    queue->resize(limit);
  } else {
    std::sort(queue->begin(), queue->end(), before);
  }
  for (QueueItem& item : *queue) write_reasons(data, &item);
}

}  // namespace rapport::analytics

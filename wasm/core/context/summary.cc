#include "context/summary.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string_view>
#include <unordered_map>

#include "analytics/time.h"
#include "context/identity.h"
#include "context/topics.h"

namespace rapport::context {
namespace {

using nlohmann::json;

constexpr int64_t kDayMs = 86'400'000;

// A topic as a contact carries it: a key to compare contacts by, the words
// to show, and the phrase for an opening line.
struct Topic {
  std::string key, label, phrase;
  bool known() const { return !key.empty(); }
};

std::string lowercase(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// Explicit topic first (the agent or the import named it), then what the
// classifier read in the text or subject, then the subject line as written.
Topic topic_of(const Event& e) {
  if (!e.topic.empty()) return {"t:" + lowercase(e.topic), e.topic, e.topic};
  if (const TopicInfo* t = topic_info(e.topic_id)) return {"c:" + t->id, t->label, t->phrase};
  if (!e.subject.empty()) return {"s:" + lowercase(e.subject), e.subject, "\xE2\x80\x9C" + e.subject + "\xE2\x80\x9D"};
  return {};
}

bool starts_contact(EventType t) {
  return t == EventType::kMessage || t == EventType::kConversation || t == EventType::kTicketOpened ||
         t == EventType::kTicketReopened;
}

struct Contact {
  int64_t first_ms = 0, last_ms = 0;
  const Event* first = nullptr;
  const Event* last = nullptr;
  Topic topic;
  bool topic_from_message = false;
  std::vector<std::string> tickets;
};

struct Ticket {
  std::string id, source;
  const Event* opened = nullptr;
  bool open = false, reopened = false;
  Topic topic;
};

void note_topic(Contact* c, const Event& e) {
  Topic t = topic_of(e);
  if (!t.known()) return;
  // The customer's first message says what it is about better than a
  // subject line does; an explicit topic beats both.
  bool explicit_topic = !e.topic.empty();
  bool from_message = e.type == EventType::kMessage && e.role == "customer" && e.topic.empty();
  bool better = !c->topic.known() || (explicit_topic && c->topic.key[0] != 't') ||
                (from_message && !c->topic_from_message && c->topic.key[0] == 's');
  if (better) {
    c->topic = t;
    c->topic_from_message = from_message;
  }
}

json sentiment_json(const std::vector<const Event*>& messages) {
  if (messages.empty()) return nullptr;
  json points = json::array();
  size_t from = messages.size() > 20 ? messages.size() - 20 : 0;
  for (size_t i = from; i < messages.size(); ++i) {
    points.push_back({{"at", messages[i]->at}, {"score", messages[i]->sentiment}});
  }
  // Trend: the later half of the last (up to) ten messages against the
  // earlier half; fewer than four says nothing.
  size_t n = std::min<size_t>(messages.size(), 10);
  size_t start = messages.size() - n;
  double sum = 0;
  for (size_t i = start; i < messages.size(); ++i) sum += messages[i]->sentiment;
  json trend = nullptr;
  if (n >= 4) {
    double early = 0, late = 0;
    size_t half = n / 2;
    for (size_t i = 0; i < half; ++i) early += messages[start + i]->sentiment;
    for (size_t i = n - half; i < n; ++i) late += messages[start + i]->sentiment;
    double diff = (late - early) / static_cast<double>(half);
    trend = diff >= 0.2 ? "improving" : diff <= -0.2 ? "worsening" : "steady";
  }
  return {{"points", points}, {"latest", messages.back()->sentiment},
          {"average", sum / static_cast<double>(n)}, {"messages", messages.size()}, {"trend", trend}};
}

}  // namespace

std::string relative_day(int64_t at_ms, int64_t now_ms, int32_t tz_offset_minutes) {
  int64_t off = static_cast<int64_t>(tz_offset_minutes) * 60'000;
  auto day = [&](int64_t ms) {
    int64_t local = ms + off;
    return local >= 0 ? local / kDayMs : (local - kDayMs + 1) / kDayMs;
  };
  int64_t diff = day(now_ms) - day(at_ms);
  if (diff <= 0) return "earlier today";
  if (diff == 1) return "yesterday";
  if (diff < 7) return std::to_string(diff) + " days ago";
  if (diff < 14) return "last week";
  if (diff < 60) return std::to_string(diff / 7) + " weeks ago";
  static constexpr const char* kMonths[] = {"January", "February", "March",     "April",
                                            "May",     "June",     "July",      "August",
                                            "September", "October", "November", "December"};
  char at[40], now[40];
  analytics::format_local(at_ms + off, at);
  analytics::format_local(now_ms + off, now);
  int month = (at[5] - '0') * 10 + (at[6] - '0');
  std::string out = std::string("in ") + kMonths[(month - 1) % 12];
  if (std::string_view(at, 4) != std::string_view(now, 4)) out += " " + std::string(at, 4);
  return out;
}

json summarize(const std::vector<const Event*>& events, const std::string& name,
               const SummaryOptions& o) {
  // Keyed by views into the events (they outlive this call). Iteration
  // order below never decides an output: contacts are compared by time and
  // open issues sorted by when they opened.
  std::unordered_map<std::string_view, Contact> contacts;
  std::unordered_map<std::string_view, Ticket> tickets;
  std::vector<const Event*> moods;
  std::map<std::string, double> value;
  size_t orders = 0;
  const Event* last_purchase = nullptr;
  const Event* last_rating = nullptr;

  for (const Event* e : events) {
    if (e->at_ms > o.now_ms) break;  // time order: the rest is later still
    if (starts_contact(e->type)) {
      Contact& c = contacts[e->contact_key];
      if (!c.first) {
        c.first = e;
        c.first_ms = e->at_ms;
      }
      c.last = e;
      c.last_ms = e->at_ms;
      note_topic(&c, *e);
      if (!e->ticket.empty() && std::find(c.tickets.begin(), c.tickets.end(), e->ticket) == c.tickets.end()) {
        c.tickets.push_back(e->ticket);
      }
    }
    if (!e->ticket.empty()) {
      Ticket& t = tickets[e->ticket_key];
      t.id = e->ticket;
      t.source = e->source;
      if (!t.topic.known()) t.topic = topic_of(*e);
      if (e->type == EventType::kTicketOpened || e->type == EventType::kTicketReopened) {
        if (!t.opened || e->type == EventType::kTicketReopened) t.opened = e;
        t.reopened = t.reopened || e->type == EventType::kTicketReopened;
        t.open = true;
      } else if (e->type == EventType::kTicketClosed) {
        t.open = false;
      }
    }
    if (e->type == EventType::kMessage && e->role == "customer" && !std::isnan(e->sentiment)) {
      moods.push_back(e);
    }
    if (e->type == EventType::kPurchase) {
      value[e->currency] += e->amount;
      ++orders;
      last_purchase = e;
    } else if (e->type == EventType::kRefund) {
      value[e->currency] -= e->amount;
    } else if (e->type == EventType::kCsat || e->type == EventType::kNps) {
      last_rating = e;
    }
  }

  json out = json::object();
  out["now"] = o.now;
  // Ties in time go to the later arrival (events sit in one array).
  auto later = [](const Contact* a, const Contact* b) {
    return !b || a->last_ms > b->last_ms || (a->last_ms == b->last_ms && a->last > b->last);
  };
  size_t in7 = 0, in30 = 0, in90 = 0;
  const Contact* last = nullptr;
  for (const auto& [key, c] : contacts) {
    in7 += c.last_ms > o.now_ms - 7 * kDayMs;
    in30 += c.last_ms > o.now_ms - 30 * kDayMs;
    in90 += c.last_ms > o.now_ms - 90 * kDayMs;
    if (later(&c, last)) last = &c;
  }
  out["contacts"] = {{"last7", in7}, {"last30", in30}, {"last90", in90}, {"total", contacts.size()}};

  // Open issues, oldest first.
  std::vector<const Ticket*> open_tickets;
  for (const auto& [key, t] : tickets) {
    if (t.open) open_tickets.push_back(&t);
  }
  std::sort(open_tickets.begin(), open_tickets.end(), [](const Ticket* a, const Ticket* b) {
    int64_t ta = a->opened ? a->opened->at_ms : 0, tb = b->opened ? b->opened->at_ms : 0;
    return ta != tb ? ta < tb : (a->source != b->source ? a->source < b->source : a->id < b->id);
  });
  json open = json::array();
  for (const Ticket* t : open_tickets) {
    json issue = {{"ticket", t->id}, {"source", t->source}, {"reopened", t->reopened}};
    if (t->opened) issue["openedAt"] = t->opened->at;
    if (t->topic.known()) issue["topic"] = t->topic.label;
    open.push_back(issue);
  }
  out["openIssues"] = open;

  out["lastContact"] = nullptr;
  out["repeatContact"] = nullptr;
  const Contact* previous = nullptr;
  size_t repeats = 0;
  if (last) {
    json lc = {{"at", last->last->at}, {"source", last->first->source}, {"topic", nullptr}};
    if (!last->first->conversation.empty()) lc["conversation"] = last->first->conversation;
    if (!last->first->channel.empty()) lc["channel"] = last->first->channel;
    if (last->topic.known()) {
      lc["topic"] = last->topic.label;
      for (const auto& [key, c] : contacts) {
        if (&c == last || c.topic.key != last->topic.key) continue;
        if (c.first_ms < last->first_ms - o.repeat_days * kDayMs || c.first_ms > last->first_ms) continue;
        ++repeats;
        if (later(&c, previous)) previous = &c;
      }
    }
    out["lastContact"] = lc;
    if (previous) {
      out["repeatContact"] = {{"topic", last->topic.label}, {"contacts", repeats + 1},
                              {"withinDays", o.repeat_days}, {"previousAt", previous->last->at}};
    }
  }

  out["sentiment"] = sentiment_json(moods);
  json ltv = json::array();
  // Sums of decimal amounts drift in binary (59.9 + 20 - 20); no currency
  // has more than four decimals.
  for (const auto& [currency, amount] : value) {
    ltv.push_back({{"currency", currency}, {"amount", std::round(amount * 1e4) / 1e4}});
  }
  out["lifetimeValue"] = ltv;
  out["orders"] = orders;
  out["lastPurchase"] = nullptr;
  if (last_purchase) {
    json p = {{"at", last_purchase->at}, {"amount", last_purchase->amount}, {"currency", last_purchase->currency}};
    if (!last_purchase->order.empty()) p["order"] = last_purchase->order;
    if (!last_purchase->item.empty()) p["item"] = last_purchase->item;
    out["lastPurchase"] = p;
  }
  out["lastRating"] = nullptr;
  if (last_rating) {
    out["lastRating"] = {{"type", event_type_name(last_rating->type)}, {"score", last_rating->score},
                         {"at", last_rating->at}};
  }

  // The opening line: one supported fact, the most useful first.
  std::string first = first_name(name);
  std::string hello = first.empty() ? "Hi, " : "Hi " + first + ", ";
  std::string line;
  bool still_open = false;
  if (previous) {
    for (const auto& [key, t] : tickets) {
      bool same_contact = std::find(last->tickets.begin(), last->tickets.end(), t.id) != last->tickets.end() ||
                          std::find(previous->tickets.begin(), previous->tickets.end(), t.id) != previous->tickets.end();
      still_open = still_open || (t.open && (t.topic.key == last->topic.key || same_contact));
    }
    std::string when = relative_day(previous->last_ms, o.now_ms, o.tz_offset_minutes);
    line = still_open ? "I see you were in touch " + when + " about " + last->topic.phrase +
                            "; I'm sorry it still isn't sorted."
                      : "I see you were also in touch " + when + " about " + last->topic.phrase + ".";
  } else {
    const Ticket* issue = nullptr;  // the most recently opened with a topic
    for (const Ticket* t : open_tickets) {
      if (t->topic.known()) issue = t;
    }
    if (issue) {
      line = "I see your request about " + issue->topic.phrase + " is still open.";
    } else if (last_purchase && last_purchase->at_ms > o.now_ms - 30 * kDayMs) {
      std::string what = !last_purchase->order.empty() ? "your order " + last_purchase->order
                         : !last_purchase->item.empty() ? "your order of " + last_purchase->item
                                                        : "your recent order";
      line = "I can see " + what + " from " + relative_day(last_purchase->at_ms, o.now_ms, o.tz_offset_minutes) + ".";
    }
  }
  out["openingLine"] = line.empty() ? json(nullptr) : json(hello + line);
  return out;
}

}  // namespace rapport::context

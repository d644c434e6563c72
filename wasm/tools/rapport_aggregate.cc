// Dashboard analytics beyond one browser: scores a stream of support messages
// with the same core as the dashboard and writes what the dashboard imports
// (scored records, NDJSON) and/or the analytics report for a query.
//
//   rapport_aggregate [--csv] [--delimiter C] [--records OUT.ndjson] [--report OUT.json]
//                     [--query JSON] [FILE]        (FILE or stdin)
//
// Input: one message per NDJSON line or CSV row with the import pipeline's
// field names (shared/import/fields.js): conversation, at, text, role
// ('customer' default | 'agent'), customer, agent, brand, channel, tags,
// csat, nps, resolvedAt, handleSeconds, fcr. Customer messages are scored by
// the analyzer (lexicon path: ONNX Runtime is a browser/Node part), agent
// replies by the draft review with the conversation's last customer message
// as context, as shared/api/analytics.js createScorer does. Every record also
// goes into the core's analytics; --report writes query(--query) at the end.
// A bad message stops the run naming its line (nothing is half-written: the
// outputs are written to OUT.tmp and renamed at the end).
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <iterator>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/analyzer.h"
#include "analytics/analytics.h"
#include "message_reader.h"
#include "review/reviewer.h"
#include "review/session.h"

namespace {

using nlohmann::json;

const char* felt_emotion(const rapport::Assessment& a) {
  int best = -1;
  for (int i = 0; i < rapport::kEmotionCount; ++i) {
    if (std::strcmp(rapport::kEmotionNames[i], "neutral") == 0 || a.emotions[i] < 0.3f) continue;
    if (best < 0 || a.emotions[i] > a.emotions[best]) best = i;
  }
  return best < 0 ? nullptr : rapport::kEmotionNames[best];
}

// CSV values are strings: the numeric and boolean fields become numbers and booleans.
bool normalize(json* m, std::string* error) {
  for (const char* key : {"csat", "nps", "handleSeconds"}) {
    auto it = m->find(key);
    if (it == m->end() || !it->is_string()) continue;
    if (it->get_ref<const std::string&>().empty()) { m->erase(it); continue; }
    char* end = nullptr;
    const std::string& s = it->get_ref<const std::string&>();
    double v = std::strtod(s.c_str(), &end);
    if (end == s.c_str() || *end) return *error = std::string("field '") + key + "': '" + s + "' is not a number", false;
    *it = v;
  }
  auto tags = m->find("tags");
  if (tags != m->end() && tags->is_string()) {
    json list = json::array();
    std::string s = tags->get<std::string>(), item;
    for (char c : s + ",") {
      if (c == ',' || c == ';' || c == '|') { if (!item.empty()) list.push_back(item); item.clear(); }
      else if (c != ' ' || !item.empty()) item.push_back(c);
    }
    *tags = list;
  }
  auto fcr = m->find("fcr");
  if (fcr != m->end() && fcr->is_string()) {
    const std::string s = fcr->get<std::string>();
    if (s.empty()) m->erase(fcr);
    else *fcr = (s == "true" || s == "yes" || s == "1");
  }
  for (auto it = m->begin(); it != m->end();) it = it->is_string() && it->get_ref<const std::string&>().empty() && it.key() != "text" ? m->erase(it) : std::next(it);
  if (!m->contains("text") || !(*m)["text"].is_string()) return *error = "field 'text': is required (a string)", false;
  return true;
}

struct Options {
  bool csv = false;
  char delimiter = ',';
  const char* input = nullptr;
  const char* records = nullptr;
  const char* report = nullptr;
  std::string query = "{}";
};

bool parse_args(int argc, char** argv, Options* o) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](const char** out) { if (i + 1 >= argc) return false; *out = argv[++i]; return true; };
    const char* v = nullptr;
    if (a == "--csv") o->csv = true;
    else if (a == "--delimiter" && value(&v)) o->delimiter = std::strcmp(v, "\\t") == 0 ? '\t' : v[0];
    else if (a == "--records" && value(&v)) o->records = v;
    else if (a == "--report" && value(&v)) o->report = v;
    else if (a == "--query" && value(&v)) o->query = v;
    else if (a[0] != '-' && !o->input) o->input = argv[i];
    else return false;
  }
  return o->records || o->report;
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  if (!parse_args(argc, argv, &opt)) {
    std::fputs("usage: rapport_aggregate [--csv] [--delimiter C] [--records OUT.ndjson] [--report OUT.json] "
               "[--query JSON] [FILE]\n(at least one of --records and --report)\n", stderr);
    return 2;
  }
  std::FILE* in = opt.input ? std::fopen(opt.input, "rb") : stdin;
  if (!in) { std::fprintf(stderr, "rapport_aggregate: cannot read %s\n", opt.input); return 1; }
  std::string records_tmp = opt.records ? std::string(opt.records) + ".tmp" : "";
  std::FILE* out = opt.records ? std::fopen(records_tmp.c_str(), "wb") : nullptr;
  if (opt.records && !out) { std::fprintf(stderr, "rapport_aggregate: cannot write %s\n", opt.records); return 1; }

  rapport::tools::MessageReader reader(in, opt.csv, opt.delimiter);
  rapport::analytics::Analytics analytics;
  std::unordered_map<std::string, std::string> last_customer;
  // One pack for the run; one session re-analyses the customer only when the
  // reply answers someone else (replies of one conversation usually follow it).
  const rapport::review::Reviewer reviewer;
  rapport::review::ReviewSession reply_review(reviewer);
  std::string batch = "[", line_out, error;
  size_t count = 0, in_batch = 0, replies = 0;
  auto flush = [&]() {
    if (!in_batch) return true;
    batch.push_back(']');
    json result = json::parse(analytics.append(batch), nullptr, false);
    batch = "[";
    in_batch = 0;
    if (result.value("ok", false)) return true;
    error = "analytics refused a record: " + result.dump();
    return false;
  };
  const auto t0 = std::chrono::steady_clock::now();
  const std::clock_t c0 = std::clock();
  json m;
  bool ok = true;
  while (ok && reader.next(&m)) {
    if (!normalize(&m, &error)) { error = "line " + std::to_string(reader.line()) + ": " + error; ok = false; break; }
    const std::string text = m["text"].get<std::string>();
    const std::string conversation = m.contains("conversation") ? (m["conversation"].is_string() ? m["conversation"].get<std::string>() : m["conversation"].dump()) : "";
    if (m.value("role", std::string("customer")) == "agent") {
      ++replies;
      reply_review.set_customer(last_customer[conversation], "", "", "");
      json review = json::parse(reply_review.review_json(text), nullptr, false);
      if (review.is_object() && review["empathyScore"].is_number()) m["empathy"] = review["empathyScore"];
      json cold = json::array();
      if (review.is_object() && review["suggestions"].is_array()) {
        for (const json& s : review["suggestions"]) {
          if (s.value("kind", "") != "phrase" || !s["text"].is_string()) continue;
          std::string phrase = s["text"].get<std::string>();
          for (char& c : phrase) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          if (std::find(cold.begin(), cold.end(), phrase) == cold.end()) cold.push_back(phrase);
        }
      }
      if (!cold.empty()) m["cold"] = cold;
    } else {
      last_customer[conversation] = text;
      const rapport::AnalyzedMessage a = rapport::analyze_message(text);
      m["sentiment"] = a.assessment.sentiment.compound;
      m["priority"] = a.assessment.priority;
      if (const char* e = felt_emotion(a.assessment)) m["emotion"] = e;
      json cues = json::array();
      for (const auto& c : a.assessment.cues) cues.push_back(std::string(c.id));
      if (!cues.empty()) m["cues"] = cues;
    }
    line_out = m.dump();
    if (out) { line_out.push_back('\n'); std::fwrite(line_out.data(), 1, line_out.size(), out); line_out.pop_back(); }
    if (in_batch++) batch.push_back(',');
    batch += line_out;
    ++count;
    if (in_batch == 4096) ok = flush();
  }
  if (ok && !reader.error().empty()) { error = reader.error(); ok = false; }
  if (ok) ok = flush();
  if (out) std::fclose(out);
  if (opt.input) std::fclose(in);
  if (!ok) {
    if (out) std::remove(records_tmp.c_str());
    std::fprintf(stderr, "rapport_aggregate: %s (nothing written)\n", error.c_str());
    return 1;
  }
  if (out && std::rename(records_tmp.c_str(), opt.records) != 0) { std::fprintf(stderr, "rapport_aggregate: cannot write %s\n", opt.records); return 1; }
  if (opt.report) {
    std::string report = analytics.query(opt.query);
    std::FILE* r = std::fopen(opt.report, "wb");
    if (!r) { std::fprintf(stderr, "rapport_aggregate: cannot write %s\n", opt.report); return 1; }
    std::fwrite(report.data(), 1, report.size(), r);
    std::fclose(r);
    if (report.rfind("{\"error\"", 0) == 0) { std::fprintf(stderr, "rapport_aggregate: bad --query: %s\n", report.c_str()); return 1; }
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  // CPU time too: on a shared machine it is the steadier figure.
  const double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
  std::fprintf(stderr, "rapport_aggregate: %zu messages (%zu agent replies) in %.2f s = %.0f messages/s (%.0f per CPU second)\n",
               count, replies, secs, secs > 0 ? count / secs : 0.0, cpu > 0 ? count / cpu : 0.0);
  return 0;
}

// Training data readers for rapport_train (header-only: wasm/tools/*.cc are
// each a tool, so helpers live in headers beside the tool).
//
// Sources (see ../shared/data/SOURCES.md):
//  - GoEmotions train/dev (Apache-2.0): text<TAB>label ids<TAB>id
//  - Bitext customer-support sample (CDLA-Sharing-1.0): CSV, sentiment only
//  - UCI review sentences, XED subtitle lines (CC BY 4.0): sentiment only,
//    off unless asked for (load_sentiment_tsv)
//  - TweetEval sentiment val: evaluation only, never trained on
#pragma once
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/features.h"
#include "model/fusion.h"
#include "text/utf8.h"

namespace rapport::train {

enum Sentiment : int8_t { kNoSentiment = -1, kNegative = 0, kNeutral = 1, kPositive = 2 };

struct Example {
  std::string text;
  uint32_t emotions = 0;     // bit i = GoEmotions label i
  bool has_emotions = false; // false: emotion loss is masked (Bitext)
  int8_t sentiment = kNoSentiment;
  float sentiment_weight = 1.f;  // scales this example's sentiment loss
  ModelFeatures features;
  LexiconSignal signal;  // what the fusion reads from the rules (fusion.h)
};

// Features and the fusion's rule signal from one analysis of the text.
inline void featurize(Example* e, const FeatureConfig& fc) {
  const AnalyzedMessage m = analyze_message(e->text);
  model_features_from_analysis(m, fc, &e->features);
  e->signal = lexicon_signal(m.assessment);
}

inline bool read_file(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

// GoEmotions' published sentiment grouping, one char per label in labels.txt
// order: 'p' positive, 'n' negative, 'a' ambiguous (surprise, curiosity,
// confusion, realization), 'N' the neutral label. The trainer builds it from
// sentiment_groups.json (load_sentiment_groups below).
inline std::string g_sentiment_groups;
// Whether a message with only ambiguous labels counts as neutral (true) or
// gets no sentiment target (false).
inline bool g_ambiguous_is_neutral = true;

// Message-level sentiment from the emotion labels: positive or negative when
// every polar label agrees; neutral when only neutral/ambiguous labels;
// mixed polarities get no sentiment target (and are left out of the grouped
// sentiment evaluation, the same rule for train and dev).
inline int8_t grouped_sentiment(uint32_t emotions) {
  bool pos = false, neg = false, neutral = false;
  for (int i = 0; i < kEmotionCount; ++i) {
    if (!(emotions >> i & 1)) continue;
    pos |= g_sentiment_groups[i] == 'p';
    neg |= g_sentiment_groups[i] == 'n';
    neutral |= g_sentiment_groups[i] == 'N';
  }
  if (pos && neg) return kNoSentiment;
  if (!pos && !neg && !neutral && !g_ambiguous_is_neutral) return kNoSentiment;
  return pos ? kPositive : neg ? kNegative : kNeutral;
}

inline bool load_sentiment_groups(const std::string& labels_path,
                                  const std::string& groups_path, std::string* error) {
  std::string labels_text, groups_text;
  if (!read_file(labels_path, &labels_text) || !read_file(groups_path, &groups_text)) {
    *error = "cannot read " + labels_path + " or " + groups_path;
    return false;
  }
  std::istringstream ls(labels_text);
  std::vector<std::string> labels;
  for (std::string l; ls >> l;) labels.push_back(l);
  if (labels.size() != kEmotionCount) {
    *error = labels_path + ": expected 28 labels";
    return false;
  }
  const nlohmann::json groups = nlohmann::json::parse(groups_text, nullptr, false);
  if (groups.is_discarded()) {
    *error = groups_path + ": invalid JSON";
    return false;
  }
  g_sentiment_groups.assign(kEmotionCount, 'N');
  for (int i = 0; i < kEmotionCount; ++i) {
    if (labels[i] != kEmotionNames[i]) {
      *error = labels_path + ": label " + std::to_string(i) + " is " + labels[i] +
               ", the core expects " + kEmotionNames[i];
      return false;
    }
    for (const char* g : {"positive", "negative", "ambiguous"}) {
      for (const auto& name : groups.value(g, nlohmann::json::array()))
        if (name.is_string() && name.get<std::string>() == labels[i]) g_sentiment_groups[i] = g[0];
    }
  }
  return true;
}

inline bool load_goemotions(const std::string& path, std::vector<Example>* out) {
  std::string data;
  if (!read_file(path, &data)) return false;
  std::istringstream lines(data);
  std::string line;
  while (std::getline(lines, line)) {
    const size_t a = line.find('\t');
    const size_t b = a == std::string::npos ? a : line.find('\t', a + 1);
    if (b == std::string::npos) continue;
    Example e;
    e.text = line.substr(0, a);
    std::istringstream ids(line.substr(a + 1, b - a - 1));
    std::string id;
    while (std::getline(ids, id, ',')) {
      const int k = std::atoi(id.c_str());
      if (k >= 0 && k < kEmotionCount) e.emotions |= 1u << k;
    }
    e.has_emotions = true;
    e.sentiment = grouped_sentiment(e.emotions);
    out->push_back(std::move(e));
  }
  return true;
}

// RFC 4180 CSV (quoted fields may hold commas, quotes and newlines).
inline std::vector<std::vector<std::string>> parse_csv(const std::string& data) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < data.size(); ++i) {
    const char c = data[i];
    if (quoted) {
      if (c == '"' && i + 1 < data.size() && data[i + 1] == '"') field += '"', ++i;
      else if (c == '"') quoted = false;
      else field += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(std::move(field)), field.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < data.size() && data[i + 1] == '\n') ++i;
      rows.back().push_back(std::move(field)), field.clear();
      rows.emplace_back();
    } else {
      field += c;
    }
  }
  if (!field.empty() || !rows.back().empty()) rows.back().push_back(field);
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

// Bitext utterances are support requests: neutral, except those tagged W
// (offensive language) or filed under the complaint intent, which are
// negative. Rows whose index % 10 == 0 are held out as its dev split.
// Rows in `skip` (indices in parse_csv's output, train_labels.h's
// load_bitext_with_ids) are left out of both: the team labelled them.
inline bool load_bitext(const std::string& path, std::vector<Example>* train,
                        std::vector<Example>* dev, const std::set<size_t>* skip = nullptr) {
  std::string data;
  if (!read_file(path, &data)) return false;
  const auto rows = parse_csv(data);
  if (rows.empty()) return false;
  int col_text = -1, col_intent = -1, col_tags = -1;
  for (size_t i = 0; i < rows[0].size(); ++i) {
    if (rows[0][i] == "instruction") col_text = static_cast<int>(i);
    if (rows[0][i] == "intent") col_intent = static_cast<int>(i);
    if (rows[0][i] == "tags") col_tags = static_cast<int>(i);
  }
  if (col_text < 0 || col_intent < 0 || col_tags < 0) return false;
  for (size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    if (row.size() <= static_cast<size_t>(std::max({col_text, col_intent, col_tags}))) continue;
    if (skip && skip->count(r)) continue;
    Example e;
    e.text = row[col_text];
    const bool negative = row[col_tags].find('W') != std::string::npos ||
                          row[col_intent] == "complaint";
    e.sentiment = negative ? kNegative : kNeutral;
    (r % 10 == 0 ? dev : train)->push_back(std::move(e));
  }
  return true;
}

// Sentiment-only rows from a TSV whose header names its columns (UCI review
// sentences, XED subtitle lines): which column holds the label, what each of
// its values means, and which rows to keep. Every value the label column may
// hold is listed, so a new or misspelt value stops training instead of
// silently becoming a class.
struct SentimentTsv {
  std::string label_column;
  // Each allowed label value and its class; kNoSentiment: a known value whose
  // rows are left out on purpose (the spec says why).
  std::vector<std::pair<std::string, int8_t>> labels;
  // Optional row filter: keep a row only if `keep_column` holds one of
  // `keep_values` (empty column name: keep every row).
  std::string keep_column;
  std::vector<std::string> keep_values;
};

// What a load kept, by class, and what it left out (label value or filter).
struct SentimentTsvCounts {
  std::array<int, 3> kept{};
  int left_out = 0;
};

// UCI Sentiment Labelled Sentences (CC BY 4.0): review sentences about
// products (amazon) and restaurants (yelp), 1 positive / 0 negative; the imdb
// rows (movies) are left out. Customers describing what they got ("Waited 40
// minutes", "It broke after a week") in plain words.
inline const SentimentTsv kUciSentences = {
    "label", {{"1", kPositive}, {"0", kNegative}}, "source", {"amazon", "yelp"}};

// XED English (CC BY 4.0, Helsinki-NLP): movie-subtitle lines. `polarity` is
// the data folder's grouping of XED's Plutchik labels: negative (anger,
// disgust, fear, sadness), positive (anticipation, joy, trust), neutral (XED's
// separately annotated neutral lines). In the file a surprise that comes with
// polar labels does not change the polarity ("anger,surprise" is negative),
// as an ambiguous label beside polar ones does in GoEmotions' grouping
// (grouped_sentiment above). Left out:
//  - ambiguous (surprise only): annotators heard an emotion, so not neutral,
//    but surprise goes either way ("A beautiful woman like you ?"). Unlike
//    GoEmotions' ambiguous-only comments (--ambiguous neutral), XED has
//    neutral lines of its own, so these rows are not needed to teach neutral;
//  - mixed (both polarities): no one class, as GoEmotions' mixed comments.
inline const SentimentTsv kXedPolarity = {
    "polarity",
    {{"negative", kNegative}, {"neutral", kNeutral}, {"positive", kPositive},
     {"ambiguous", kNoSentiment}, {"mixed", kNoSentiment}},
    "", {}};

// Appends the kept rows to *train, sentiment only, at `weight`. False with a
// message naming the file (and line) when the file cannot be read, the header
// lacks a column, or a row has the wrong number of fields, an empty text or a
// label value the spec does not list. Blank lines are skipped.
inline bool load_sentiment_tsv(const std::string& path, const SentimentTsv& spec, float weight,
                               std::vector<Example>* train, std::string* error,
                               SentimentTsvCounts* counts = nullptr) {
  std::string data;
  if (!read_file(path, &data)) {
    *error = "cannot read " + path;
    return false;
  }
  const auto split = [](const std::string& line) {
    std::vector<std::string> fields;
    size_t from = 0;
    for (size_t tab; (tab = line.find('\t', from)) != std::string::npos; from = tab + 1)
      fields.push_back(line.substr(from, tab - from));
    fields.push_back(line.substr(from));
    return fields;
  };
  std::istringstream lines(data);
  std::string line;
  const auto next_line = [&] {  // a CRLF file reads as an LF one
    if (!std::getline(lines, line)) return false;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return true;
  };
  next_line();
  const std::vector<std::string> header = split(line);
  const auto column = [&](const std::string& name) {
    const auto it = std::find(header.begin(), header.end(), name);
    return it == header.end() ? -1 : static_cast<int>(it - header.begin());
  };
  std::vector<std::string> wanted = {"text", spec.label_column};
  if (!spec.keep_column.empty()) wanted.push_back(spec.keep_column);
  for (const std::string& name : wanted)
    if (column(name) < 0) {
      *error = path + ":1: no column \"" + name + "\" in the header";
      return false;
    }
  const int col_text = column("text"), col_label = column(spec.label_column);
  const int col_keep = spec.keep_column.empty() ? -1 : column(spec.keep_column);
  SentimentTsvCounts n;
  for (int number = 2; next_line(); ++number) {
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    const std::string where = path + ":" + std::to_string(number) + ": ";
    const std::vector<std::string> f = split(line);
    if (f.size() != header.size()) {
      *error = where + "expected " + std::to_string(header.size()) + " tab-separated fields, found " +
               std::to_string(f.size());
      return false;
    }
    const std::string& value = f[col_label];
    const auto label = std::find_if(spec.labels.begin(), spec.labels.end(),
                                    [&](const auto& l) { return l.first == value; });
    if (label == spec.labels.end()) {
      *error = where + "unknown " + spec.label_column + " \"" + value + "\"";
      return false;
    }
    if (f[col_text].find_first_not_of(' ') == std::string::npos) {
      *error = where + "empty text";
      return false;
    }
    const bool keep = col_keep < 0 || std::find(spec.keep_values.begin(), spec.keep_values.end(),
                                                f[col_keep]) != spec.keep_values.end();
    if (!keep || label->second == kNoSentiment) {
      ++n.left_out;
      continue;
    }
    Example e;
    e.text = f[col_text];
    e.sentiment = label->second;
    e.sentiment_weight = weight;
    ++n.kept[e.sentiment];
    train->push_back(std::move(e));
  }
  if (counts) *counts = n;
  return true;
}

// TweetEval keeps some characters as literal escapes ("don\u2019t"); decode
// them as the benchmark does (scripts/bench/datasets.mjs), so model.json and
// `npm run bench` measure the same texts. A lone surrogate becomes U+FFFD.
inline bool read_u_escape(const std::string& in, size_t i, unsigned* cp) {
  if (i + 5 >= in.size() || in[i] != '\\' || in[i + 1] != 'u') return false;
  *cp = 0;
  for (size_t k = i + 2; k < i + 6; ++k) {
    const char c = in[k];
    const int d = c >= '0' && c <= '9' ? c - '0'
                  : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
    if (d < 0) return false;
    *cp = *cp * 16 + d;
  }
  return true;
}

inline std::string decode_u_escapes(const std::string& in) {
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    unsigned cp = 0, low = 0;
    if (!read_u_escape(in, i, &cp)) {
      out += in[i];
      continue;
    }
    i += 5;
    if (cp >= 0xD800 && cp <= 0xDBFF && read_u_escape(in, i + 1, &low) && low >= 0xDC00 &&
        low <= 0xDFFF) {  // an escaped surrogate pair is one character
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      i += 6;
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
      cp = 0xFFFD;  // what TextEncoder makes of a lone surrogate
    }
    append_utf8(out, cp);
  }
  return out;
}

// The in-domain dev set (support-labelled/dev-customer.jsonl, labels by the
// Rapport team): sentiment only. Used to calibrate the fusion with k-fold
// cross-validation and to report; never trained on. False with a message
// naming the line when a row is malformed.
inline bool load_support_dev(const std::string& path, std::vector<Example>* out, std::string* error) {
  std::string data;
  if (!read_file(path, &data)) {
    *error = "cannot read " + path;
    return false;
  }
  std::istringstream lines(data);
  std::string line;
  for (int n = 1; std::getline(lines, line); ++n) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const nlohmann::json row = nlohmann::json::parse(line, nullptr, false);
    const auto text = row.is_object() ? row.find("text") : row.end();
    const auto label = row.is_object() ? row.find("sentiment") : row.end();
    if (text == row.end() || !text->is_string() || label == row.end() || !label->is_string()) {
      *error = path + ":" + std::to_string(n) + ": expected an object with string \"text\" and \"sentiment\"";
      return false;
    }
    Example e;
    e.text = text->get<std::string>();
    const std::string l = label->get<std::string>();
    e.sentiment = l == "negative" ? kNegative : l == "neutral" ? kNeutral : l == "positive" ? kPositive : kNoSentiment;
    if (e.sentiment == kNoSentiment) {
      *error = path + ":" + std::to_string(n) + ": unknown sentiment \"" + l + "\"";
      return false;
    }
    out->push_back(std::move(e));
  }
  return true;
}

// TweetEval sentiment: val_text.txt and val_labels.txt (0 neg, 1 neu, 2 pos).
inline bool load_tweeteval(const std::string& dir, std::vector<Example>* out) {
  std::string text, labels;
  if (!read_file(dir + "/val_text.txt", &text) || !read_file(dir + "/val_labels.txt", &labels))
    return false;
  std::istringstream t(text), l(labels);
  std::string a, b;
  while (std::getline(t, a) && std::getline(l, b)) {
    Example e;
    e.text = decode_u_escapes(a);
    e.sentiment = static_cast<int8_t>(std::atoi(b.c_str()));
    out->push_back(std::move(e));
  }
  return true;
}

}  // namespace rapport::train

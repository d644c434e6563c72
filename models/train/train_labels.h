// Team labels of in-domain training text (header-only, see train_data.h):
// models/train/data/*-labels.jsonl hold one JSON object per line,
// {"id", "sentiment", "emotion", "urgent"}, labelling in-domain customer text
// by the guidelines of the in-domain dev set (support-labelled/GUIDELINES.md).
// The files keep ids and labels only; the texts are read here from <data> and
// joined by id:
//   test-<dialogHeader.sessionID>-<index of the turn in dialogContent>
//       customer turns of twcc/test.json (the dev set's `dev-...` ids follow
//       the same scheme over twcc/dev.json)
//   banking77-train-<1-based line number in banking77/train.tsv, header = 1>
//   bitext-row-<0-based data row of bitext/customer_support_sample.csv, in
//       csv order (a blank line is no row)>; the text is its `instruction`
//   team-<writer>-<n>: a message written by the team, its text in the row's
//       own "text" field (the only rows that carry one)
#pragma once
#include <array>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/fusion.h"
#include "train_data.h"

namespace rapport::train {

// One labellable text and its id (a twcc customer turn, a BANKING77 query,
// a Bitext request).
struct TwccTurn {
  std::string id, text;
};
using IdText = TwccTurn;

// Customer turns (those with a "client" key) of a twcc split, with their ids
// (`prefix`-<sessionID>-<turn index>), in file order.
inline bool load_twcc_turns_with_ids(const std::string& path, const std::string& prefix,
                                     std::vector<TwccTurn>* out) {
  std::string data;
  if (!read_file(path, &data)) return false;
  const nlohmann::json j = nlohmann::json::parse(data, nullptr, false);
  if (!j.is_array()) return false;
  for (const auto& conv : j) {
    const auto header = conv.find("dialogHeader");
    const auto turns = conv.find("dialogContent");
    if (header == conv.end() || !header->is_object() || turns == conv.end() || !turns->is_array()) continue;
    const auto session = header->find("sessionID");
    if (session == header->end() || !session->is_string()) continue;
    for (size_t i = 0; i < turns->size(); ++i) {
      const auto& t = (*turns)[i];
      if (!t.is_object() || !t.contains("client") || !t.contains("message") || !t["message"].is_string()) continue;
      out->push_back({prefix + "-" + session->get<std::string>() + "-" + std::to_string(i),
                      t["message"].get<std::string>()});
    }
  }
  return true;
}

// BANKING77 queries (text<TAB>intent, header on line 1) named
// `prefix`-<line number>, counting the header as line 1.
inline bool load_banking77_with_ids(const std::string& path, const std::string& prefix,
                                    std::vector<IdText>* out) {
  std::string data;
  if (!read_file(path, &data)) return false;
  std::istringstream lines(data);
  std::string line;
  for (int n = 1; std::getline(lines, line); ++n) {
    if (n == 1) continue;  // header
    const size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0) continue;
    out->push_back({prefix + "-" + std::to_string(n), line.substr(0, tab)});
  }
  return true;
}

// Bitext requests (the `instruction` column) named bitext-row-<0-based data
// row>, rows counted as Python's csv.DictReader counts them (the header and
// blank lines are no rows). Also the rows' indices in parse_csv's output, so
// load_bitext can leave labelled rows out: (*csv_row)[i] for out[i].
inline bool load_bitext_with_ids(const std::string& path, std::vector<IdText>* out,
                                 std::vector<size_t>* csv_row = nullptr) {
  std::string data;
  if (!read_file(path, &data)) return false;
  const auto rows = parse_csv(data);
  if (rows.empty()) return false;
  int col_text = -1;
  for (size_t i = 0; i < rows[0].size(); ++i)
    if (rows[0][i] == "instruction") col_text = static_cast<int>(i);
  if (col_text < 0) return false;
  size_t index = 0;
  for (size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    if (row.empty() || (row.size() == 1 && row[0].empty())) continue;  // a blank line
    const size_t i = index++;
    if (row.size() <= static_cast<size_t>(col_text)) continue;
    out->push_back({"bitext-row-" + std::to_string(i), row[col_text]});
    if (csv_row) csv_row->push_back(r);
  }
  return true;
}

// The GoEmotions label that stands for an agent-facing group when a team
// label trains the emotion head: frustrated -> annoyance, angry -> anger,
// disappointed -> disappointment, confused -> confusion, anxious ->
// nervousness, sad -> sadness, grateful -> gratitude, happy -> joy,
// neutral -> neutral (each a member of its group, kEmotionGroupOf).
inline int group_label(int group) {
  static const char* const kLabel[kEmotionGroupCount] = {"anger",   "annoyance", "disappointment",
                                                         "confusion", "nervousness", "sadness",
                                                         "gratitude", "joy",       "neutral"};
  for (int k = 0; k < kEmotionCount; ++k)
    if (std::string(kEmotionNames[k]) == kLabel[group]) return k;
  return kEmotionCount - 1;
}

struct LabelledTurn {
  std::string id, text;
  int8_t sentiment = kNoSentiment;
  int emotion_group = -1;  // index in kEmotionGroupNames
  bool urgent = false;
};

// Reads the labels file and joins each line to its text in `turns` by id
// (`turns` may hold texts of several sources; `turns_path` names them in
// errors). False with "FILE:LINE: ..." in *error when a line is not an
// object with a string id, a known sentiment (negative|neutral|positive), a
// known emotion group (kEmotionGroupNames) and urgent 0 or 1, when its id
// names no text of the sources, or when an id comes twice in this file or
// was in `seen` already (pass the same set to later files to catch an id
// labelled in two files).
inline bool load_labelled_turns(const std::string& labels_path, const std::string& turns_path,
                                const std::vector<TwccTurn>& turns, std::vector<LabelledTurn>* out,
                                std::string* error, std::set<std::string>* seen_before = nullptr) {
  std::string data;
  if (!read_file(labels_path, &data)) {
    *error = "cannot read " + labels_path;
    return false;
  }
  std::map<std::string, const std::string*> text_of;
  for (const TwccTurn& t : turns) text_of[t.id] = &t.text;
  std::set<std::string> seen_here;
  std::set<std::string>& seen = seen_before ? *seen_before : seen_here;
  std::istringstream lines(data);
  std::string line;
  for (int n = 1; std::getline(lines, line); ++n) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string where = labels_path + ":" + std::to_string(n) + ": ";
    const nlohmann::json row = nlohmann::json::parse(line, nullptr, false);
    if (!row.is_object()) {
      *error = where + "not a JSON object";
      return false;
    }
    const auto field = [&](const char* key, nlohmann::json* v) {
      const auto it = row.find(key);
      if (it == row.end()) return false;
      *v = *it;
      return true;
    };
    nlohmann::json id, sentiment, emotion, urgent;
    if (!field("id", &id) || !id.is_string()) {
      *error = where + "expected a string \"id\"";
      return false;
    }
    LabelledTurn t;
    t.id = id.get<std::string>();
    // Team-written messages (ids team-...) carry their own text; every other
    // row names a text of the sources and carries none.
    const bool written = t.id.rfind("team-", 0) == 0;
    nlohmann::json own;
    const bool has_text = field("text", &own);
    if (written != has_text || (has_text && (!own.is_string() || own.get<std::string>().empty()))) {
      *error = where + (written ? "a team-written row (id \"" + t.id + "\") needs a non-empty string \"text\""
                                : "only team-written rows (ids team-...) carry a \"text\"; id \"" + t.id + "\" has one");
      return false;
    }
    const auto text = text_of.find(t.id);
    if (!written && text == text_of.end()) {
      *error = where + "id \"" + t.id + "\" names no text of " + turns_path;
      return false;
    }
    if (!seen.insert(t.id).second) {
      *error = where + "id \"" + t.id + "\" labelled twice";
      return false;
    }
    t.text = written ? own.get<std::string>() : *text->second;
    const std::string s = field("sentiment", &sentiment) && sentiment.is_string() ? sentiment.get<std::string>() : "";
    t.sentiment = s == "negative" ? kNegative : s == "neutral" ? kNeutral : s == "positive" ? kPositive : kNoSentiment;
    if (t.sentiment == kNoSentiment) {
      *error = where + "\"sentiment\" must be negative, neutral or positive, got " +
               (row.contains("sentiment") ? row["sentiment"].dump() : std::string("nothing"));
      return false;
    }
    const std::string e = field("emotion", &emotion) && emotion.is_string() ? emotion.get<std::string>() : "";
    for (int g = 0; g < kEmotionGroupCount; ++g)
      if (e == kEmotionGroupNames[g]) t.emotion_group = g;
    if (t.emotion_group < 0) {
      *error = where + "\"emotion\" must be one of the agent-facing groups (angry, frustrated, disappointed, "
                       "confused, anxious, sad, grateful, happy, neutral), got " +
               (row.contains("emotion") ? row["emotion"].dump() : std::string("nothing"));
      return false;
    }
    if (!field("urgent", &urgent) || !urgent.is_number_integer() ||
        (urgent.get<int>() != 0 && urgent.get<int>() != 1)) {
      *error = where + "\"urgent\" must be 0 or 1, got " +
               (row.contains("urgent") ? row["urgent"].dump() : std::string("nothing"));
      return false;
    }
    t.urgent = urgent.get<int>() == 1;
    out->push_back(std::move(t));
  }
  return true;
}

// Out-of-fold predictions of labelled rows (rapport_train --oof-out, read back
// with --oof-in): one line per held-out row, "<row> <id> <p negative> <p
// neutral> <p positive>", row = its index over the --labels files' rows in order.
inline std::string oof_line(size_t row, const std::string& id, const std::array<float, 3>& p) {
  char probs[128];
  std::snprintf(probs, sizeof probs, "%.9g %.9g %.9g\n", p[0], p[1], p[2]);
  return std::to_string(row) + " " + id + " " + probs;
}

// Reads such files (`files`: paths joined by commas) into (*out)[row] for
// every labelled row (`ids`, index order). False with the reason in *error
// when a file cannot be read, a line names a row that is not labelled (or
// under another id) or one already read, or a row has no prediction.
inline bool load_oof_predictions(const std::string& files, const std::vector<std::string>& ids,
                                 std::vector<std::array<float, 3>>* out, std::string* error) {
  out->assign(ids.size(), {-1.f, -1.f, -1.f});
  std::stringstream list(files);
  for (std::string f; std::getline(list, f, ',');) {
    std::ifstream in(f);
    if (!in) {
      *error = "cannot read --oof-in " + f;
      return false;
    }
    size_t row;
    std::string id;
    std::array<float, 3> q;
    while (in >> row >> id >> q[0] >> q[1] >> q[2]) {
      if (row >= ids.size() || ids[row] != id || (*out)[row][0] >= 0.f) {
        *error = f + ": row " + std::to_string(row) + " (" + id + ") is not a labelled row of --labels, or is there twice";
        return false;
      }
      (*out)[row] = q;
    }
  }
  for (size_t i = 0; i < ids.size(); ++i)
    if ((*out)[i][0] < 0.f) {
      *error = "--oof-in has no prediction for labelled row " + std::to_string(i) + " (" + ids[i] + ")";
      return false;
    }
  return true;
}

}  // namespace rapport::train

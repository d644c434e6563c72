// Team labels of in-domain training text (header-only, see train_data.h):
// models/train/data/twcc-test-labels.jsonl holds one JSON object per line,
// {"id", "sentiment", "emotion", "urgent"}, labelling the customer turns of
// <data>/twcc/test.json by the guidelines of the in-domain dev set
// (support-labelled/GUIDELINES.md). The file keeps ids and labels only; the
// texts are read here from twcc/test.json and joined by id:
//   test-<dialogHeader.sessionID>-<index of the turn in dialogContent>
// (the dev set's `dev-...` ids follow the same scheme over twcc/dev.json).
#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/fusion.h"
#include "train_data.h"

namespace rapport::train {

struct TwccTurn {
  std::string id, text;
};

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

// Reads the labels file and joins each line to its text in `turns` by id.
// False with "FILE:LINE: ..." in *error when a line is not an object with a
// string id, a known sentiment (negative|neutral|positive), a known emotion
// group (kEmotionGroupNames) and urgent 0 or 1, when its id names no customer
// turn of the split, or when an id comes twice.
inline bool load_labelled_turns(const std::string& labels_path, const std::string& turns_path,
                                const std::vector<TwccTurn>& turns, std::vector<LabelledTurn>* out,
                                std::string* error) {
  std::string data;
  if (!read_file(labels_path, &data)) {
    *error = "cannot read " + labels_path;
    return false;
  }
  std::map<std::string, const std::string*> text_of;
  for (const TwccTurn& t : turns) text_of[t.id] = &t.text;
  std::set<std::string> seen;
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
    const auto text = text_of.find(t.id);
    if (text == text_of.end()) {
      *error = where + "id \"" + t.id + "\" is no customer turn of " + turns_path;
      return false;
    }
    if (!seen.insert(t.id).second) {
      *error = where + "id \"" + t.id + "\" labelled twice";
      return false;
    }
    t.text = *text->second;
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

}  // namespace rapport::train

// The names the engine uses in its results (cue ids, emotion names, agent-facing
// emotion groups and their members), as one JSON text, so the JS contract
// (shared/api/schema/rapport.schema.json) can be checked against the engine
// itself rather than against a second hand-kept list (tests/js/contract.test.mjs).
#include <emscripten/bind.h>

#include <string>

#include <nlohmann/json.hpp>

#include "analysis/assessment.h"
#include "analysis/cue_phrases.h"
#include "model/fusion.h"

namespace {

std::string vocabulary_json() {
  nlohmann::ordered_json out;
  out["cueIds"] = nlohmann::ordered_json::array();
  for (const char* id : rapport::kCueIds) out["cueIds"].push_back(id);
  out["emotionNames"] = nlohmann::ordered_json::array();
  for (const char* name : rapport::kEmotionNames) out["emotionNames"].push_back(name);
  nlohmann::ordered_json groups = nlohmann::ordered_json::object();
  for (const char* group : rapport::kEmotionGroupNames) groups[group] = nlohmann::ordered_json::array();
  for (int k = 0; k < rapport::kEmotionCount; ++k) {
    groups[rapport::kEmotionGroupNames[rapport::kEmotionGroupOf[k]]].push_back(rapport::kEmotionNames[k]);
  }
  out["emotionGroups"] = groups;
  return out.dump();
}

}  // namespace

EMSCRIPTEN_BINDINGS(rapport_vocabulary) {
  emscripten::function("vocabularyJson", &vocabulary_json);
}

// Golden draft reviews (tests/fixtures/golden/review.json), the same file
// tests/js/review-golden.test.mjs runs against the wasm build. Each failure
// names the case and the field.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "review/reviewer.h"
#include "test_files.h"

using nlohmann::json;
using rapport::review::Reviewer;

namespace {

using rapport::testing::read_file;

// UTF-8 <-> UTF-16 for the checks (inputs here are valid UTF-8).
std::u16string to_u16(const std::string& s) {
  std::u16string out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    uint32_t cp;
    int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
    for (int k = 1; k < n; ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
    i += n;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(cp));
    }
  }
  return out;
}

std::string to_u8(const std::u16string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    uint32_t cp = s[i];
    if (cp >= 0xD800 && cp < 0xDC00 && i + 1 < s.size()) cp = 0x10000 + ((cp - 0xD800) << 10) + (s[++i] - 0xDC00);
    if (cp < 0x80) out.push_back(static_cast<char>(cp));
    else if (cp < 0x800) { out.push_back(0xC0 | (cp >> 6)); out.push_back(0x80 | (cp & 0x3F)); }
    else if (cp < 0x10000) { out.push_back(0xE0 | (cp >> 12)); out.push_back(0x80 | ((cp >> 6) & 0x3F)); out.push_back(0x80 | (cp & 0x3F)); }
    else { out.push_back(0xF0 | (cp >> 18)); out.push_back(0x80 | ((cp >> 12) & 0x3F)); out.push_back(0x80 | ((cp >> 6) & 0x3F)); out.push_back(0x80 | (cp & 0x3F)); }
  }
  return out;
}

const json* find_rule(const json& review, const std::string& id) {
  for (const json& s : review["suggestions"]) {
    if (s["ruleId"] == id) return &s;
  }
  return nullptr;
}

std::string str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void check_case(const json& c) {
  const std::string name = str(c, "name");
  std::string draft = str(c, "draft");
  if (auto rep = c.find("draftRepeat"); rep != c.end()) {
    draft.clear();
    for (int i = 0; i < (*rep)["count"].get<int>(); ++i) draft += (*rep)["unit"].get<std::string>();
  }
  Reviewer reviewer;
  reviewer.set_customer(str(c, "customerText"), str(c, "customerName"));
  const json r = json::parse(reviewer.review_json(draft), nullptr, false);
  ASSERT_FALSE(r.is_discarded()) << name << ": output is not JSON";
  const json& e = c["expect"];
  const std::u16string u16 = to_u16(draft);

  // Every span must slice the draft (UTF-16) to the reported text.
  for (const json& s : r["suggestions"]) {
    size_t start = s["start"], end = s["end"], rs = s["replaceStart"], re = s["replaceEnd"];
    ASSERT_LE(start, end) << name;
    ASSERT_LE(end, u16.size()) << name;
    EXPECT_LE(rs, start) << name << ": replaceStart of " << s["ruleId"];
    EXPECT_GE(re, end) << name << ": replaceEnd of " << s["ruleId"];
    EXPECT_EQ(to_u8(u16.substr(start, end - start)), s["text"].get<std::string>()) << name << ": text of " << s["ruleId"];
  }
  const json rules_list = e.value("rules", json::array());
  for (const json& id : rules_list) {
    EXPECT_NE(find_rule(r, id), nullptr) << name << ": rules: missing " << id;
  }
  const json noRules_list = e.value("noRules", json::array());
  for (const json& id : noRules_list) {
    EXPECT_EQ(find_rule(r, id), nullptr) << name << ": noRules: unexpected " << id;
  }
  if (e.value("noSuggestions", false)) {
    EXPECT_TRUE(r["suggestions"].empty()) << name << ": noSuggestions: " << r["suggestions"].dump();
  }
  const json spans_obj = e.value("spans", json::object());
  for (auto& [id, text] : spans_obj.items()) {
    const json* s = find_rule(r, id);
    ASSERT_NE(s, nullptr) << name << ": spans: no " << id;
    size_t start = (*s)["start"], end = (*s)["end"];
    EXPECT_EQ(to_u8(u16.substr(start, end - start)), text.get<std::string>()) << name << ": spans." << id;
  }
  const json replace_obj = e.value("replace", json::object());
  for (auto& [id, text] : replace_obj.items()) {
    const json* s = find_rule(r, id);
    ASSERT_NE(s, nullptr) << name << ": replace: no " << id;
    size_t start = (*s)["replaceStart"], end = (*s)["replaceEnd"];
    EXPECT_EQ(to_u8(u16.substr(start, end - start)), text.get<std::string>()) << name << ": replace." << id;
  }
  const json firstReplacement_obj = e.value("firstReplacement", json::object());
  for (auto& [id, text] : firstReplacement_obj.items()) {
    const json* s = find_rule(r, id);
    ASSERT_NE(s, nullptr) << name << ": firstReplacement: no " << id;
    EXPECT_EQ((*s)["replacements"][0], text) << name << ": firstReplacement." << id;
  }
  int score = r["empathyScore"];
  if (e.contains("scoreMin")) EXPECT_GE(score, e["scoreMin"].get<int>()) << name << ": scoreMin";
  if (e.contains("scoreMax")) EXPECT_LE(score, e["scoreMax"].get<int>()) << name << ": scoreMax";
  const json parts_obj = e.value("parts", json::object());
  for (auto& [id, points] : parts_obj.items()) {
    bool found = false;
    for (const json& p : r["scoreParts"]) {
      if (p["id"] != id) continue;
      found = true;
      EXPECT_EQ(p["points"].get<int>(), points.get<int>()) << name << ": parts." << id << " " << p.dump();
    }
    EXPECT_TRUE(found) << name << ": parts: no " << id;
  }
  if (e.contains("mismatch")) EXPECT_EQ(r["mismatch"]["alert"], e["mismatch"]) << name << ": mismatch";
  if (e.contains("truncated")) EXPECT_EQ(r["truncated"], e["truncated"]) << name << ": truncated";
}

}  // namespace

TEST(ReviewGolden, EveryCase) {
  const json cases = json::parse(read_file(RAPPORT_FIXTURES_DIR "/golden/review.json"), nullptr, false);
  ASSERT_TRUE(cases.is_array());
  ASSERT_GE(cases.size(), 20u);
  for (const json& c : cases) {
    SCOPED_TRACE(str(c, "name"));
    check_case(c);
  }
}

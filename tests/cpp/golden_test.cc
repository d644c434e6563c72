// Runs tests/fixtures/golden/analyze.json against the native build. The same
// file runs against the wasm build (tests/js/golden-check.mjs) with the same
// rules, so the two builds cannot drift apart. The checker reads the public
// JSON (append_assessment_json output), not the C++ structs, exactly as JS does.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/analyzer.h"
#include "text/utf8.h"

namespace rapport {
namespace {

using nlohmann::json;

// JSON can carry lone surrogates ("\ud800") but UTF-8 cannot. A JS string
// holding one, encoded with TextEncoder, yields U+FFFD; we do the same to the
// fixture text before parsing (nlohmann rejects lone surrogates).
std::string replace_lone_surrogates(const std::string& in) {
  auto hex4 = [&](size_t at, unsigned* value) {
    if (at + 4 > in.size()) return false;
    *value = 0;
    for (size_t k = at; k < at + 4; ++k) {
      char c = in[k];
      int d = c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
      if (d < 0) return false;
      *value = *value * 16 + d;
    }
    return true;
  };
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '\\' || i + 1 >= in.size()) {
      out += in[i];
      continue;
    }
    unsigned v = 0, low = 0;
    if (in[i + 1] == 'u' && hex4(i + 2, &v) && v >= 0xD800 && v <= 0xDFFF) {
      bool paired = v <= 0xDBFF && i + 12 <= in.size() && in[i + 6] == '\\' && in[i + 7] == 'u' &&
                    hex4(i + 8, &low) && low >= 0xDC00 && low <= 0xDFFF;
      if (paired) {
        out.append(in, i, 12);
        i += 11;
      } else {
        out += "\\ufffd";
        i += 5;
      }
      continue;
    }
    out.append(in, i, 2);  // any other escape, including "\\\\"
    ++i;
  }
  return out;
}

json load_cases() {
  std::ifstream file(RAPPORT_FIXTURES_DIR "/golden/analyze.json", std::ios::binary);
  std::stringstream buffer;
  buffer << file.rdbuf();
  return json::parse(replace_lone_surrogates(buffer.str()), nullptr, /*allow_exceptions=*/false);
}

std::string case_text(const json& c) {
  if (c.contains("textRepeat")) {
    const json& r = c["textRepeat"];
    std::string unit = r["unit"].get<std::string>(), text;
    int count = r["count"].get<int>();
    text.reserve(unit.size() * count);
    for (int i = 0; i < count; ++i) text += unit;
    return text;
  }
  return c["text"].get<std::string>();
}

json analyze_to_json(const std::string& text) {
  std::string out;
  append_assessment_json(out, analyze_message(text));
  return json::parse(out, nullptr, false);
}

int sign(double x) { return x > 0 ? 1 : x < 0 ? -1 : 0; }

bool contains(const json& list, const std::string& value) {
  for (const json& v : list)
    if (v.is_string() && v.get<std::string>() == value) return true;
  return false;
}

// The golden checker (same fields and rules as tests/js/golden-check.mjs).
// Returns "field: why" for each failed expectation.
std::vector<std::string> check_case(const json& expect, const json& r) {
  std::vector<std::string> fails;
  auto fail = [&](const std::string& field, const std::string& why) { fails.push_back(field + ": " + why); };
  const std::string label = r["sentiment"]["label"].get<std::string>();
  const double score = r["sentiment"]["score"].get<double>();
  if (expect.contains("label")) {
    json allowed = expect["label"].is_array() ? expect["label"] : json::array({expect["label"]});
    if (!contains(allowed, label)) fail("label", "expected " + allowed.dump() + ", got " + label + " (score " + std::to_string(score) + ")");
  }
  if (expect.contains("scoreMin") && !(score >= expect["scoreMin"].get<double>()))
    fail("scoreMin", "expected score >= " + expect["scoreMin"].dump() + ", got " + std::to_string(score));
  if (expect.contains("scoreMax") && !(score <= expect["scoreMax"].get<double>()))
    fail("scoreMax", "expected score <= " + expect["scoreMax"].dump() + ", got " + std::to_string(score));
  json ids = json::array();
  for (const json& c : r["cues"]) ids.push_back(c["id"]);
  for (const json& id : expect.value("cues", json::array()))
    if (!contains(ids, id.get<std::string>())) fail("cues", "expected cue " + id.get<std::string>() + ", got " + ids.dump());
  for (const json& id : expect.value("noCues", json::array()))
    if (contains(ids, id.get<std::string>())) fail("noCues", "cue " + id.get<std::string>() + " must not be present");
  const json cue_spans = expect.value("cueSpans", json::object());  // keep alive: items() is a view
  for (const auto& [id, texts] : cue_spans.items()) {
    json spans = json::array();
    for (const json& c : r["cues"])
      if (c["id"] == id)
        for (const json& s : c["spans"]) spans.push_back(s["text"]);
    for (const json& t : texts)
      if (!contains(spans, t.get<std::string>()))
        fail("cueSpans", "cue " + id + " lacks span " + t.dump() + ", has " + spans.dump());
  }
  for (const json& want : expect.value("evidence", json::array())) {
    bool found = false;
    for (const json& e : r["evidence"])
      found |= e["text"] == want["text"] && (!want.contains("sign") || sign(e["weight"].get<double>()) == want["sign"].get<int>());
    if (!found) fail("evidence", "expected " + want.dump() + ", got " + r["evidence"].dump());
  }
  if (expect.contains("language") && r["language"]["code"] != expect["language"])
    fail("language", "expected " + expect["language"].dump() + ", got " + r["language"]["code"].dump());
  const std::pair<const char*, json> flags[] = {
      {"supported", r["language"]["supported"]}, {"truncated", r["truncated"]}, {"invalidUtf8", r["invalidUtf8"]}};
  for (const auto& [field, actual] : flags)
    if (expect.contains(field) && actual != expect[field])
      fail(field, "expected " + expect[field].dump() + ", got " + actual.dump());
  return fails;
}

std::u16string to_utf16(const std::string& utf8) {
  std::u16string out;
  for (size_t pos = 0; pos < utf8.size();) {
    size_t len = 1;
    uint32_t cp = decode_utf8(utf8, pos, &len);
    pos += len;
    if (cp >= 0x10000) {
      out += static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10));
      out += static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      out += static_cast<char16_t>(cp);
    }
  }
  return out;
}

// Invariants every result keeps (like spanFailures in the JS checker): when the
// text was not cut, slicing it by a span's UTF-16 offsets gives the span text.
std::vector<std::string> span_failures(const std::string& text, const json& r) {
  std::vector<std::string> fails;
  if (r["truncated"].get<bool>()) return fails;
  std::u16string units = to_utf16(text);
  std::vector<json> spans(r["evidence"].begin(), r["evidence"].end());
  for (const json& c : r["cues"]) spans.insert(spans.end(), c["spans"].begin(), c["spans"].end());
  for (const json& s : spans) {
    size_t start = s["start"].get<size_t>(), end = s["end"].get<size_t>();
    if (start > end || end > units.size()) fails.push_back("span " + s.dump() + " has bad offsets");
    else if (units.substr(start, end - start) != to_utf16(s["text"].get<std::string>()))
      fails.push_back("span " + s.dump() + " does not match the text at its offsets");
  }
  return fails;
}

TEST(Golden, FixtureFileParsesAndHasCases) {
  json cases = load_cases();
  ASSERT_FALSE(cases.is_discarded()) << "tests/fixtures/golden/analyze.json is not valid JSON";
  ASSERT_TRUE(cases.is_array());
  EXPECT_GE(cases.size(), 40u);
  for (const json& c : cases) {
    EXPECT_TRUE(c.contains("name") && c.contains("expect")) << c.dump().substr(0, 200);
    EXPECT_TRUE(c.contains("text") != c.contains("textRepeat")) << c["name"];
  }
}

TEST(Golden, EveryCaseMatchesItsExpectations) {
  json cases = load_cases();
  ASSERT_TRUE(cases.is_array());
  int failed_cases = 0;
  for (const json& c : cases) {
    const std::string name = c["name"].get<std::string>();
    const std::string text = case_text(c);
    json r = analyze_to_json(text);
    if (r.is_discarded()) {
      ADD_FAILURE() << "case \"" << name << "\": output is not valid JSON";
      ++failed_cases;
      continue;
    }
    std::vector<std::string> fails = check_case(c["expect"], r);
    std::vector<std::string> span_fails = span_failures(text, r);
    fails.insert(fails.end(), span_fails.begin(), span_fails.end());
    for (const std::string& f : fails) ADD_FAILURE() << "case \"" << name << "\": " << f;
    failed_cases += !fails.empty();
  }
  std::printf("golden: %d of %zu cases failed\n", failed_cases, cases.size());
}

}  // namespace
}  // namespace rapport

// The hand-written JSON writer: number format and string escaping, checked
// against exact text and against nlohmann's parser.
#include "output/json_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

namespace rapport {
namespace {

using nlohmann::json;

TEST(JsonWriter, NumbersHaveFourDecimalsAndNoNegativeZero) {
  auto num = [](double v) {
    std::string s;
    append_json_number(s, v);
    return s;
  };
  EXPECT_EQ(num(0), "0");
  EXPECT_EQ(num(0.5), "0.5");
  EXPECT_EQ(num(-0.12344), "-0.1234");
  EXPECT_EQ(num(3), "3");
  EXPECT_EQ(num(-2.25), "-2.25");
  EXPECT_EQ(num(0.00001), "0");
  EXPECT_EQ(num(-0.00001), "0");
  EXPECT_EQ(num(0.0105), "0.0105");
  EXPECT_EQ(num(std::nan("")), "0");
  EXPECT_EQ(num(INFINITY), "0");
  EXPECT_EQ(num(1234567.5), "1234567.5");
}

TEST(JsonWriter, StringsAreEscaped) {
  std::string s;
  append_json_string(s, std::string("a\"b\\c\nd\te\x01\x1f\x7f caf\xC3\xA9"));
  EXPECT_EQ(s, "\"a\\\"b\\\\c\\nd\\te\\u0001\\u001f\x7f caf\xC3\xA9\"");
  json parsed = json::parse(s, nullptr, false);
  ASSERT_FALSE(parsed.is_discarded());
  EXPECT_EQ(parsed.get<std::string>(), std::string("a\"b\\c\nd\te\x01\x1f\x7f caf\xC3\xA9"));
}

TEST(JsonWriter, EveryControlCharacterRoundTrips) {
  std::string all;
  for (int c = 1; c < 0x20; ++c) all += static_cast<char>(c);
  all += std::string(1, '\0') + "end";
  std::string s;
  append_json_string(s, all);
  for (char c : s) EXPECT_GE(static_cast<unsigned char>(c), 0x20u);
  json parsed = json::parse(s, nullptr, false);
  ASSERT_FALSE(parsed.is_discarded());
  EXPECT_EQ(parsed.get<std::string>(), all);
}

TEST(JsonWriter, UnsignedIntegers) {
  std::string s;
  append_json_uint(s, 0);
  s += ',';
  append_json_uint(s, 18446744073709551615ull);
  EXPECT_EQ(s, "0,18446744073709551615");
}

}  // namespace
}  // namespace rapport

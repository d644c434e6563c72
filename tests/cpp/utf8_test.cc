// sanitize_utf8 (maximal-subpart U+FFFD replacement like TextDecoder, NUL,
// truncation) and Utf16Offsets (byte <-> UTF-16 code units).
#include "text/utf8.h"

#include <gtest/gtest.h>

#include "text/char_class.h"

#include <string>

namespace rapport {
namespace {

const std::string kFFFD = "\xEF\xBF\xBD";

std::string Rep(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += kFFFD;
  return s;
}

TEST(SanitizeUtf8, ValidTextIsUnchanged) {
  const std::string text = "caf\xC3\xA9 \xF0\x9F\x91\x8D \xE4\xBD\xA0";
  const SanitizedText s = sanitize_utf8(text);
  EXPECT_EQ(s.text, text);
  EXPECT_FALSE(s.had_invalid);
  EXPECT_FALSE(s.had_nul);
  EXPECT_FALSE(s.truncated);
  EXPECT_EQ(s.original_bytes, text.size());
}

TEST(SanitizeUtf8, MaximalSubpartsBecomeOneReplacementEach) {
  // Expected counts are what TextDecoder (WHATWG) produces.
  EXPECT_EQ(sanitize_utf8("a\x80" "b").text, "a" + Rep(1) + "b");        // lone continuation
  EXPECT_EQ(sanitize_utf8("\xC0\x80").text, Rep(2));                     // overlong NUL
  EXPECT_EQ(sanitize_utf8("\xE0\x80\x80").text, Rep(3));                 // overlong 3-byte
  EXPECT_EQ(sanitize_utf8("\xED\xA0\x80").text, Rep(3));                 // surrogate D800
  EXPECT_EQ(sanitize_utf8("\xF0\x9F\x98").text, Rep(1));                 // truncated emoji
  EXPECT_EQ(sanitize_utf8("\xF0\x9F\x98" "a").text, Rep(1) + "a");
  EXPECT_EQ(sanitize_utf8("\xE2\x82" "x").text, Rep(1) + "x");
  EXPECT_EQ(sanitize_utf8("\xF4\x90\x80\x80").text, Rep(4));             // above U+10FFFF
  EXPECT_EQ(sanitize_utf8("\xF5\xFF").text, Rep(2));
  EXPECT_EQ(sanitize_utf8("\xC3").text, Rep(1));
  EXPECT_TRUE(sanitize_utf8("\x80").had_invalid);
}

TEST(SanitizeUtf8, NulBecomesSpace) {
  const SanitizedText s = sanitize_utf8(std::string("a\0b\0", 4));
  EXPECT_EQ(s.text, "a b ");
  EXPECT_TRUE(s.had_nul);
  EXPECT_FALSE(s.had_invalid);
}

TEST(SanitizeUtf8, EmptyInput) {
  const SanitizedText s = sanitize_utf8("");
  EXPECT_TRUE(s.text.empty());
  EXPECT_FALSE(s.truncated);
}

TEST(SanitizeUtf8, TruncatesOnACodePointBoundary) {
  // 3 x 4-byte emoji, limit 10: only two fit.
  const std::string emoji = "\xF0\x9F\x98\x80";
  const SanitizedText s = sanitize_utf8(emoji + emoji + emoji, 10);
  EXPECT_EQ(s.text, emoji + emoji);
  EXPECT_TRUE(s.truncated);
  EXPECT_EQ(s.original_bytes, 12u);
  EXPECT_FALSE(sanitize_utf8(emoji + emoji, 8).truncated);
}

TEST(SanitizeUtf8, OneMegabyteIsCutToTheLimit) {
  const std::string big(1 << 20, 'a');
  const SanitizedText s = sanitize_utf8(big);
  EXPECT_EQ(s.text.size(), kMaxAnalyzedBytes);
  EXPECT_TRUE(s.truncated);
  EXPECT_EQ(s.original_bytes, big.size());
}

TEST(DecodeUtf8, DecodesAndReportsLength) {
  size_t len = 0;
  EXPECT_EQ(decode_utf8("\xF0\x9F\x91\x8D", 0, &len), 0x1F44Du);
  EXPECT_EQ(len, 4u);
  EXPECT_EQ(decode_utf8("\xC3\xA9", 0, &len), 0xE9u);
  EXPECT_EQ(len, 2u);
  EXPECT_EQ(decode_utf8("\xFF", 0, &len), 0xFFFDu);
  EXPECT_EQ(len, 1u);
}

TEST(AppendUtf8, RoundTripsEveryPlane) {
  for (uint32_t cp : {0x41u, 0xE9u, 0x20ACu, 0x1F600u, 0x10FFFFu}) {
    std::string s;
    append_utf8(s, cp);
    size_t len = 0;
    EXPECT_EQ(decode_utf8(s, 0, &len), cp);
    EXPECT_EQ(len, s.size());
  }
}

TEST(Utf16Offsets, HandComputedForEmojiText) {
  // "a😀é b" : a(1 byte,1 unit) 😀(4,2) é(2,1) ' '(1,1) b(1,1)
  const std::string text = "a\xF0\x9F\x98\x80\xC3\xA9 b";
  const Utf16Offsets map(text);
  EXPECT_EQ(map.to_utf16(0), 0u);
  EXPECT_EQ(map.to_utf16(1), 1u);
  EXPECT_EQ(map.to_utf16(5), 3u);
  EXPECT_EQ(map.to_utf16(7), 4u);
  EXPECT_EQ(map.to_utf16(8), 5u);
  EXPECT_EQ(map.to_utf16(9), 6u);
  EXPECT_EQ(map.utf16_length(), 6u);
  for (uint32_t b : {0u, 1u, 5u, 7u, 8u, 9u}) EXPECT_EQ(map.to_byte(map.to_utf16(b)), b);
  EXPECT_EQ(map.to_byte(2), 1u);  // between the surrogate halves: start of 😀
  EXPECT_EQ(map.to_utf16(3), 1u); // inside 😀: its start
  EXPECT_EQ(map.to_utf16(100), 6u);
}

TEST(Utf16Offsets, ZwjFamilyAndFlagAreCountedPerCodePoint) {
  // "Hi 👨‍👩‍👧!🇺🇸" : H i ' ' (3 units) 👨(2) ZWJ(1) 👩(2) ZWJ(1) 👧(2) '!'(1) 🇺(2) 🇸(2)
  const std::string family =
      "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7";
  const std::string text = "Hi " + family + "!" + "\xF0\x9F\x87\xBA\xF0\x9F\x87\xB8";
  const Utf16Offsets map(text);
  const uint32_t bang = 3 + static_cast<uint32_t>(family.size());  // byte 21
  EXPECT_EQ(map.to_utf16(3), 3u);
  EXPECT_EQ(map.to_utf16(7), 5u);     // after 👨
  EXPECT_EQ(map.to_utf16(10), 6u);    // after the first ZWJ
  EXPECT_EQ(map.to_utf16(bang), 11u);
  EXPECT_EQ(map.to_utf16(bang + 1), 12u);
  EXPECT_EQ(map.to_utf16(bang + 5), 14u);
  EXPECT_EQ(map.utf16_length(), 16u);
  for (uint32_t b : {0u, 3u, 7u, 10u, 14u, 17u, bang, bang + 1, bang + 5, bang + 9})
    EXPECT_EQ(map.to_byte(map.to_utf16(b)), b) << b;
}

TEST(Utf16Offsets, AsciiOnlyAndEmpty) {
  const Utf16Offsets ascii("hello");
  EXPECT_EQ(ascii.to_utf16(3), 3u);
  EXPECT_EQ(ascii.to_byte(4), 4u);
  EXPECT_EQ(ascii.utf16_length(), 5u);
  const Utf16Offsets empty("");
  EXPECT_EQ(empty.to_utf16(0), 0u);
  EXPECT_EQ(empty.to_byte(7), 0u);
}

TEST(Utf16Offsets, ReplacementCharacterIsOneUnitLikeALoneSurrogateInJs) {
  // JS: new TextDecoder().decode(bytes("a\xED\xA0\x80b")) has length 5 (a, 3 x U+FFFD, b).
  const SanitizedText s = sanitize_utf8("a\xED\xA0\x80" "b");
  const Utf16Offsets map(s.text);
  EXPECT_EQ(map.utf16_length(), 5u);
  EXPECT_EQ(map.to_utf16(static_cast<uint32_t>(s.text.size()) - 1), 4u);
}

TEST(CharClass, ClassesOfRepresentativeCodePoints) {
  EXPECT_EQ(classify_code_point('a'), CharClass::Letter);
  EXPECT_EQ(classify_code_point('7'), CharClass::Digit);
  EXPECT_EQ(classify_code_point('\n'), CharClass::Newline);
  EXPECT_EQ(classify_code_point('$'), CharClass::Symbol);
  EXPECT_EQ(classify_code_point('!'), CharClass::Punct);
  EXPECT_EQ(classify_code_point(0xE9), CharClass::Letter);     // é
  EXPECT_EQ(classify_code_point(0x0301), CharClass::Mark);     // combining acute
  EXPECT_EQ(classify_code_point(0x4F60), CharClass::Letter);   // 你
  EXPECT_EQ(classify_code_point(0x2019), CharClass::Punct);    // ’
  EXPECT_EQ(classify_code_point(0x3000), CharClass::Space);    // ideographic space
  EXPECT_EQ(classify_code_point(0x2028), CharClass::Newline);
  EXPECT_EQ(classify_code_point(0x1F600), CharClass::Emoji);
  EXPECT_EQ(classify_code_point(0x2764), CharClass::Emoji);    // ❤
  EXPECT_EQ(classify_code_point(0xA9), CharClass::EmojiText);  // ©
  EXPECT_EQ(classify_code_point(0x1F3FD), CharClass::EmojiPart);
  EXPECT_EQ(classify_code_point(0xFE0F), CharClass::EmojiPart);
  EXPECT_EQ(classify_code_point(0x1F1FA), CharClass::Regional);
  EXPECT_EQ(classify_code_point(0xFFFD), CharClass::Symbol);
  EXPECT_EQ(classify_code_point(0x20AC), CharClass::Symbol);   // €
}

TEST(CharClass, SimpleLowerAndCase) {
  EXPECT_EQ(simple_lower('Q'), uint32_t('q'));
  EXPECT_EQ(simple_lower(0xC9), 0xE9u);     // É -> é
  EXPECT_EQ(simple_lower(0xD7), 0xD7u);     // × is no letter
  EXPECT_EQ(simple_lower(0x141), 0x142u);   // Ł -> ł (odd-upper range)
  EXPECT_EQ(simple_lower(0x160), 0x161u);   // Š -> š
  EXPECT_EQ(simple_lower(0x178), 0xFFu);    // Ÿ -> ÿ
  EXPECT_EQ(simple_lower(0x130), uint32_t('i'));
  EXPECT_EQ(simple_lower(0x3A9), 0x3C9u);   // Ω -> ω
  EXPECT_EQ(simple_lower(0x386), 0x3ACu);   // Ά -> ά
  EXPECT_EQ(simple_lower(0x416), 0x436u);   // Ж -> ж
  EXPECT_EQ(simple_lower(0x401), 0x451u);   // Ё -> ё
  EXPECT_EQ(simple_lower(0x4F60), 0x4F60u);
  EXPECT_TRUE(is_upper_letter(0x416));
  EXPECT_TRUE(is_lower_letter(0x436));
  EXPECT_FALSE(is_upper_letter(0x4F60));
  EXPECT_FALSE(is_lower_letter(0x4F60));   // uncased scripts are neither
  EXPECT_TRUE(is_lower_letter(0xDF));      // ß
}

}  // namespace
}  // namespace rapport

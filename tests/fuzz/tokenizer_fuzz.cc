// libFuzzer target: any bytes -> sanitize_utf8 -> tokenize, checking the
// invariants callers rely on (valid UTF-8 out, spans in order and in bounds,
// tokens inside their sentence, UTF-16 offsets monotonic and round-tripping).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "text/tokenizer.h"
#include "text/utf8.h"
#include "fuzz_support.h"

using rapport::fuzz::as_text;
using rapport::fuzz::check;

namespace {

bool is_valid_utf8(std::string_view s) {
  const rapport::SanitizedText again = rapport::sanitize_utf8(s, s.size() + 1);
  return !again.had_invalid && !again.had_nul && again.text == s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rapport;
  const std::string_view input = as_text(data, size);
  // A small limit as well as the real one, so truncation paths get exercised.
  const size_t limit = size > 0 && (data[0] & 1) ? 64 : kMaxAnalyzedBytes;
  const SanitizedText s = sanitize_utf8(input, limit);
  check(s.text.size() <= limit);
  check(is_valid_utf8(s.text));
  // Each input byte yields at most 3 output bytes (U+FFFD), so short input never truncates.
  if (input.size() * 3 <= limit) check(!s.truncated);

  const Tokenized t = tokenize(s.text);
  const Utf16Offsets map(s.text);
  uint32_t prev_end = 0, prev_u16 = 0;
  uint16_t prev_sentence = 0;
  for (const Token& tok : t.tokens) {
    check(tok.span.begin < tok.span.end && tok.span.end <= s.text.size());
    check(prev_end <= tok.span.begin);
    check(tok.sentence >= prev_sentence);
    check(is_valid_utf8(tok.norm));
    check(tok.sentence < t.sentences.size());
    const Span& sp = t.sentences[tok.sentence];
    check(sp.begin <= tok.span.begin && tok.span.end <= sp.end);
    const uint32_t b16 = map.to_utf16(tok.span.begin);
    const uint32_t e16 = map.to_utf16(tok.span.end);
    check(prev_u16 <= b16 && b16 < e16);
    check(map.to_byte(b16) == tok.span.begin && map.to_byte(e16) == tok.span.end);
    prev_end = tok.span.end;
    prev_u16 = e16;
    prev_sentence = tok.sentence;
  }
  return 0;
}

// UTF-8 hygiene and the one place where byte offsets become UTF-16 offsets.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rapport {

struct SanitizedText {
  std::string text;          // valid UTF-8, no NUL bytes
  bool had_invalid = false;  // some bytes were not UTF-8 and became U+FFFD
  bool had_nul = false;      // NUL bytes were replaced with spaces
  bool truncated = false;    // input was longer than the limit and was cut
  bool ascii = true;         // if true, `text` is all ASCII (false may still be ASCII)
  size_t original_bytes = 0;
};

// Largest input (in bytes) the analyzer looks at. Longer text is cut at a
// code-point boundary and the result says so (`truncated`), which bounds time
// and memory for pathological input such as a pasted 1 MB log.
constexpr size_t kMaxAnalyzedBytes = 64 * 1024;

// Replaces each maximal invalid subsequence with U+FFFD (the WHATWG/Unicode
// "substitution of maximal subparts" practice, which TextDecoder also follows),
// NUL with a space, and cuts at `max_bytes` on a code-point boundary.
SanitizedText sanitize_utf8(std::string_view input, size_t max_bytes = kMaxAnalyzedBytes);
// The same into `out`, reusing the capacity of out->text (batches analyze
// many messages through one buffer).
void sanitize_utf8_into(std::string_view input, size_t max_bytes, SanitizedText* out);

// Decodes one code point at `pos` of valid UTF-8; returns its length in bytes.
// Behaviour on invalid input is defined (returns U+FFFD, length 1) but callers
// should sanitize first.
uint32_t decode_utf8(std::string_view s, size_t pos, size_t* length);

// Appends the UTF-8 encoding of `cp` to `out`.
void append_utf8(std::string& out, uint32_t cp);

// Maps byte offsets of a valid UTF-8 string to UTF-16 code-unit offsets, the
// unit JavaScript strings and DOM Ranges use. Build once per text; lookups are
// O(log n) over code points that need more than one byte.
class Utf16Offsets {
 public:
  Utf16Offsets() = default;  // the empty text
  explicit Utf16Offsets(std::string_view utf8);
  // Maps `utf8` instead, reusing the tables' capacity (one per batch, not
  // three allocations per message with non-ASCII text).
  void reset(std::string_view utf8);
  // Offsets inside a multi-byte code point map to its start; offsets past the
  // end clamp to the end. to_byte of an offset between the two halves of a
  // surrogate pair maps to the start of that code point.
  uint32_t to_utf16(uint32_t byte_offset) const;
  uint32_t to_byte(uint32_t utf16_offset) const;
  uint32_t utf16_length() const { return utf16_length_; }

 private:
  uint32_t byte_length_ = 0;
  uint32_t utf16_length_ = 0;
  // Byte offset where each non-ASCII code point starts, and the UTF-16 offset
  // of the position right after it; ASCII runs in between map 1:1.
  std::vector<uint32_t> byte_starts_;
  std::vector<uint32_t> utf16_after_;
  std::vector<uint32_t> byte_after_;
};

}  // namespace rapport

// UTF-8 validation/repair and byte <-> UTF-16 offset mapping.
#include "text/utf8.h"

#include <algorithm>
#include <cstring>

namespace rapport {
namespace {

constexpr uint32_t kReplacement = 0xFFFD;

// Length of the sequence a lead byte announces and the allowed range of the
// second byte (WHATWG "UTF-8 decoder": E0 needs A0..BF, ED needs 80..9F, F0
// needs 90..BF, F4 needs 80..8F). need == 0 marks a byte that can never start
// a sequence (80..C1, F5..FF).
struct LeadInfo {
  uint8_t need;
  uint8_t lower;
  uint8_t upper;
};

inline LeadInfo lead_info(uint8_t b) {
  if (b >= 0xC2 && b <= 0xDF) return {1, 0x80, 0xBF};
  if (b == 0xE0) return {2, 0xA0, 0xBF};
  if (b == 0xED) return {2, 0x80, 0x9F};
  if (b >= 0xE1 && b <= 0xEF) return {2, 0x80, 0xBF};
  if (b == 0xF0) return {3, 0x90, 0xBF};
  if (b >= 0xF1 && b <= 0xF3) return {3, 0x80, 0xBF};
  if (b == 0xF4) return {3, 0x80, 0x8F};
  return {0, 0, 0};
}

// Length of the well-formed sequence at `pos`, or 0 if it is ill-formed; in
// that case *consumed is the length of the maximal subpart (at least 1), which
// becomes exactly one U+FFFD.
inline size_t valid_length(std::string_view s, size_t pos, size_t* consumed) {
  const uint8_t b = static_cast<uint8_t>(s[pos]);
  const LeadInfo info = lead_info(b);
  if (info.need == 0) {
    *consumed = 1;
    return 0;
  }
  size_t i = 1;
  for (; i <= info.need; ++i) {
    if (pos + i >= s.size()) break;
    const uint8_t c = static_cast<uint8_t>(s[pos + i]);
    const uint8_t lo = (i == 1) ? info.lower : 0x80;
    const uint8_t hi = (i == 1) ? info.upper : 0xBF;
    if (c < lo || c > hi) break;
  }
  if (i == static_cast<size_t>(info.need) + 1) {
    *consumed = i;
    return i;
  }
  *consumed = i;  // the lead byte plus the valid continuation bytes seen
  return 0;
}

// Where the run of non-NUL ASCII bytes starting at `pos` ends, at most at
// `limit`: eight bytes at a time while none is NUL or non-ASCII.
size_t plain_ascii_end(std::string_view s, size_t pos, size_t limit) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
  for (uint64_t v; pos + 8 <= limit; pos += 8) {
    std::memcpy(&v, s.data() + pos, 8);
    if ((v & kHighs) || ((v - kOnes) & ~v & kHighs)) break;
  }
  while (pos < limit && static_cast<uint8_t>(s[pos]) - 1u < 0x7Fu) ++pos;
  return pos;
}

}  // namespace

SanitizedText sanitize_utf8(std::string_view input, size_t max_bytes) {
  SanitizedText out;
  sanitize_utf8_into(input, max_bytes, &out);
  return out;
}

void sanitize_utf8_into(std::string_view input, size_t max_bytes, SanitizedText* result) {
  SanitizedText& out = *result;
  out.text.clear();
  out.had_invalid = out.had_nul = out.truncated = false;
  out.ascii = true;
  out.original_bytes = input.size();
  // Most messages: short, ASCII, no NUL. Then the text is the input, copied
  // by one call (the loop below would copy it as one run, after a reserve).
  if (input.size() <= max_bytes && plain_ascii_end(input, 0, input.size()) == input.size()) {
    out.text.assign(input.data(), input.size());
    return;
  }
  out.text.reserve(std::min(input.size(), max_bytes));
  size_t pos = 0;
  while (pos < input.size()) {
    // ASCII fast path: copy a whole run of non-NUL ASCII at once.
    const uint8_t b = static_cast<uint8_t>(input[pos]);
    if (b < 0x80) {
      if (out.text.size() + 1 > max_bytes) break;
      if (b == 0) {
        out.had_nul = true;
        out.text.push_back(' ');
        ++pos;
        continue;
      }
      const size_t run_limit = pos + std::min(input.size() - pos, max_bytes - out.text.size());
      const size_t run = plain_ascii_end(input, pos + 1, run_limit);
      out.text.append(input.data() + pos, run - pos);
      pos = run;
      continue;
    }
    out.ascii = false;  // set even when the cut comes next: it only enables shortcuts
    size_t consumed = 0;
    const size_t len = valid_length(input, pos, &consumed);
    if (len > 0) {
      if (out.text.size() + len > max_bytes) break;
      out.text.append(input.data() + pos, len);
    } else {
      if (out.text.size() + 3 > max_bytes) break;
      out.had_invalid = true;
      append_utf8(out.text, kReplacement);
    }
    pos += consumed;
  }
  out.truncated = pos < input.size();
}

uint32_t decode_utf8(std::string_view s, size_t pos, size_t* length) {
  const uint8_t b = static_cast<uint8_t>(s[pos]);
  if (b < 0x80) {
    *length = 1;
    return b;
  }
  size_t consumed = 0;
  const size_t len = valid_length(s, pos, &consumed);
  if (len == 0) {
    *length = 1;
    return kReplacement;
  }
  *length = len;
  auto cont = [&](size_t i) { return static_cast<uint32_t>(static_cast<uint8_t>(s[pos + i]) & 0x3F); };
  if (len == 2) return ((b & 0x1Fu) << 6) | cont(1);
  if (len == 3) return ((b & 0x0Fu) << 12) | (cont(1) << 6) | cont(2);
  return ((b & 0x07u) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3);
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = kReplacement;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

Utf16Offsets::Utf16Offsets(std::string_view utf8) { reset(utf8); }

void Utf16Offsets::reset(std::string_view utf8) {
  byte_starts_.clear();
  utf16_after_.clear();
  byte_after_.clear();
  uint32_t utf16 = 0;
  size_t pos = 0;
  while (pos < utf8.size()) {
    // ASCII maps 1:1: skip it eight bytes at a time, then byte by byte.
    uint64_t chunk;
    if (pos + 8 <= utf8.size() && (std::memcpy(&chunk, utf8.data() + pos, 8),
                                   (chunk & 0x8080808080808080ull) == 0)) {
      pos += 8;
      utf16 += 8;
      continue;
    }
    if (static_cast<uint8_t>(utf8[pos]) < 0x80) {
      ++pos;
      ++utf16;
      continue;
    }
    size_t len = 1;
    const uint32_t cp = decode_utf8(utf8, pos, &len);
    utf16 += cp >= 0x10000 ? 2 : 1;
    byte_starts_.push_back(static_cast<uint32_t>(pos));
    pos += len;
    byte_after_.push_back(static_cast<uint32_t>(pos));
    utf16_after_.push_back(utf16);
  }
  byte_length_ = static_cast<uint32_t>(utf8.size());
  utf16_length_ = utf16;
}

uint32_t Utf16Offsets::to_utf16(uint32_t byte_offset) const {
  if (byte_offset >= byte_length_) return utf16_length_;
  // k = number of non-ASCII code points that start before byte_offset.
  const size_t k = std::lower_bound(byte_starts_.begin(), byte_starts_.end(), byte_offset) -
                   byte_starts_.begin();
  if (k == 0) return byte_offset;
  const size_t last = k - 1;
  if (byte_offset < byte_after_[last]) {
    // Inside a multi-byte code point: map to its start.
    const uint32_t units = (byte_after_[last] - byte_starts_[last] == 4) ? 2 : 1;
    return utf16_after_[last] - units;
  }
  return utf16_after_[last] + (byte_offset - byte_after_[last]);
}

uint32_t Utf16Offsets::to_byte(uint32_t utf16_offset) const {
  if (utf16_offset >= utf16_length_) return byte_length_;
  // k = number of non-ASCII code points that end at or before utf16_offset.
  const size_t k = std::upper_bound(utf16_after_.begin(), utf16_after_.end(), utf16_offset) -
                   utf16_after_.begin();
  uint32_t byte = k == 0 ? utf16_offset : byte_after_[k - 1] + (utf16_offset - utf16_after_[k - 1]);
  // Between the two halves of a surrogate pair: snap to the code point start.
  if (k < byte_starts_.size() && byte > byte_starts_[k]) byte = byte_starts_[k];
  return byte;
}

}  // namespace rapport

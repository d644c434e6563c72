// Minimal, fast JSON output helpers for the analyzer's hot path (no iostreams).
// The write_* functions write into a buffer the caller has sized (bounds
// given per function) and return the new end; the append_* ones wrap them.
#pragma once
#include <cstring>
#include <string>
#include <string_view>

namespace rapport {

// Room write_json_string may need for `s`: quotes plus 6 bytes per byte (\u00XX).
inline size_t json_string_bound(std::string_view s) { return 2 + 6 * s.size(); }
constexpr size_t kJsonNumberBound = 32;

// `s` as a JSON string literal: quotes, backslash and control characters
// escaped; other bytes (valid UTF-8) pass through unchanged.
char* write_json_string(char* p, std::string_view s);

// A finite number rounded to 4 decimals, trailing zeros trimmed ("0.5",
// "-0.1234", "3"); NaN and infinities become 0 (JSON has no such values).
char* write_json_number(char* p, double value);

char* write_json_uint(char* p, unsigned long long value);

inline char* write_raw(char* p, std::string_view s) {
  std::memcpy(p, s.data(), s.size());
  return p + s.size();
}

inline char* write_json_bool(char* p, bool value) { return write_raw(p, value ? "true" : "false"); }

void append_json_string(std::string& out, std::string_view s);
void append_json_number(std::string& out, double value);
void append_json_uint(std::string& out, unsigned long long value);

}  // namespace rapport

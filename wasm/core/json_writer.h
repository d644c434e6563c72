// Minimal, fast JSON output helpers for the analyzer's hot path (no iostreams,
// no allocation beyond the caller's string).
#pragma once
#include <string>
#include <string_view>

namespace rapport {

// Appends `s` as a JSON string literal: quotes, backslash and control
// characters escaped; other bytes (valid UTF-8) pass through unchanged.
void append_json_string(std::string& out, std::string_view s);

// Appends a finite number rounded to 4 decimals with trailing zeros trimmed
// ("0.5", "-0.1234", "3"); NaN and infinities become 0 (JSON has no such values).
void append_json_number(std::string& out, double value);

void append_json_uint(std::string& out, unsigned long long value);

inline void append_json_bool(std::string& out, bool value) { out += value ? "true" : "false"; }

}  // namespace rapport

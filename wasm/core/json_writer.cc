#include "json_writer.h"

#include <cmath>
#include <cstdio>

namespace rapport {

void append_json_string(std::string& out, std::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  out += '"';
  size_t run_start = 0;  // copy unescaped runs in one go
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run_start, i - run_start);
    run_start = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
  }
  out.append(s.data() + run_start, s.size() - run_start);
  out += '"';
}

void append_json_uint(std::string& out, unsigned long long value) {
  char buf[24];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value);
  while (n) out += buf[--n];
}

void append_json_number(std::string& out, double value) {
  if (!std::isfinite(value)) value = 0;
  if (std::fabs(value) >= 1e14) {  // outside the fast path's range; never hit by scores
    char buf[32];
    int n = std::snprintf(buf, sizeof buf, "%.6g", value);
    out.append(buf, n > 0 ? static_cast<size_t>(n) : 0);
    return;
  }
  long long scaled = std::llround(value * 10000.0);
  if (scaled == 0) {
    out += '0';
    return;
  }
  if (scaled < 0) {
    out += '-';
    scaled = -scaled;
  }
  append_json_uint(out, static_cast<unsigned long long>(scaled / 10000));
  int frac = static_cast<int>(scaled % 10000);
  if (frac == 0) return;
  char digits[5] = {char('0' + frac / 1000), char('0' + frac / 100 % 10), char('0' + frac / 10 % 10),
                    char('0' + frac % 10), 0};
  int len = 4;
  while (digits[len - 1] == '0') --len;
  out += '.';
  out.append(digits, len);
}

}  // namespace rapport

#include "output/json_writer.h"

#include <cmath>
#include <cstdio>

namespace rapport {
namespace {

// Writes the decimal digits of `value` ending at `end`; returns the start.
char* write_digits_backwards(char* end, unsigned long long value) {
  do {
    *--end = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value);
  return end;
}

}  // namespace

char* write_json_string(char* p, std::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  *p++ = '"';
  size_t run_start = 0;  // copy unescaped runs in one go
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    p = write_raw(p, s.substr(run_start, i - run_start));
    run_start = i + 1;
    *p++ = '\\';
    switch (c) {
      case '"': *p++ = '"'; break;
      case '\\': *p++ = '\\'; break;
      case '\n': *p++ = 'n'; break;
      case '\r': *p++ = 'r'; break;
      case '\t': *p++ = 't'; break;
      case '\b': *p++ = 'b'; break;
      case '\f': *p++ = 'f'; break;
      default:
        p = write_raw(p, "u00");
        *p++ = kHex[c >> 4];
        *p++ = kHex[c & 15];
    }
  }
  p = write_raw(p, s.substr(run_start));
  *p++ = '"';
  return p;
}

char* write_json_uint(char* p, unsigned long long value) {
  char buf[24];
  char* start = write_digits_backwards(buf + sizeof buf, value);
  return write_raw(p, std::string_view(start, buf + sizeof buf - start));
}

char* write_json_number(char* p, double value) {
  if (!std::isfinite(value)) value = 0;
  if (std::fabs(value) >= 1e14) {  // outside the fast path's range; never hit by scores
    int n = std::snprintf(p, kJsonNumberBound, "%.6g", value);
    return p + (n > 0 ? n : 0);
  }
  // Round half away from zero, like llround, without the libm call.
  double shifted = value * 10000.0;
  long long scaled = static_cast<long long>(shifted + (shifted >= 0 ? 0.5 : -0.5));
  if (scaled == 0) {  // also turns -0.00001 into "0", never "-0"
    *p++ = '0';
    return p;
  }
  bool negative = scaled < 0;
  unsigned long long magnitude = static_cast<unsigned long long>(negative ? -scaled : scaled);
  char buf[32];  // built right to left, then copied once
  char* end = buf + sizeof buf;
  char* q = end;
  unsigned frac = static_cast<unsigned>(magnitude % 10000);
  if (frac) {
    int digits = 4;
    while (frac % 10 == 0) frac /= 10, --digits;  // trim trailing zeros
    for (int i = 0; i < digits; ++i, frac /= 10) *--q = static_cast<char>('0' + frac % 10);
    *--q = '.';
  }
  q = write_digits_backwards(q, magnitude / 10000);
  if (negative) *--q = '-';
  return write_raw(p, std::string_view(q, end - q));
}

void append_json_string(std::string& out, std::string_view s) {
  size_t old = out.size();
  out.resize(old + json_string_bound(s));
  char* end = write_json_string(&out[old], s);
  out.resize(end - out.data());
}

void append_json_number(std::string& out, double value) {
  char buf[kJsonNumberBound];
  out.append(buf, write_json_number(buf, value) - buf);
}

void append_json_uint(std::string& out, unsigned long long value) {
  char buf[24];
  out.append(buf, write_json_uint(buf, value) - buf);
}

}  // namespace rapport

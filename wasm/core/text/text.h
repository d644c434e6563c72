// Basic value types shared by every part of the core: byte spans over UTF-8 text.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace rapport {

// A half-open byte range [begin, end) into the (sanitized) UTF-8 text the core
// works on. Conversion to UTF-16 code units for JavaScript happens only when a
// result is serialized (see utf16_offsets.h), never inside the analysis code.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  bool operator==(const Span& o) const { return begin == o.begin && end == o.end; }
};

}  // namespace rapport

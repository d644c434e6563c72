// What every libFuzzer target here shares: how a broken invariant is reported
// (abort, so libFuzzer and the sanitizer replay both keep the input as a
// crash) and the raw input seen as text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace rapport::fuzz {

inline void check(bool ok) {
  if (!ok) std::abort();
}

inline std::string_view as_text(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace rapport::fuzz

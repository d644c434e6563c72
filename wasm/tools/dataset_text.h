// Text clean-up shared by the native tools that read the evaluation sets.
#pragma once
#include <string>
#include <string_view>

#include "text/utf8.h"

namespace rapport::tools {

// TweetEval's text files keep some characters as literal escapes
// ("don\u2019t", "\u002c": 206 of the 2,000 sentiment val lines). Every tool
// reads the decoded text, as the JS bench does (scripts/bench/datasets.mjs).
inline std::string decode_literal_escapes(std::string_view in) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '\\' && i + 5 < in.size() && in[i + 1] == 'u') {
      int cp = 0;
      bool ok = true;
      for (size_t k = 2; k < 6 && ok; ++k) {
        int h = hex(in[i + k]);
        ok = h >= 0;
        cp = cp * 16 + h;
      }
      // Lone surrogates cannot be encoded in UTF-8: leave those escapes as text.
      if (ok && !(cp >= 0xD800 && cp <= 0xDFFF)) {
        append_utf8(out, static_cast<uint32_t>(cp));
        i += 5;
        continue;
      }
    }
    out.push_back(in[i]);
  }
  return out;
}

}  // namespace rapport::tools

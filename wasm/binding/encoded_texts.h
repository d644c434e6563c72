// Texts as JS puts them into wasm memory (shared/api/core-session.js encode()):
// UTF-8 bytes back to back at `bytes`, their byte lengths as uint32 at
// `lengths`. Every binding that takes text reads it this way, so JS has one
// encoder for everything that crosses (analysis, model features, review,
// packs). Addresses cross as numbers: no raw pointer type reaches Embind.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

namespace rapport::binding {

// Per-call limits. They bound the scratch memory JS allocates and the JSON
// string built for one call; callers split larger inputs (RAPPORT_E_TOO_MANY,
// RAPPORT_E_TOO_LARGE).
constexpr uint32_t kMaxBatchSize = 10000;
constexpr uint32_t kMaxBatchBytes = 48u << 20;

enum class Decoded { Ok, TooMany, TooLarge, Null };

// Views of the `count` texts (no copy), after the same bounds checks for all.
inline Decoded decode_texts(uintptr_t bytes, uintptr_t lengths, uint32_t count,
                            std::vector<std::string_view>* texts) {
  texts->clear();
  if (count > kMaxBatchSize) return Decoded::TooMany;
  if (count > 0 && (bytes == 0 || lengths == 0)) return Decoded::Null;
  const auto* length_of = reinterpret_cast<const uint32_t*>(lengths);
  const char* at = reinterpret_cast<const char*>(bytes);
  texts->reserve(count);
  uint64_t total = 0;
  for (uint32_t i = 0; i < count; ++i) {
    if ((total += length_of[i]) > kMaxBatchBytes) return Decoded::TooLarge;
    texts->emplace_back(at, length_of[i]);
    at += length_of[i];
  }
  return Decoded::Ok;
}

}  // namespace rapport::binding

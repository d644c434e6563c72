// The one Embind file: wraps the plain C++ core for JavaScript.
//
// Only plain values cross: numbers in, one std::string (JSON) out. A batch
// crosses ONCE: JS (shared/api/core-session.js) UTF-8 encodes every text into
// one malloc'd buffer plus a uint32 array of byte lengths, and calls
// analyzeEncodedBatch(bytes, lengths, count). Failures come back as data,
// {"error":{"code":"RAPPORT_E_...","message":"..."}}, which the JS API turns
// into a RapportError (codes documented in shared/api/ERRORS.md).
#include <emscripten/bind.h>
#include <unistd.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer.h"
#include "assessment.h"
#include "utf8.h"

namespace {

// Per-call limits. They bound the scratch memory JS allocates and the JSON
// string built for one call; callers split larger inputs (RAPPORT_E_TOO_MANY,
// RAPPORT_E_TOO_LARGE).
constexpr uint32_t kMaxBatchSize = 10000;
constexpr uint32_t kMaxBatchBytes = 48u << 20;

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += ' ';  // our messages never need control characters
    } else {
      out += c;
    }
  }
  out += '"';
}

std::string error_json(std::string_view code, const std::string& message) {
  std::string out = "{\"error\":{\"code\":";
  append_json_string(out, code);
  out += ",\"message\":";
  append_json_string(out, message);
  out += "}}";
  return out;
}

// `bytes` and `lengths` are addresses in wasm memory, passed as numbers so no
// raw pointer type crosses the boundary.
std::string analyze_encoded_batch(uintptr_t bytes, uintptr_t lengths, uint32_t count) {
  if (count > kMaxBatchSize) {
    return error_json("RAPPORT_E_TOO_MANY",
                      "analyzeBatch() takes at most " + std::to_string(kMaxBatchSize) +
                          " texts per call, got " + std::to_string(count) + "; split the batch");
  }
  if (count > 0 && (bytes == 0 || lengths == 0)) {
    return error_json("RAPPORT_E_INTERNAL", "the wasm engine was called with a null buffer");
  }
  const auto* length_of = reinterpret_cast<const uint32_t*>(lengths);
  const char* at = reinterpret_cast<const char*>(bytes);
  std::vector<std::string_view> texts;
  texts.reserve(count);
  uint64_t total = 0;
  for (uint32_t i = 0; i < count; ++i) {
    total += length_of[i];
    if (total > kMaxBatchBytes) {
      return error_json("RAPPORT_E_TOO_LARGE",
                        "analyzeBatch() input is larger than " + std::to_string(kMaxBatchBytes) +
                            " bytes of UTF-8; split the batch");
    }
    texts.emplace_back(at, length_of[i]);
    at += length_of[i];
  }
  return rapport::analyze_batch_json(texts);
}

uint32_t max_batch_size() { return kMaxBatchSize; }
uint32_t max_batch_bytes() { return kMaxBatchBytes; }
uint32_t max_analyzed_bytes() { return static_cast<uint32_t>(rapport::kMaxAnalyzedBytes); }

// The allocator's program break: it only moves when malloc needs fresh memory,
// so it stays put over many calls unless something leaks (memory tests).
uint32_t heap_break() { return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(sbrk(0))); }

std::string emotion_names_json() {
  std::string out = "[";
  for (int i = 0; i < rapport::kEmotionCount; ++i) {
    if (i) out += ',';
    append_json_string(out, rapport::kEmotionNames[i]);
  }
  out += ']';
  return out;
}

}  // namespace

EMSCRIPTEN_BINDINGS(rapport) {
  emscripten::function("analyzeEncodedBatch", &analyze_encoded_batch);
  emscripten::function("maxBatchSize", &max_batch_size);
  emscripten::function("maxBatchBytes", &max_batch_bytes);
  emscripten::function("maxAnalyzedBytes", &max_analyzed_bytes);
  emscripten::function("emotionNamesJson", &emotion_names_json);
  emscripten::function("heapBreak", &heap_break);
}

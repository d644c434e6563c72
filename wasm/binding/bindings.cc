// The one Embind file: wraps the plain C++ core for JavaScript.
//
// Only plain values cross: numbers in, one std::string (JSON) out. A batch
// crosses ONCE: JS (shared/api/core-session.js) UTF-8 encodes every text into
// one malloc'd buffer plus a uint32 array of byte lengths, and calls
// analyzeEncodedBatch(bytes, lengths, count), which returns the address of one
// JSON reply for the whole batch (its length at replyLengthAddress()): the
// compact transport of wire_reply below. Failures come back as data,
// {"error":{"code":"RAPPORT_E_...","message":"..."}}, which the JS API turns
// into a RapportError (codes documented in shared/api/ERRORS.md).
#include <emscripten/bind.h>
#include <unistd.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analyzer.h"
#include "output/assessment_wire.h"
#include "model/model_analyzer.h"
#include "analysis/assessment.h"
#include "text/utf8.h"
#include "review/review_api.h"

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

// The lexicon analyses of a batch in the compact transport
// (assessment_wire.h), still one JSON text: an array whose first element is
// ["wire", numbers address, count, ints address, count] and whose other
// elements are the transport's strings. The number and int arrays stay in
// g_wire until the next call. JS (shared/api/wire.js) builds the public
// objects from it without parsing ~800 bytes of JSON per message.
rapport::WireBatch g_wire;

// [["wire", head...], strings...]: `strings` is the transport's JSON array.
std::string wire_reply_text(std::initializer_list<uintptr_t> head, const std::string& strings) {
  std::string out = "[[\"wire\"";
  for (uintptr_t v : head) {
    out += ',';
    out += std::to_string(v);
  }
  out += ']';
  if (strings.size() > 2) out += ',';
  out.append(strings, 1, std::string::npos);  // without its '['
  return out;
}

// Do not pin a huge batch's buffers for the analyzer's lifetime.
void trim_wire() {
  if (g_wire.numbers.capacity() > (1u << 19) || g_wire.strings.capacity() > (4u << 20)) g_wire = {};
}

std::string wire_reply(const std::vector<std::string_view>& texts) {
  trim_wire();
  rapport::analyze_batch_wire(texts, &g_wire);
  return wire_reply_text({reinterpret_cast<uintptr_t>(g_wire.numbers.data()), g_wire.numbers.size(),
                          reinterpret_cast<uintptr_t>(g_wire.ints.data()), g_wire.ints.size()},
                         g_wire.strings);
}

// The words the transport sends as indices (shared/api/core-session.js).
std::string wire_words_json() {
  std::string out = "[";
  for (std::string_view w : rapport::wire_words()) {
    if (out.size() > 1) out += ',';
    append_json_string(out, w);
  }
  return out + "]";
}

// `bytes` and `lengths` are addresses in wasm memory, passed as numbers so no
// raw pointer type crosses the boundary.
std::string batch_json(uintptr_t bytes, uintptr_t lengths, uint32_t count, bool wire = true) {
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
  return wire ? wire_reply(texts) : rapport::analyze_batch_json(texts);
}

// The reply of the last analyzeEncodedBatch call. Returning its address (and
// its byte length at a fixed address, replyLengthAddress) lets JS decode it
// with one TextDecoder call over the heap: Embind's std::string conversion
// scans byte by byte in JS and cost ~15% of a batch. Valid until the next
// call; JS reads it synchronously right after the call.
std::string g_reply;
uint32_t g_reply_length = 0;

uintptr_t analyze_encoded_batch(uintptr_t bytes, uintptr_t lengths, uint32_t count) {
  g_reply = batch_json(bytes, lengths, count);
  g_reply_length = static_cast<uint32_t>(g_reply.size());
  return reinterpret_cast<uintptr_t>(g_reply.c_str());
}

// The same analyses as the public JSON, the reference the compact transport
// is tested against (tests/js/wire-parity.test.mjs).
uintptr_t analyze_encoded_batch_json(uintptr_t bytes, uintptr_t lengths, uint32_t count) {
  g_reply = batch_json(bytes, lengths, count, false);
  g_reply_length = static_cast<uint32_t>(g_reply.size());
  return reinterpret_cast<uintptr_t>(g_reply.c_str());
}

uintptr_t reply_length_address() { return reinterpret_cast<uintptr_t>(&g_reply_length); }

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

// --- model path (shared/api/model.js; wasm/core/model/) --------------------
// JS calls setModelConfig(model.json) once, then per batch:
// modelFeaturesEncoded -> (ORT runs the model) -> analyzeEncodedBatchWithModel.
// The features stay in these buffers until the next call; JS copies them out.
rapport::ModelConfig g_model_config;
bool g_model_ready = false;
rapport::ModelBatch g_model_batch;

std::string set_model_config(std::string model_json) {
  std::string error;
  g_model_ready = rapport::parse_model_config(model_json, &g_model_config, &error);
  return g_model_ready ? std::string() : error;
}

bool decode_texts(uintptr_t bytes, uintptr_t lengths, uint32_t count,
                  std::vector<std::string_view>* texts) {
  if (count > kMaxBatchSize || (count > 0 && (bytes == 0 || lengths == 0))) return false;
  const auto* length_of = reinterpret_cast<const uint32_t*>(lengths);
  const char* at = reinterpret_cast<const char*>(bytes);
  uint64_t total = 0;
  for (uint32_t i = 0; i < count; ++i) {
    if ((total += length_of[i]) > kMaxBatchBytes) return false;
    texts->emplace_back(at, length_of[i]);
    at += length_of[i];
  }
  return true;
}

// Number of ids written (all texts), or -1 when the model is not configured
// or the input is out of bounds (JS checked the limits before).
int32_t model_features_encoded(uintptr_t bytes, uintptr_t lengths, uint32_t count) {
  std::vector<std::string_view> texts;
  if (!g_model_ready || !decode_texts(bytes, lengths, count, &texts)) return -1;
  // Do not pin a huge batch's buffers for the analyzer's lifetime.
  if (g_model_batch.ids.capacity() > (4u << 20)) g_model_batch = {};
  rapport::model_features_batch(texts, g_model_config.features, &g_model_batch);
  return static_cast<int32_t>(g_model_batch.ids.size());
}
uintptr_t model_ids_ptr() { return reinterpret_cast<uintptr_t>(g_model_batch.ids.data()); }
uintptr_t model_counts_ptr() { return reinterpret_cast<uintptr_t>(g_model_batch.counts.data()); }
uintptr_t model_dense_ptr() { return reinterpret_cast<uintptr_t>(g_model_batch.dense.data()); }

// Finishes the batch of the last modelFeaturesEncoded call (its analyses are
// kept in between); `count` must be that batch's size.
std::string finish_model_batch(uint32_t count, uintptr_t emotions, uintptr_t sentiment) {
  if (!g_model_ready) return error_json("RAPPORT_E_INTERNAL", "the model is not configured");
  if (count != g_model_batch.messages.size() || (count > 0 && (!emotions || !sentiment))) {
    return error_json("RAPPORT_E_INTERNAL", "the model batch does not match its features");
  }
  return rapport::model_batch_json(&g_model_batch, reinterpret_cast<const float*>(emotions),
                                   reinterpret_cast<const float*>(sentiment),
                                   g_model_config.calibration);
}

rapport::ModelWire g_model_extras;

// The same as finish_model_batch, as the compact transport: g_reply holds
// [["wire", numbers, count, ints, count, extra numbers, count, extra ints,
// count], strings...] (model_analyzer.h ModelWire), read like
// analyzeEncodedBatch's reply; the arrays stay valid until the next call.
uintptr_t finish_model_batch_wire(uint32_t count, uintptr_t emotions, uintptr_t sentiment) {
  if (!g_model_ready) {
    g_reply = error_json("RAPPORT_E_INTERNAL", "the model is not configured");
  } else if (count != g_model_batch.messages.size() || (count > 0 && (!emotions || !sentiment))) {
    g_reply = error_json("RAPPORT_E_INTERNAL", "the model batch does not match its features");
  } else {
    trim_wire();
    if (g_model_extras.ints.capacity() > (1u << 19)) g_model_extras = {};
    rapport::model_batch_wire(&g_model_batch, reinterpret_cast<const float*>(emotions),
                              reinterpret_cast<const float*>(sentiment), g_model_config.calibration,
                              &g_wire, &g_model_extras);
    g_reply = wire_reply_text(
        {reinterpret_cast<uintptr_t>(g_wire.numbers.data()), g_wire.numbers.size(),
         reinterpret_cast<uintptr_t>(g_wire.ints.data()), g_wire.ints.size(),
         reinterpret_cast<uintptr_t>(g_model_extras.numbers.data()), g_model_extras.numbers.size(),
         reinterpret_cast<uintptr_t>(g_model_extras.ints.data()), g_model_extras.ints.size()},
        g_wire.strings);
  }
  g_reply_length = static_cast<uint32_t>(g_reply.size());
  return reinterpret_cast<uintptr_t>(g_reply.c_str());
}

}  // namespace

EMSCRIPTEN_BINDINGS(rapport) {
  emscripten::function("analyzeEncodedBatch", &analyze_encoded_batch);
  emscripten::function("wireWordsJson", &wire_words_json);
  emscripten::function("analyzeEncodedBatchJson", &analyze_encoded_batch_json);
  emscripten::function("maxBatchSize", &max_batch_size);
  emscripten::function("maxBatchBytes", &max_batch_bytes);
  emscripten::function("maxAnalyzedBytes", &max_analyzed_bytes);
  emscripten::function("emotionNamesJson", &emotion_names_json);
  emscripten::function("heapBreak", &heap_break);
  emscripten::function("replyLengthAddress", &reply_length_address);
  emscripten::function("setModelConfig", &set_model_config);
  emscripten::function("modelFeaturesEncoded", &model_features_encoded);
  emscripten::function("modelIdsPtr", &model_ids_ptr);
  emscripten::function("modelCountsPtr", &model_counts_ptr);
  emscripten::function("modelDensePtr", &model_dense_ptr);
  emscripten::function("finishModelBatch", &finish_model_batch);
  emscripten::function("finishModelBatchWire", &finish_model_batch_wire);
  // Draft review (shared/api/review.js): strings in, JSON strings out.
  emscripten::function("reviewSetCustomer", &rapport::review::api_set_customer);
  emscripten::function("reviewDraft", &rapport::review::api_review_draft);
  emscripten::function("reviewLoadPack", &rapport::review::api_load_pack);
  emscripten::function("reviewExportPack", &rapport::review::api_export_pack);
  emscripten::function("reviewResetPack", &rapport::review::api_reset_pack);
}

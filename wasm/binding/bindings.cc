// Embind over the analysis and model paths: wraps the plain C++ core for
// shared/api/core-session.js, the only JS that calls it.
//
// State lives in one Engine object per analyzer (JS `new core.Engine()`), not
// in globals: the reply of its last call and the arrays the compact transport
// points into. Only plain values cross: numbers in (addresses of texts JS
// encoded into wasm memory, encoded_texts.h), and per batch ONE reply whose
// address is returned and whose byte length sits at replyLengthAddress(), so
// JS decodes it with one TextDecoder call over the heap (Embind's own
// std::string conversion scans byte by byte in JS and cost ~15% of a batch).
// Failures come back as data, {"error":{"code":"RAPPORT_E_...","message":"..."}},
// which the JS API turns into a RapportError (shared/api/ERRORS.md).
#include <emscripten/bind.h>
#include <unistd.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/analyzer.h"
#include "analysis/assessment.h"
#include "encoded_texts.h"
#include "model/model_analyzer.h"
#include "output/assessment_wire.h"
#include "text/utf8.h"

namespace {

using rapport::binding::Decoded;
using rapport::binding::kMaxBatchBytes;
using rapport::binding::kMaxBatchSize;

// Cold-path JSON goes through nlohmann_json: control characters are escaped,
// invalid UTF-8 becomes U+FFFD (the core builds without exceptions).
std::string dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string error_json(std::string_view code, const std::string& message) {
  return dump({{"error", {{"code", code}, {"message", message}}}});
}

// The analyzeBatch() failures of decode_texts, as the JS layer words them.
std::string decode_error(Decoded d, uint32_t count) {
  switch (d) {
    case Decoded::TooMany:
      return error_json("RAPPORT_E_TOO_MANY", "analyzeBatch() takes at most " + std::to_string(kMaxBatchSize) +
                                                  " texts per call, got " + std::to_string(count) +
                                                  "; split the batch");
    case Decoded::TooLarge:
      return error_json("RAPPORT_E_TOO_LARGE", "analyzeBatch() input is larger than " +
                                                   std::to_string(kMaxBatchBytes) +
                                                   " bytes of UTF-8; split the batch");
    default:
      return error_json("RAPPORT_E_INTERNAL", "the wasm engine was called with a null buffer");
  }
}

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

template <typename T>
uintptr_t address(const T* p) {
  return reinterpret_cast<uintptr_t>(p);
}

// One analyzer's engine state.
class Engine {
 public:
  // The lexicon analyses of a batch in the compact transport
  // (assessment_wire.h), still one JSON text: an array whose first element is
  // ["wire", numbers address, count, ints address, count] and whose other
  // elements are the transport's strings. The arrays stay valid until the
  // next call; JS (shared/api/wire.js) builds the public objects from them.
  uintptr_t analyze_encoded_batch(uintptr_t bytes, uintptr_t lengths, uint32_t count) {
    const Decoded d = rapport::binding::decode_texts(bytes, lengths, count, &texts_);
    if (d != Decoded::Ok) return set_reply(decode_error(d, count));
    trim_wire();
    rapport::analyze_batch_wire(texts_, &wire_);
    return set_reply(wire_reply_text(
        {address(wire_.numbers.data()), wire_.numbers.size(), address(wire_.ints.data()), wire_.ints.size()},
        wire_.strings));
  }

  // The same analyses as the public JSON, the reference the compact transport
  // is tested against (tests/js/wire-parity.test.mjs).
  uintptr_t analyze_encoded_batch_json(uintptr_t bytes, uintptr_t lengths, uint32_t count) {
    const Decoded d = rapport::binding::decode_texts(bytes, lengths, count, &texts_);
    return set_reply(d == Decoded::Ok ? rapport::analyze_batch_json(texts_) : decode_error(d, count));
  }

  uintptr_t reply_length_address() const { return address(&reply_length_); }

  // --- model path (shared/api/model.js; wasm/core/model/) ------------------
  // setModelConfig(model.json) once, then per batch: modelFeaturesEncoded ->
  // (ORT runs the model) -> finishModelBatchWire. The features stay in
  // model_batch_ until the next call; JS copies them out.
  std::string set_model_config(uintptr_t bytes, uintptr_t lengths) {
    if (rapport::binding::decode_texts(bytes, lengths, 1, &texts_) != Decoded::Ok) {
      return "model.json is larger than the engine takes";
    }
    std::string error;
    model_ready_ = rapport::parse_model_config(texts_[0], &model_config_, &error);
    return model_ready_ ? std::string() : error;
  }

  // Number of ids written (all texts), or -1 when the model is not configured
  // or the input is out of bounds (JS checked the limits before).
  int32_t model_features_encoded(uintptr_t bytes, uintptr_t lengths, uint32_t count) {
    if (!model_ready_ || rapport::binding::decode_texts(bytes, lengths, count, &texts_) != Decoded::Ok) return -1;
    // Do not pin a huge batch's buffers for the analyzer's lifetime.
    if (model_batch_.ids.capacity() > (4u << 20)) model_batch_ = {};
    rapport::model_features_batch(texts_, model_config_.features, &model_batch_);
    return static_cast<int32_t>(model_batch_.ids.size());
  }
  uintptr_t model_ids_ptr() const { return address(model_batch_.ids.data()); }
  uintptr_t model_counts_ptr() const { return address(model_batch_.counts.data()); }
  uintptr_t model_dense_ptr() const { return address(model_batch_.dense.data()); }

  // Finishes the batch of the last modelFeaturesEncoded call as public JSON
  // (the reference for the transport below; wire-parity tests).
  std::string finish_model_batch(uint32_t count, uintptr_t emotions, uintptr_t sentiment) {
    if (const char* problem = model_batch_problem(count, emotions, sentiment)) {
      return error_json("RAPPORT_E_INTERNAL", problem);
    }
    return rapport::model_batch_json(&model_batch_, reinterpret_cast<const float*>(emotions),
                                     reinterpret_cast<const float*>(sentiment), model_config_.calibration);
  }

  // The same as compact transport: [["wire", numbers, count, ints, count,
  // extra numbers, count, extra ints, count], strings...] (ModelWire).
  uintptr_t finish_model_batch_wire(uint32_t count, uintptr_t emotions, uintptr_t sentiment) {
    if (const char* problem = model_batch_problem(count, emotions, sentiment)) {
      return set_reply(error_json("RAPPORT_E_INTERNAL", problem));
    }
    trim_wire();
    if (model_extras_.ints.capacity() > (1u << 19)) model_extras_ = {};
    rapport::model_batch_wire(&model_batch_, reinterpret_cast<const float*>(emotions),
                              reinterpret_cast<const float*>(sentiment), model_config_.calibration, &wire_,
                              &model_extras_);
    return set_reply(wire_reply_text(
        {address(wire_.numbers.data()), wire_.numbers.size(), address(wire_.ints.data()), wire_.ints.size(),
         address(model_extras_.numbers.data()), model_extras_.numbers.size(),
         address(model_extras_.ints.data()), model_extras_.ints.size()},
        wire_.strings));
  }

 private:
  uintptr_t set_reply(std::string reply) {
    reply_ = std::move(reply);
    reply_length_ = static_cast<uint32_t>(reply_.size());
    return address(reply_.c_str());
  }

  const char* model_batch_problem(uint32_t count, uintptr_t emotions, uintptr_t sentiment) const {
    if (!model_ready_) return "the model is not configured";
    if (count != model_batch_.messages.size() || (count > 0 && (!emotions || !sentiment))) {
      return "the model batch does not match its features";
    }
    return nullptr;
  }

  // Do not pin a huge batch's buffers for the analyzer's lifetime.
  void trim_wire() {
    if (wire_.numbers.capacity() > (1u << 19) || wire_.strings.capacity() > (4u << 20)) wire_ = {};
  }

  std::vector<std::string_view> texts_;
  rapport::WireBatch wire_;
  std::string reply_;
  uint32_t reply_length_ = 0;
  rapport::ModelConfig model_config_;
  bool model_ready_ = false;
  rapport::ModelBatch model_batch_;
  rapport::ModelWire model_extras_;
};

// The words the transport sends as indices (shared/api/core-session.js).
std::string wire_words_json() {
  nlohmann::json out = nlohmann::json::array();
  for (std::string_view w : rapport::wire_words()) out.push_back(w);
  return dump(out);
}

std::string emotion_names_json() {
  nlohmann::json out = nlohmann::json::array();
  for (int i = 0; i < rapport::kEmotionCount; ++i) out.push_back(rapport::kEmotionNames[i]);
  return dump(out);
}

uint32_t max_batch_size() { return kMaxBatchSize; }
uint32_t max_batch_bytes() { return kMaxBatchBytes; }
uint32_t max_analyzed_bytes() { return static_cast<uint32_t>(rapport::kMaxAnalyzedBytes); }

// The allocator's program break: it only moves when malloc needs fresh memory,
// so it stays put over many calls unless something leaks (memory tests).
uint32_t heap_break() { return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(sbrk(0))); }

}  // namespace

EMSCRIPTEN_BINDINGS(rapport) {
  emscripten::class_<Engine>("Engine")
      .constructor<>()
      .function("analyzeEncodedBatch", &Engine::analyze_encoded_batch)
      .function("analyzeEncodedBatchJson", &Engine::analyze_encoded_batch_json)
      .function("replyLengthAddress", &Engine::reply_length_address)
      .function("setModelConfig", &Engine::set_model_config)
      .function("modelFeaturesEncoded", &Engine::model_features_encoded)
      .function("modelIdsPtr", &Engine::model_ids_ptr)
      .function("modelCountsPtr", &Engine::model_counts_ptr)
      .function("modelDensePtr", &Engine::model_dense_ptr)
      .function("finishModelBatch", &Engine::finish_model_batch)
      .function("finishModelBatchWire", &Engine::finish_model_batch_wire);
  emscripten::function("wireWordsJson", &wire_words_json);
  emscripten::function("maxBatchSize", &max_batch_size);
  emscripten::function("maxBatchBytes", &max_batch_bytes);
  emscripten::function("maxAnalyzedBytes", &max_analyzed_bytes);
  emscripten::function("emotionNamesJson", &emotion_names_json);
  emscripten::function("heapBreak", &heap_break);
}

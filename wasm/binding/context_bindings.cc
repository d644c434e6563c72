// Embind functions of the customer-context engine (wasm/core/context), used
// by shared/api/context.js. One engine per wasm instance (each createContext()
// has its own): JSON text in, JSON text out, nothing thrown.
#include <emscripten/bind.h>

#include <string>

#include "context/context.h"

namespace {

rapport::context::Context& engine() {
  static rapport::context::Context instance;
  return instance;
}

std::string context_configure(std::string options) { return engine().configure(options); }
std::string context_add_events(std::string events) { return engine().add_events(events); }
std::string context_customers() { return engine().customers(); }
std::string context_profile(std::string query) { return engine().profile(query); }
std::string context_timeline(std::string query) { return engine().timeline(query); }
std::string context_summary(std::string query) { return engine().summary(query); }
std::string context_merge(std::string request) { return engine().merge(request); }
std::string context_unmerge(std::string request) { return engine().unmerge(request); }
std::string context_forget(std::string query) { return engine().forget(query); }
std::string context_decisions() { return engine().decisions(); }
std::string context_restore(std::string decisions) { return engine().restore(decisions); }
void context_clear() { engine().clear(); }
uint32_t context_size() { return static_cast<uint32_t>(engine().size()); }

}  // namespace

EMSCRIPTEN_BINDINGS(rapport_context) {
  emscripten::function("contextConfigure", &context_configure);
  emscripten::function("contextAddEvents", &context_add_events);
  emscripten::function("contextCustomers", &context_customers);
  emscripten::function("contextProfile", &context_profile);
  emscripten::function("contextTimeline", &context_timeline);
  emscripten::function("contextSummary", &context_summary);
  emscripten::function("contextMerge", &context_merge);
  emscripten::function("contextUnmerge", &context_unmerge);
  emscripten::function("contextForget", &context_forget);
  emscripten::function("contextDecisions", &context_decisions);
  emscripten::function("contextRestore", &context_restore);
  emscripten::function("contextClear", &context_clear);
  emscripten::function("contextSize", &context_size);
}

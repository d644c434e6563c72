// Embind functions of the dashboard analytics (wasm/core/analytics), used by
// shared/api/analytics.js. One dataset per wasm instance: JSON text in, JSON
// text out, nothing thrown.
#include <emscripten/bind.h>

#include <string>

#include "analytics/analytics.h"

namespace {

rapport::analytics::Analytics& analytics() {
  static rapport::analytics::Analytics instance;
  return instance;
}

std::string analytics_append(std::string records_json) { return analytics().append(records_json); }
std::string analytics_query(std::string query_json) { return analytics().query(query_json); }
void analytics_clear() { analytics().clear(); }
uint32_t analytics_size() { return static_cast<uint32_t>(analytics().size()); }

}  // namespace

EMSCRIPTEN_BINDINGS(rapport_analytics) {
  emscripten::function("analyticsAppend", &analytics_append);
  emscripten::function("analyticsQuery", &analytics_query);
  emscripten::function("analyticsClear", &analytics_clear);
  emscripten::function("analyticsSize", &analytics_size);
}

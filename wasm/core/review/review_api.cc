#include "review/review_api.h"

#include <nlohmann/json.hpp>

namespace rapport::review {

std::string load_pack_json(Reviewer& reviewer, std::string_view pack_json) {
  const PackLoadResult result = reviewer.load_pack(pack_json);
  nlohmann::json errors = nlohmann::json::array();
  // A hostile pack can produce many errors: report the first 100.
  for (size_t i = 0; i < result.errors.size() && i < 100; ++i) {
    const PackIssue& e = result.errors[i];
    errors.push_back({{"path", e.path}, {"code", e.code}, {"message", e.message}});
  }
  const nlohmann::json out = {{"ok", result.ok}, {"ruleCount", result.rule_count}, {"errors", std::move(errors)}};
  // Paths and messages quote the pack's own text: invalid UTF-8 there becomes
  // U+FFFD rather than aborting (the core builds without exceptions).
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace rapport::review

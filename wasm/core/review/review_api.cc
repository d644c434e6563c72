#include "review/review_api.h"

#include "output/json_writer.h"
#include "review/reviewer.h"

namespace rapport::review {

void api_set_customer(const std::string& customer_text, const std::string& customer_name,
                      const std::string& agent_name, const std::string& company) {
  shared_reviewer().set_customer(customer_text, customer_name, agent_name, company);
}

std::string api_review_draft(const std::string& draft) { return shared_reviewer().review_json(draft); }

std::string api_load_pack(const std::string& pack_json) {
  PackLoadResult result = shared_reviewer().load_pack(pack_json);
  std::string out = "{\"ok\":";
  out += result.ok ? "true" : "false";
  out += ",\"ruleCount\":";
  append_json_uint(out, result.rule_count);
  out += ",\"errors\":[";
  // A hostile pack can produce many errors: report the first 100.
  for (size_t i = 0; i < result.errors.size() && i < 100; ++i) {
    const PackIssue& e = result.errors[i];
    if (i) out += ',';
    out += "{\"path\":";
    append_json_string(out, e.path);
    out += ",\"code\":";
    append_json_string(out, e.code);
    out += ",\"message\":";
    append_json_string(out, e.message);
    out += '}';
  }
  out += "]}";
  return out;
}

std::string api_export_pack() { return shared_reviewer().export_pack(); }

void api_reset_pack() { shared_reviewer().reset_pack(); }

}  // namespace rapport::review

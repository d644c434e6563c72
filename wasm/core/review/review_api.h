// Plain-value entry points over the module's shared Reviewer, for the one
// binding file (wasm/binding/bindings.cc) and for native callers that want JSON.
// Strings in, JSON strings out; nothing here throws.
#pragma once
#include <string>

namespace rapport::review {

// Sets the customer context; cheap when unchanged (the analysis is cached).
void api_set_customer(const std::string& customer_text, const std::string& customer_name,
                      const std::string& agent_name, const std::string& company);

// The review of `draft` as JSON (shape in shared/rules/SCHEMA.md, "Review result").
std::string api_review_draft(const std::string& draft);

// {"ok":true|false,"ruleCount":n,"errors":[{"path","code","message"}]}; on
// errors the pack in use is unchanged.
std::string api_load_pack(const std::string& pack_json);

std::string api_export_pack();
void api_reset_pack();

}  // namespace rapport::review

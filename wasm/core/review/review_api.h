// Plain-value entry points over a Reviewer, for the binding
// (wasm/binding/review_bindings.cc) and native callers that want JSON.
// Strings in, JSON strings out; nothing here throws. There is no shared
// reviewer: the caller owns the Reviewer (one per analyzer in JS).
#pragma once
#include <string>
#include <string_view>

#include "review/reviewer.h"

namespace rapport::review {

// Loads a pack into `reviewer`: {"ok":true|false,"ruleCount":n,"errors":[{"path","code","message"}]}
// (at most the first 100 errors). On errors the pack in use is unchanged.
std::string load_pack_json(Reviewer& reviewer, std::string_view pack_json);

}  // namespace rapport::review

// The default rule pack (shared/rules/default.json), compiled into the core at
// build time by scripts/gen-rules.mjs so the module needs no file system.
#pragma once
#include <string_view>

namespace rapport::review {

std::string_view default_pack_json();

}  // namespace rapport::review

// libFuzzer target: any bytes as a team rule pack (standalone or an overlay on
// the default pack) -> parse_rule_pack. Checks: every problem carries a code
// and a message; a pack that parses exports to JSON that parses back to a pack
// with the same rules (the export format is the import format).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "review/reviewer.h"
#include "review/rule_pack.h"
#include "fuzz_support.h"

using rapport::fuzz::as_text;
using rapport::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rapport::review;
  const std::string_view json = as_text(data, size);
  RulePack pack;
  std::vector<PackIssue> errors;
  if (!parse_rule_pack(json, &default_pack(), pack, errors)) {
    check(!errors.empty());
    for (const PackIssue& e : errors) check(!e.code.empty() && !e.message.empty());
    return 0;
  }
  const std::string exported = rule_pack_to_json(pack);
  RulePack again;
  std::vector<PackIssue> again_errors;
  check(parse_rule_pack(exported, nullptr, again, again_errors));
  check(again.rules.size() == pack.rules.size());
  return 0;
}

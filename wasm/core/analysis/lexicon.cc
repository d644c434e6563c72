// Binary search over the generated, byte-sorted lexicon tables. No allocation:
// variants of a norm are built in small stack buffers.
#include "analysis/lexicon.h"

#include <cstring>

#include "analysis/sentiment.h"
#include "text/word_table.h"

namespace rapport {
namespace {

// Hash lookup of an exact term; nullptr when absent.
const LexiconEntry* find_entry(std::string_view key, uint32_t key_hash) {
  if (key.empty() || key.size() > 255) return nullptr;
  const uint32_t bit = key_hash >> 16;  // kLexiconFilter: most words stop here
  if (!((kLexiconFilter[bit >> 5] >> (bit & 31)) & 1)) return nullptr;
  uint32_t h = key_hash & kLexiconSlotMask;
  const uint32_t tag = key_hash >> 16;
  for (uint32_t slot; (slot = kLexiconSlots[h]) != 0; h = (h + 1) & kLexiconSlotMask) {
    if ((slot >> 16) != tag) continue;  // another term: its entry is not read
    const LexiconEntry& e = kLexiconEntries[(slot & 0xFFFF) - 1];
    if (e.length == key.size() && same_bytes(kLexiconText + e.offset, key.data(), key.size()))
      return &e;
  }
  return nullptr;
}

const LexiconEntry* find_entry(std::string_view key) { return find_entry(key, lexicon_hash(key)); }

const LexiconEntry* find_term(std::string_view key) {
  const LexiconEntry* e = find_entry(key);
  return e && (e->flags & kLexiconTerm) ? e : nullptr;
}

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Is `emoji` at byte i a presentation selector (U+FE0F) or skin tone
// (U+1F3FB..U+1F3FF)? Returns its byte length, else 0.
size_t modifier_length(std::string_view s, size_t i) {
  if (s.size() - i >= 3 && s.compare(i, 3, "\xEF\xB8\x8F") == 0) return 3;
  if (s.size() - i >= 4 && (unsigned char)s[i] == 0xF0 && (unsigned char)s[i + 1] == 0x9F &&
      (unsigned char)s[i + 2] == 0x8F && (unsigned char)s[i + 3] >= 0xBB &&
      (unsigned char)s[i + 3] <= 0xBF)
    return 4;
  return 0;
}

struct RoleEntry {
  std::string_view word;  // length known at compile time: no strlen per compare
  WordRole role;
};

// Sorted by bytes (checked by a test). Contractions without apostrophes are
// listed because chat text drops them ("dont", "cant").
constexpr RoleEntry kRoles[] = {
    {"a", WordRole::Transparent},         {"absolutely", WordRole::Booster},
    {"ain't", WordRole::Negator},         {"aint", WordRole::Negator},
    {"all", WordRole::Transparent},       {"almost", WordRole::Dampener},
    {"although", WordRole::Contrast},     {"am", WordRole::Transparent},
    {"an", WordRole::Transparent},        {"any", WordRole::Transparent},
    {"are", WordRole::Transparent},       {"arent", WordRole::Negator},
    {"at", WordRole::Transparent},        {"awfully", WordRole::Booster},
    {"barely", WordRole::Dampener},       {"be", WordRole::Transparent},
    {"been", WordRole::Transparent},      {"but", WordRole::Contrast},
    {"cannot", WordRole::Negator},        {"cant", WordRole::Negator},
    {"completely", WordRole::Booster},    {"couldnt", WordRole::Negator},
    {"damn", WordRole::Booster},          {"deeply", WordRole::Booster},
    {"did", WordRole::Transparent},       {"didnt", WordRole::Negator},
    {"do", WordRole::Transparent},        {"does", WordRole::Transparent},
    {"doesnt", WordRole::Negator},        {"dont", WordRole::Negator},
    {"entirely", WordRole::Booster},      {"especially", WordRole::Booster},
    {"even", WordRole::Transparent},      {"ever", WordRole::Transparent},
    {"exceptionally", WordRole::Booster}, {"extremely", WordRole::Booster},
    {"fairly", WordRole::Dampener},       {"freaking", WordRole::Booster},
    {"fucking", WordRole::Booster},       {"fully", WordRole::Booster},
    {"greatly", WordRole::Booster},       {"had", WordRole::Transparent},
    {"hadnt", WordRole::Negator},         {"hardly", WordRole::Negator},
    {"has", WordRole::Transparent},       {"hasnt", WordRole::Negator},
    {"have", WordRole::Transparent},      {"havent", WordRole::Negator},
    {"he", WordRole::Transparent},        {"highly", WordRole::Booster},
    {"however", WordRole::Contrast},      {"hugely", WordRole::Booster},
    {"i", WordRole::Transparent},         {"i'm", WordRole::Transparent},
    {"im", WordRole::Transparent},        {"incredibly", WordRole::Booster},
    {"insanely", WordRole::Booster},      {"is", WordRole::Transparent},
    {"isnt", WordRole::Negator},          {"it", WordRole::Transparent},
    {"it's", WordRole::Transparent},      {"its", WordRole::Transparent},
    {"kinda", WordRole::Dampener},
    {"less", WordRole::Dampener},         {"marginally", WordRole::Dampener},
    {"me", WordRole::Transparent},        {"more", WordRole::Booster},
    {"most", WordRole::Booster},          {"much", WordRole::Booster},
    {"my", WordRole::Transparent},        {"neither", WordRole::Negator},
    {"never", WordRole::Negator},         {"no", WordRole::Negator},
    {"nobody", WordRole::Negator},        {"none", WordRole::Negator},
    {"nor", WordRole::Negator},           {"not", WordRole::Negator},
    {"nothing", WordRole::Negator},       {"nowhere", WordRole::Negator},
    {"once", WordRole::Transparent},      {"or", WordRole::Transparent},
    {"our", WordRole::Transparent},
    {"particularly", WordRole::Booster},  {"partly", WordRole::Dampener},
    {"pretty", WordRole::Booster},        {"quite", WordRole::Booster},
    {"rather", WordRole::Dampener},       {"really", WordRole::Booster},
    {"remarkably", WordRole::Booster},    {"scarcely", WordRole::Dampener},
    {"she", WordRole::Transparent},       {"shouldnt", WordRole::Negator},
    {"slightly", WordRole::Dampener},     {"so", WordRole::Booster},
    {"somewhat", WordRole::Dampener},     {"sorta", WordRole::Dampener},
    {"super", WordRole::Booster},         {"that", WordRole::Transparent},
    {"the", WordRole::Transparent},       {"they", WordRole::Transparent},
    {"this", WordRole::Transparent},      {"though", WordRole::Contrast},
    {"too", WordRole::Booster},           {"totally", WordRole::Booster},
    {"truly", WordRole::Booster},         {"utterly", WordRole::Booster},
    {"very", WordRole::Booster},          {"was", WordRole::Transparent},
    {"wasnt", WordRole::Negator},         {"we", WordRole::Transparent},
    {"were", WordRole::Transparent},      {"werent", WordRole::Negator},
    {"without", WordRole::Negator},       {"wont", WordRole::Negator},
    {"wouldnt", WordRole::Negator},       {"yet", WordRole::Contrast},
    {"you", WordRole::Transparent},       {"your", WordRole::Transparent},
};

}  // namespace

bool word_role_table_is_sorted() {
  for (size_t i = 1; i < sizeof(kRoles) / sizeof(kRoles[0]); ++i)
    if (kRoles[i - 1].word >= kRoles[i].word) return false;
  return true;
}

constexpr size_t longest_role_word() {
  size_t n = 0;
  for (const RoleEntry& e : kRoles) n = e.word.size() > n ? e.word.size() : n;
  return n;
}

// Open-addressing index over kRoles, built once: one probe per word instead of
// a binary search of string compares (this runs for every word of every text).
struct RoleIndex {
  static constexpr uint32_t kSlots = 512;  // > 3x the table: short probe runs
  uint8_t slot[kSlots] = {};               // kRoles index + 1, 0 = empty
  RoleIndex() {
    for (size_t i = 0; i < sizeof(kRoles) / sizeof(kRoles[0]); ++i) {
      uint32_t h = lexicon_hash(kRoles[i].word) & (kSlots - 1);
      while (slot[h]) h = (h + 1) & (kSlots - 1);
      slot[h] = static_cast<uint8_t>(i + 1);
    }
  }
};

WordRole word_role(std::string_view norm) { return word_role(norm, lexicon_hash(norm)); }

WordRole word_role(std::string_view norm, uint32_t norm_hash) {
  static const RoleIndex index;
  // Forced to a compile-time constant: as a plain call clang may loop over
  // kRoles on every word.
  static constexpr size_t kLongestRoleWord = longest_role_word();
  if (norm.size() <= kLongestRoleWord) {
    uint32_t h = norm_hash & (RoleIndex::kSlots - 1);
    for (; index.slot[h]; h = (h + 1) & (RoleIndex::kSlots - 1)) {
      const RoleEntry& e = kRoles[index.slot[h] - 1];
      if (same_text(e.word, norm)) return e.role;
    }
  }
  return role_with_nt_rule(WordRole::None, norm);
}

size_t role_word_count() { return sizeof(kRoles) / sizeof(kRoles[0]); }

std::string_view role_word(size_t i, WordRole* role) {
  *role = kRoles[i].role;
  return kRoles[i].word;
}

LexiconOrigin lexicon_origin(const LexiconEntry& entry) {
  if (entry.origin == 0) return LexiconOrigin::Vader;
  if (std::strcmp(kLexiconOrigins[entry.origin], "emoji") == 0) return LexiconOrigin::Emoji;
  return LexiconOrigin::Supplement;
}

std::string_view lexicon_term(const LexiconEntry& entry) {
  return std::string_view(kLexiconText + entry.offset, entry.length);
}

const LexiconEntry* find_lexicon_word(std::string_view norm) { return find_term(norm); }

const LexiconEntry* find_lexicon_entry(std::string_view key) { return find_entry(key); }

const LexiconEntry* find_lexicon_entry(std::string_view key, uint32_t key_hash) {
  return find_entry(key, key_hash);
}

// Calls found(variant) for `norm` with the extra letter of doubled-letter runs
// dropped, fewest drops first so "happyy" meets "happy" before "hapy"; stops
// at the first variant for which found() returns true. The tokenizer already
// cut longer runs to two, so each run is exactly one extra letter.
template <typename Found>
static bool for_each_collapsed(std::string_view norm, Found found) {
  constexpr size_t kMaxLen = 64;
  constexpr int kMaxRuns = 4;
  if (norm.size() >= kMaxLen) return false;
  size_t runs[kMaxRuns];
  int run_count = 0;
  for (size_t i = 1; i < norm.size() && run_count < kMaxRuns; ++i)
    if (is_ascii_letter(norm[i]) && norm[i] == norm[i - 1]) runs[run_count++] = i;
  char buf[kMaxLen];
  for (int drops = 1; drops <= run_count; ++drops) {
    for (int mask = 1; mask < (1 << run_count); ++mask) {
      if (__builtin_popcount(mask) != drops) continue;
      size_t n = 0;
      int r = 0;
      for (size_t i = 0; i < norm.size(); ++i) {
        while (r < run_count && runs[r] < i) ++r;
        if (r < run_count && runs[r] == i && (mask >> r & 1)) continue;
        buf[n++] = norm[i];
      }
      if (found(std::string_view(buf, n))) return true;
    }
  }
  return false;
}

const LexiconEntry* find_elongated_word(std::string_view norm) {
  if (const LexiconEntry* e = find_lexicon_word(norm)) return e;
  const LexiconEntry* hit = nullptr;
  for_each_collapsed(norm, [&](std::string_view v) { return (hit = find_lexicon_word(v)) != nullptr; });
  return hit;
}

WordRole elongated_word_role(std::string_view norm) {
  WordRole role = word_role(norm);
  if (role != WordRole::None) return role;
  for_each_collapsed(norm, [&](std::string_view v) { return (role = word_role(v)) != WordRole::None; });
  return role;
}

const LexiconEntry* find_lexicon_emoji(std::string_view norm) {
  if (const LexiconEntry* e = find_lexicon_word(norm)) return e;
  constexpr size_t kMaxLen = 64;
  // A ZWJ sequence (U+200D) is looked up by its first element: the ranking
  // only scores single code points.
  size_t end = norm.find("\xE2\x80\x8D");
  if (end == std::string_view::npos) end = norm.size();
  if (end > kMaxLen) return nullptr;
  char buf[kMaxLen];
  size_t n = 0;
  for (size_t i = 0; i < end;) {
    if (size_t skip = modifier_length(norm, i)) { i += skip; continue; }
    buf[n++] = norm[i++];
  }
  if (n == norm.size()) return nullptr;
  return find_lexicon_word(std::string_view(buf, n));
}

const LexiconEntry* find_lexicon_phrase(std::string_view phrase) { return find_term(phrase); }

bool lexicon_phrase_has_prefix(std::string_view words) {
  const LexiconEntry* e = find_entry(words);
  return e && (e->flags & kLexiconPhrasePrefix);
}

float lexicon_valence(std::string_view norm) {
  const LexiconEntry* e = find_lexicon_word(norm);
  if (!e) e = find_lexicon_emoji(norm);
  return e ? e->valence : 0.0f;
}

}  // namespace rapport

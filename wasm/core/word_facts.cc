// See word_facts.h. Built once, at first use, from the lists' own accessors.
#include "word_facts.h"

#include <vector>

#include "emotion_heuristics.h"
#include "language.h"
#include "word_table.h"

namespace rapport {
namespace {

struct FactsIndex {
  WordTable slot_of;            // norm -> index into facts
  std::vector<WordFacts> facts;

  WordFacts& entry(std::string_view word) {
    uint32_t i = slot_of.find(word);
    if (i == WordTable::kMissing) {
      i = static_cast<uint32_t>(facts.size());
      facts.emplace_back();
      slot_of.add(word, i);
    }
    return facts[i];
  }

  FactsIndex() {
    for (size_t i = 0; i < role_word_count(); ++i) {
      WordRole role = WordRole::None;
      std::string_view word = role_word(i, &role);
      entry(word).role = role;
    }
    for (int lang = 0; lang < latin_stop_list_count(); ++lang) {
      std::string_view rest = latin_stop_words(lang);
      while (!rest.empty()) {
        size_t space = rest.find(' ');
        entry(rest.substr(0, space)).stop_languages |= static_cast<uint8_t>(1u << lang);
        rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
      }
    }
    for (size_t i = 0; i < emotion_trigger_count(); ++i) {
      std::string_view norm = emotion_trigger_norm(i);
      if (norm.empty() || static_cast<unsigned char>(norm[0]) >= 0x80) continue;  // emoji: by prefix
      WordFacts& f = entry(norm);
      if (f.emotion_trigger == 0) f.emotion_trigger = static_cast<uint16_t>(i + 1);  // first wins
    }
  }
};

}  // namespace

WordFacts lookup_word_facts(std::string_view norm, uint32_t norm_hash) {
  static const FactsIndex index;
  const uint32_t i = index.slot_of.find(norm, norm_hash);
  return i == WordTable::kMissing ? WordFacts() : index.facts[i];
}

}  // namespace rapport

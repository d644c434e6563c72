// See word_facts.h. Built once, at first use, from the lists' own accessors.
#include "text/word_facts.h"

#include <vector>

#include "analysis/emotion_heuristics.h"
#include "analysis/language.h"
#include "text/word_table.h"

namespace rapport {
namespace {

// Open addressing like the lexicon's own index: a slot holds the record
// index + 1 in its low 16 bits (0 = empty) and the key's hash >> 16 above
// them, so a probe rejects other words without reading their records (most
// words of a message are in no list).
class FactsIndex {
 public:
  FactsIndex() {
    Builder b;
    for (size_t i = 0; i < role_word_count(); ++i) {
      WordRole role = WordRole::None;
      std::string_view word = role_word(i, &role);
      b.entry(word).role = role;
    }
    for (int lang = 0; lang < latin_stop_list_count(); ++lang) {
      std::string_view rest = latin_stop_words(lang);
      while (!rest.empty()) {
        size_t space = rest.find(' ');
        b.entry(rest.substr(0, space)).stop_languages |= static_cast<uint8_t>(1u << lang);
        rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
      }
    }
    for (size_t i = 0; i < emotion_trigger_count(); ++i) {
      std::string_view norm = emotion_trigger_norm(i);
      if (norm.empty() || static_cast<unsigned char>(norm[0]) >= 0x80) continue;  // emoji: by prefix
      WordFacts& f = b.entry(norm);
      if (f.emotion_trigger == 0) f.emotion_trigger = static_cast<uint16_t>(i + 1);  // first wins
    }
    records_ = std::move(b.records);  // a few thousand at most: 16-bit indices suffice
    size_t slots = 1;
    while (slots < records_.size() * 4) slots *= 2;  // load <= 1/4: most probes end at once
    slots_.assign(slots, 0);
    mask_ = static_cast<uint32_t>(slots - 1);
    for (size_t r = 0; r < records_.size(); ++r) {
      const uint32_t hash = lexicon_hash(records_[r].key);
      uint32_t h = hash & mask_;
      while (slots_[h]) h = (h + 1) & mask_;
      slots_[h] = (hash >> 16) << 16 | static_cast<uint32_t>(r + 1);
    }
  }

  WordFacts find(std::string_view key, uint32_t key_hash) const {
    const uint32_t tag = key_hash >> 16;
    for (uint32_t h = key_hash & mask_, slot; (slot = slots_[h]) != 0; h = (h + 1) & mask_) {
      if ((slot >> 16) != tag) continue;
      const Record& r = records_[(slot & 0xFFFF) - 1];
      if (same_text(r.key, key)) return r.facts;
    }
    return WordFacts();
  }

 private:
  struct Record {
    std::string_view key;  // static data: the lists' own strings
    WordFacts facts;
  };
  // Merges a word's entries from several lists while the records are gathered.
  struct Builder {
    WordTable index;  // word -> records index
    std::vector<Record> records;
    WordFacts& entry(std::string_view word) {
      uint32_t i = index.find(word);
      if (i == WordTable::kMissing) {
        i = static_cast<uint32_t>(records.size());
        records.push_back(Record{word, WordFacts()});
        index.add(word, i);
      }
      return records[i].facts;
    }
  };

  std::vector<uint32_t> slots_;
  uint32_t mask_ = 0;
  std::vector<Record> records_;
};

}  // namespace

WordFacts lookup_word_facts(std::string_view norm, uint32_t norm_hash) {
  static const FactsIndex index;
  return index.find(norm, norm_hash);
}

}  // namespace rapport

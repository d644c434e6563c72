#include "review/terms.h"

#include <cstring>
#include <unordered_map>

namespace rapport::review {
namespace {

struct Pair {
  const char* from;
  const char* to;  // may hold two words separated by one space
};

// Whole-word rewrites applied before stemming: contractions written without an
// apostrophe, chat spellings, and irregular verb forms the suffix rules miss.
// Kept short on purpose: each entry widens what every pattern matches.
constexpr Pair kWholeWords[] = {
    {"cannot", "can not"}, {"cant", "can not"},     {"dont", "do not"},
    {"doesnt", "does not"}, {"didnt", "did not"},   {"isnt", "is not"},
    {"wasnt", "was not"},  {"arent", "are not"},    {"werent", "were not"},
    {"wont", "will not"},  {"wouldnt", "would not"}, {"shouldnt", "should not"},
    {"couldnt", "could not"}, {"havent", "have not"}, {"hasnt", "has not"},
    {"hadnt", "had not"},  {"aint", "is not"},      {"im", "i am"},
    {"ive", "i have"},     {"youre", "you are"},    {"youll", "you will"},
    {"youve", "you have"}, {"youd", "you would"},   {"thats", "that is"},
    {"theres", "there is"}, {"whats", "what is"},   {"itll", "it will"},
    {"u", "you"},          {"ya", "you"},           {"ur", "your"},
    {"pls", "please"},     {"plz", "please"},       {"gonna", "going to"},
    {"wanna", "want to"},  {"gotta", "got to"},     {"idk", "i do not know"},
    {"dunno", "do not know"}, {"made", "make"},     {"said", "say"},
    {"told", "tell"},      {"sent", "send"},        {"got", "get"},
    {"gotten", "get"},     {"has", "have"},
    {"does", "do"},        {"did", "do"},           {"done", "do"},
    {"went", "go"},        {"gone", "go"},          {"understood", "understand"},
    {"kept", "keep"},      {"paid", "pay"},         {"bought", "buy"},
    {"heard", "hear"},     {"felt", "feel"},        {"meant", "mean"},
};

// Subjects after which "'s" means "is" (elsewhere it is a possessive and is dropped).
constexpr const char* kIsSubjects[] = {"it", "that", "there", "here", "what", "who",
                                       "he", "she", "where", "how", "this"};

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }
bool is_ascii_alpha(char c) { return c >= 'a' && c <= 'z'; }

void push_words(std::string_view words, std::vector<std::string>& out);

// One word: an irregular form or chat spelling is rewritten first, so the base
// of a contraction ("did" in "didn't") meets the same term as the word alone.
const std::unordered_map<std::string_view, std::string_view>& whole_words() {
  static const auto* map = [] {
    auto* m = new std::unordered_map<std::string_view, std::string_view>();
    for (const Pair& p : kWholeWords) m->emplace(p.from, p.to);
    return m;
  }();
  return *map;
}

void push_word(std::string_view w, std::vector<std::string>& out) {
  auto it = whole_words().find(w);
  if (it == whole_words().end()) {
    out.push_back(stem(w));
    return;
  }
  std::string_view to = it->second;
  if (to.find(' ') == std::string_view::npos) out.push_back(stem(to));
  else push_words(to, out);
}

void push_words(std::string_view words, std::vector<std::string>& out) {
  if (words.empty()) return;  // a bare "n't" has no base word: no empty term
  size_t space = words.find(' ');
  if (space == std::string_view::npos) {
    push_word(words, out);
    return;
  }
  // Multi-word rewrites may themselves contain more than one space ("i do not know").
  size_t start = 0;
  while (start <= words.size()) {
    size_t end = words.find(' ', start);
    if (end == std::string_view::npos) end = words.size();
    if (end > start) push_word(words.substr(start, end - start), out);
    start = end + 1;
  }
}

// One part of a word (no hyphens): contraction expansion, rewrites, stemming.
void append_part(std::string_view w, std::vector<std::string>& out) {
  if (w.empty()) return;
  if (auto it = whole_words().find(w); it != whole_words().end()) return push_words(it->second, out);
  size_t apos = w.find('\'');
  if (apos == std::string_view::npos || apos == 0) {
    // Leading apostrophes ("'cause") and words without one: strip stray quotes.
    std::string_view core = w;
    while (!core.empty() && core.front() == '\'') core.remove_prefix(1);
    while (!core.empty() && core.back() == '\'') core.remove_suffix(1);
    if (!core.empty()) push_words(core, out);
    return;
  }
  if (ends_with(w, "n't")) {
    std::string_view base = w.substr(0, w.size() - 3);
    if (base == "ca") base = "can";
    else if (base == "wo") base = "will";
    else if (base == "sha") base = "shall";
    else if (base == "ai") base = "is";
    push_words(base, out);
    out.push_back("not");
    return;
  }
  std::string_view base = w.substr(0, apos);
  std::string_view tail = w.substr(apos + 1);
  const char* expansion = nullptr;
  if (tail == "ll") expansion = "will";
  else if (tail == "re") expansion = "are";
  else if (tail == "ve") expansion = "have";
  else if (tail == "d") expansion = "would";
  else if (tail == "m") expansion = "am";
  else if (tail == "s") {
    if (base == "let") {
      out.push_back("let");
      out.push_back("us");
      return;
    }
    for (const char* subject : kIsSubjects) {
      if (base == subject) expansion = "is";
    }
    if (!expansion) {  // possessive: "customer's" -> "customer"
      push_words(base, out);
      return;
    }
  }
  if (!expansion) {  // "o'clock", "y'all": keep the word, minus the apostrophe
    std::string joined(base);
    joined.append(tail);
    push_words(joined, out);
    return;
  }
  push_words(base, out);
  push_word(expansion, out);
}

}  // namespace

std::string stem(std::string_view w) {
  std::string s(w);
  if (s.size() <= 3) return s;
  // Only fold words made of ASCII letters; anything else is compared as is.
  for (char c : s) {
    if (!is_ascii_alpha(c)) return s;
  }
  auto undouble = [](std::string& b) {
    size_t n = b.size();
    if (n >= 3 && b[n - 1] == b[n - 2] && !is_vowel(b[n - 1]) && b[n - 1] != 'l' &&
        b[n - 1] != 's' && b[n - 1] != 'z') {
      b.pop_back();
    }
  };
  bool stripped = false;
  if (ends_with(s, "ies") && s.size() >= 5) {
    s.resize(s.size() - 3);
    s.push_back('y');
    return s;
  }
  if (ends_with(s, "ied") && s.size() >= 5) {
    s.resize(s.size() - 3);
    s.push_back('y');
    return s;
  }
  if (ends_with(s, "ing") && s.size() >= 6) {
    s.resize(s.size() - 3);
    undouble(s);
    stripped = true;
  } else if (ends_with(s, "ed") && s.size() >= 5 && !ends_with(s, "eed")) {
    s.resize(s.size() - 2);
    undouble(s);
    stripped = true;
  } else if (ends_with(s, "s") && s.size() >= 4 && !ends_with(s, "ss") &&
             !ends_with(s, "us") && !ends_with(s, "is")) {
    s.pop_back();
    stripped = true;
  }
  (void)stripped;
  // A final silent "e" is dropped so "hope"/"hoping"/"hoped" meet at "hop".
  if (s.size() >= 4 && s.back() == 'e' && s[s.size() - 2] != 'e') s.pop_back();
  return s;
}

std::string normalize_word(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  for (size_t i = 0; i < word.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(word[i]);
    // U+2018 / U+2019 are E2 80 98 / E2 80 99 in UTF-8.
    if (c == 0xE2 && i + 2 < word.size() && static_cast<unsigned char>(word[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(word[i + 2]) == 0x98 ||
         static_cast<unsigned char>(word[i + 2]) == 0x99)) {
      out.push_back('\'');
      i += 2;
      continue;
    }
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c));
  }
  return out;
}

void append_terms(std::string_view word, std::vector<std::string>& out) {
  size_t start = 0;
  while (start <= word.size()) {
    size_t end = word.find('-', start);
    if (end == std::string_view::npos) end = word.size();
    append_part(word.substr(start, end - start), out);
    start = end + 1;
  }
}

}  // namespace rapport::review

#include "review/pattern.h"

#include <algorithm>

#include "review/terms.h"

namespace rapport::review {
namespace {

enum class Lex : uint8_t { Word, Bar, Open, Close, OpenOpt, CloseOpt, Star };

struct Lexeme {
  Lex kind;
  std::string text;  // for Word
  size_t pos;        // character offset, for messages
};

bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '\'' || c == '-' || c >= 0x80;
}

bool fail(PatternError& error, const char* code, std::string message) {
  error.code = code;
  error.message = std::move(message);
  return false;
}

bool lex(std::string_view p, std::vector<Lexeme>& out, PatternError& error) {
  for (size_t i = 0; i < p.size();) {
    unsigned char c = static_cast<unsigned char>(p[i]);
    if (c == ' ' || c == '\t') {
      ++i;
      continue;
    }
    if (is_word_byte(c)) {
      size_t start = i;
      while (i < p.size() && is_word_byte(static_cast<unsigned char>(p[i]))) ++i;
      out.push_back({Lex::Word, std::string(p.substr(start, i - start)), start});
      continue;
    }
    if (c == '<') {  // <link> or <email>
      std::string_view rest = p.substr(i);
      std::string_view term = rest.substr(0, kLinkTerm.size()) == kLinkTerm     ? kLinkTerm
                              : rest.substr(0, kEmailTerm.size()) == kEmailTerm ? kEmailTerm
                                                                                : std::string_view();
      if (term.empty()) {
        return fail(error, "pattern_syntax",
                    "unexpected '<' at " + std::to_string(i) + " (the only <words> are <link> and <email>)");
      }
      out.push_back({Lex::Word, std::string(term), i});
      i += term.size();
      continue;
    }
    Lex kind;
    switch (c) {
      case '|': kind = Lex::Bar; break;
      case '(': kind = Lex::Open; break;
      case ')': kind = Lex::Close; break;
      case '[': kind = Lex::OpenOpt; break;
      case ']': kind = Lex::CloseOpt; break;
      case '*': kind = Lex::Star; break;
      default:
        return fail(error, "pattern_syntax",
                    "unexpected character '" + std::string(1, static_cast<char>(c)) +
                        "' at " + std::to_string(i) +
                        " (patterns hold words, spaces and ( ) [ ] | * only)");
    }
    out.push_back({kind, {}, i});
    ++i;
  }
  return true;
}

// One element: its alternatives, each a term sequence (the empty sequence
// stands for "absent" in an optional group; {"*"} is the wildcard).
using Alternatives = std::vector<std::vector<std::string>>;

std::vector<std::string> word_terms(const std::string& word) {
  if (word == kLinkTerm || word == kEmailTerm) return {word};
  std::vector<std::string> terms;
  append_terms(normalize_word(word), terms);
  return terms;
}

bool parse(const std::vector<Lexeme>& lx, const PatternLimits& limits,
           std::vector<Alternatives>& elements, PatternError& error) {
  for (size_t i = 0; i < lx.size();) {
    const Lexeme& l = lx[i];
    Alternatives alts;
    if (l.kind == Lex::Star) {
      alts.push_back({std::string(kWildcardTerm)});
      ++i;
    } else if (l.kind == Lex::Word) {
      alts.push_back(word_terms(l.text));
      ++i;
      while (i + 1 < lx.size() && lx[i].kind == Lex::Bar && lx[i + 1].kind == Lex::Word) {
        alts.push_back(word_terms(lx[i + 1].text));
        i += 2;
      }
      if (i < lx.size() && lx[i].kind == Lex::Bar) {
        return fail(error, "pattern_syntax",
                    "'|' at " + std::to_string(lx[i].pos) + " must be followed by a word");
      }
    } else if (l.kind == Lex::Open || l.kind == Lex::OpenOpt) {
      const bool optional = l.kind == Lex::OpenOpt;
      const Lex close = optional ? Lex::CloseOpt : Lex::Close;
      ++i;
      std::vector<std::string> current;
      bool closed = false;
      while (i < lx.size()) {
        const Lexeme& m = lx[i];
        if (m.kind == Lex::Word) {
          for (auto& t : word_terms(m.text)) current.push_back(std::move(t));
        } else if (m.kind == Lex::Bar || m.kind == close) {
          if (current.empty()) {
            return fail(error, "pattern_syntax",
                        "empty alternative in the group at " + std::to_string(l.pos));
          }
          alts.push_back(std::move(current));
          current.clear();
          if (m.kind == close) {
            closed = true;
            ++i;
            break;
          }
        } else {
          return fail(error, "pattern_syntax",
                      "groups hold words and '|' only (found a nested group, wildcard or "
                      "wrong bracket at " + std::to_string(m.pos) + ")");
        }
        ++i;
      }
      if (!closed) {
        return fail(error, "pattern_syntax",
                    "the group opened at " + std::to_string(l.pos) + " is not closed");
      }
      if (optional) alts.push_back({});
    } else {
      return fail(error, "pattern_syntax",
                  "unexpected '" + std::string(l.kind == Lex::Bar ? "|" : "bracket") + "' at " +
                      std::to_string(l.pos));
    }
    // Word alternatives may expand to nothing ("'" alone): treat that as a syntax error.
    for (const auto& alt : alts) {
      if (alt.empty() && l.kind != Lex::OpenOpt) {
        return fail(error, "pattern_syntax", "a word at " + std::to_string(l.pos) + " has no letters");
      }
    }
    if (alts.size() > limits.max_alternatives + (l.kind == Lex::OpenOpt ? 1 : 0)) {
      return fail(error, "too_many_alternatives",
                  "a group has " + std::to_string(alts.size()) + " alternatives (limit " +
                      std::to_string(limits.max_alternatives) + ")");
    }
    elements.push_back(std::move(alts));
    if (elements.size() > limits.max_elements) {
      return fail(error, "pattern_too_long",
                  "more than " + std::to_string(limits.max_elements) + " words or groups");
    }
  }
  return true;
}

}  // namespace

bool compile_pattern(std::string_view pattern, const PatternLimits& limits, CompiledPattern& out,
                     PatternError& error) {
  out.sequences.clear();
  if (pattern.size() > limits.max_chars) {
    return fail(error, "pattern_too_long",
                "pattern has " + std::to_string(pattern.size()) + " bytes (limit " +
                    std::to_string(limits.max_chars) + ")");
  }
  std::vector<Lexeme> lx;
  if (!lex(pattern, lx, error)) return false;
  if (lx.empty()) return fail(error, "empty_pattern", "empty pattern");
  std::vector<Alternatives> elements;
  if (!parse(lx, limits, elements, error)) return false;

  // Count before materializing, so a hostile product is refused without work.
  size_t total = 1;
  for (const auto& alts : elements) {
    total *= alts.size();
    if (total > limits.max_expansions) {
      return fail(error, "too_many_alternatives",
                  "pattern stands for more than " + std::to_string(limits.max_expansions) +
                      " word sequences");
    }
  }
  std::vector<std::vector<std::string>> seqs(1);
  for (const auto& alts : elements) {
    std::vector<std::vector<std::string>> next;
    next.reserve(seqs.size() * alts.size());
    for (const auto& s : seqs) {
      for (const auto& alt : alts) {
        std::vector<std::string> joined = s;
        joined.insert(joined.end(), alt.begin(), alt.end());
        next.push_back(std::move(joined));
      }
    }
    seqs = std::move(next);
  }
  for (const auto& s : seqs) {
    if (s.empty()) return fail(error, "empty_pattern", "every part is optional: the pattern can match nothing");
    if (s.front() == kWildcardTerm || s.back() == kWildcardTerm) {
      return fail(error, "wildcard_at_edge", "'*' may not begin or end a pattern");
    }
    if (s.size() > limits.max_terms) {
      return fail(error, "pattern_too_long",
                  "pattern expands to " + std::to_string(s.size()) + " words (limit " +
                      std::to_string(limits.max_terms) + ")");
    }
  }
  std::sort(seqs.begin(), seqs.end());
  seqs.erase(std::unique(seqs.begin(), seqs.end()), seqs.end());
  out.sequences = std::move(seqs);
  return true;
}

}  // namespace rapport::review

// Is this English? Non-English text is flagged instead of scored wrongly.
#pragma once
#include <string_view>

#include "analysis/assessment.h"
#include "text/tokenizer.h"

namespace rapport {

// `known_ascii`: the caller knows `text` is all ASCII (SanitizedText::ascii),
// which saves a scan; false means "not known", not "not ASCII".
LanguageGuess detect_language(std::string_view text, const Tokenized& tokens,
                              bool known_ascii = false);

// The Latin-script function-word lists, space-separated (word_facts.cc
// indexes them; WordFacts::stop_languages bit i is list i).
int latin_stop_list_count();
std::string_view latin_stop_words(int list);

}  // namespace rapport

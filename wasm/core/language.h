// Is this English? Non-English text is flagged instead of scored wrongly.
#pragma once
#include <string_view>

#include "assessment.h"
#include "tokenizer.h"

namespace rapport {

LanguageGuess detect_language(std::string_view text, const Tokenized& tokens);

// The Latin-script function-word lists, space-separated (word_facts.cc
// indexes them; WordFacts::stop_languages bit i is list i).
int latin_stop_list_count();
std::string_view latin_stop_words(int list);

}  // namespace rapport

// Is this English? Non-English text is flagged instead of scored wrongly.
#pragma once
#include <string_view>

#include "assessment.h"
#include "tokenizer.h"

namespace rapport {

LanguageGuess detect_language(std::string_view text, const Tokenized& tokens);

}  // namespace rapport

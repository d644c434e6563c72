// Turns one normalized word into the "terms" that review patterns match on.
//
// Pattern words and draft words go through this same function, so matching is
// insensitive to contractions ("don't" == "do not" == "dont"), a few chat
// spellings ("u" == "you"), hyphens ("follow-up" == "follow up") and light
// inflection ("waiting" == "waited" == "wait"). The stemmer is deliberately
// crude: it only has to map both sides the same way, not produce real lemmas.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace rapport::review {

// Appends the terms for `word` (already lower-cased, apostrophes straight) to
// `out`. Most words give one term; contractions give two ("can't" -> "can",
// "not"); hyphenated words give one per part. Characters that are neither
// letters, digits, apostrophes nor hyphens are kept as they are.
void append_terms(std::string_view word, std::vector<std::string>& out);

// The inflection-folding step alone: "waiting" -> "wait", "policies" -> "policy".
std::string stem(std::string_view word);

// Lower-cases ASCII letters and maps U+2019/U+2018 to "'" (the tokenizer already
// does this for draft text; patterns written in a pack need it too).
std::string normalize_word(std::string_view word);

}  // namespace rapport::review

// ASCII emoticons: ":)", ":-(", ":'(", ";)", ":D", ":P", ":/", ">:(", "<3",
// "</3", "xD", "^_^", "-_-", "T_T", "o_O", "8-)", and the shrug. The guards keep "http://",
// "10:30", "C:\Users", "a=(b)" and "Note:Please" from matching.
#include <cstring>

#include "text/tokenizer_patterns.h"

namespace rapport {
namespace tokenizer_detail {
namespace {

bool word_before(const Text& t, size_t i) { return is_word_class(t.before(i).cls); }
bool word_at(const Text& t, size_t j) { return is_word_class(t.at(j).cls); }

// Fixed shapes ("kaomoji"): whole-word only; the norm is the shape itself.
size_t match_fixed(const Text& t, size_t i, std::string* norm) {
  static const char* const kShapes[] = {"^_^", "^.^", "-_-", "-.-", "T_T", "T.T", ";_;", "o_O",
                                        "O_o", "o.O", "O.o", "0_o", "o_0", ">_<", ">.<", "._.",
                                        "^^"};
  const uint8_t second = t.byte(i + 1);
  if ((second != '_' && second != '.' && second != '^') || word_before(t, i)) return 0;
  for (const char* s : kShapes) {
    const size_t n = std::strlen(s);
    if (i + n > t.size() || std::memcmp(t.data() + i, s, n) != 0) continue;
    const uint8_t after = t.byte(i + n);
    if (word_at(t, i + n) || after == static_cast<uint8_t>(s[n - 1])) continue;
    norm->assign(s, n);
    return i + n;
  }
  return 0;
}

// "<3", "<333", "</3": not after a word character ("x<3" is maths).
size_t match_heart(const Text& t, size_t i, std::string* norm) {
  if (t.byte(i) != '<' || word_before(t, i)) return 0;
  size_t j = i + 1;
  const bool broken = t.byte(j) == '/';
  if (broken) ++j;
  if (t.byte(j) != '3') return 0;
  while (t.byte(j) == '3') ++j;
  if (word_at(t, j)) return 0;
  *norm = broken ? "</3" : "<3";
  return j;
}

// "xD", "XDDD", "xd": laughing face; whole word only.
size_t match_x_eyes(const Text& t, size_t i, std::string* norm) {
  const uint8_t b = t.byte(i);
  if ((b != 'x' && b != 'X') || word_before(t, i)) return 0;
  size_t j = i + 1;
  const uint8_t mouth = t.byte(j);
  if (mouth != 'D' && mouth != 'd') return 0;
  while (t.byte(j) == mouth) ++j;
  if (word_at(t, j)) return 0;
  *norm = "xD";
  return j;
}

// "8-)", "B-)": cool face; the nose is required ("8)" is a list item).
size_t match_cool(const Text& t, size_t i, std::string* norm) {
  if (word_before(t, i) || t.byte(i + 1) != '-' || t.byte(i + 2) != ')') return 0;
  if (word_at(t, i + 3)) return 0;
  *norm = "8)";
  return i + 3;
}

// The shrug "¯\_(ツ)_/¯", also with the arm escaped twice as Markdown
// users type it ("¯\\_(ツ)_/¯"). Norm: the canonical single-backslash form.
size_t match_shrug(const Text& t, size_t i, std::string* norm) {
  static const char kHead[] = "\xC2\xAF\\";      // ¯ and a backslash
  static const char kTail[] = "_(\xE3\x83\x84)_/\xC2\xAF";  // _(ツ)_/¯
  if (i + 3 > t.size() || std::memcmp(t.data() + i, kHead, 3) != 0) return 0;
  size_t j = i + 3;
  if (t.byte(j) == '\\') ++j;
  const size_t n = sizeof(kTail) - 1;
  if (j + n > t.size() || std::memcmp(t.data() + j, kTail, n) != 0) return 0;
  *norm = "\xC2\xAF\\_(\xE3\x83\x84)_/\xC2\xAF";
  return j + n;
}

uint8_t canonical_mouth(uint8_t m) {
  switch (m) {
    case 'p': return 'P';
    case 'o': return 'O';
    case 's': return 'S';
    case 'x': return 'X';
    default: return m;
  }
}

// [>] eyes [nose|tear] mouth [repeated mouth].
size_t match_western(const Text& t, size_t i, std::string* norm) {
  size_t j = i;
  const bool angry = t.byte(j) == '>';
  if (angry) ++j;
  const uint8_t eyes = t.byte(j);
  if (eyes != ':' && eyes != ';' && eyes != '=') return 0;
  const Char prev = t.before(i);
  if (prev.cp == ':' || prev.cp == '=' || prev.cp == '<' || prev.cp == '>' || prev.cp == '!')
    return 0;
  if (eyes == '=' && is_word_class(prev.cls)) return 0;  // "a=(b)"
  ++j;
  bool tear = false;
  if (t.byte(j) == '\'') {
    tear = true;
    ++j;
  } else if (t.at(j).cp == 0x2019) {
    tear = true;
    j += 3;
  }
  if (t.byte(j) == '-' || (!tear && t.byte(j) == '^')) ++j;  // nose
  const uint8_t mouth = t.byte(j);
  if (mouth == 0 || std::strchr(")(][DPpOo/\\|*3$@SsXx", mouth) == nullptr) return 0;
  if (tear && mouth != '(' && mouth != ')') return 0;
  ++j;
  const bool letter_mouth = std::strchr("DPpOo3SsXx", mouth) != nullptr;
  if (mouth == '/' || mouth == '\\') {
    // ":/" but not "http://" or "C:\Users".
    if (t.byte(j) == '/' || t.byte(j) == '\\' || word_at(t, j)) return 0;
  } else if (mouth != '|') {
    while (t.byte(j) == mouth) ++j;
  }
  if (letter_mouth && word_at(t, j)) return 0;  // "Note:Please", "10:30"
  if (letter_mouth && eyes == ':' && is_word_class(prev.cls) && prev.cls == CharClass::Digit)
    return 0;
  norm->clear();
  if (angry) norm->push_back('>');
  norm->push_back(static_cast<char>(eyes));
  if (tear) norm->push_back('\'');
  norm->push_back(static_cast<char>(canonical_mouth(mouth)));
  return j;
}

}  // namespace

size_t match_emoticon(const Text& t, size_t i, std::string* norm) {
  const uint8_t b = t.byte(i);
  switch (b) {
    case ':': case ';': case '=':
      return match_western(t, i, norm);
    case '>': {
      const size_t j = match_western(t, i, norm);
      return j != 0 ? j : match_fixed(t, i, norm);
    }
    case '<':
      return match_heart(t, i, norm);
    case 'x': case 'X':
      return match_x_eyes(t, i, norm);
    case '^': case '-': case 'T': case 'o': case 'O': case '0': case '.':
      return match_fixed(t, i, norm);
    case '8': case 'B':
      return match_cool(t, i, norm);
    case 0xC2:
      return match_shrug(t, i, norm);
    default:
      return 0;
  }
}

}  // namespace tokenizer_detail
}  // namespace rapport

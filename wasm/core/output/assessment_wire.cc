// The batch transport described in assessment_wire.h. Correctness rests on
// two facts: every number is the double that JSON.parse returns for the text
// write_json_number writes, and every string is escaped by write_json_string
// as in the JSON path; tests/js/wire-parity.test.mjs compares both paths.
#include "output/assessment_wire.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "output/json_writer.h"
#include "text/utf8.h"
#include "text/word_table.h"

namespace rapport {
namespace {

// Any word may be missing here (it is then sent as a string): this list only
// saves work for the common ones.
const char* const kWords[] = {
    "positive", "negative", "neutral", "low", "normal", "high", "urgent", "lexicon",
    "model+lexicon", "supplement", "emoji", "emoticon", "en", "und", "es", "fr", "de", "it", "pt",
    "nl", "ru", "ar", "zh", "ja", "ko", "hi", "urgency", "churn_risk", "escalation",
    "repeat_contact", "confusion", "gratitude", "cue:urgency", "cue:churn_risk", "cue:escalation",
    "cue:repeat_contact", "cue:confusion", "cue:gratitude",
    // Evidence notes: most are empty, cue notes are fixed (kCueNotes).
    "", "caps", "elongated", "time pressure", "may leave", "threatens to escalate",
    "has asked before", "does not understand", "thanks you"};
constexpr int kWordCount = sizeof(kWords) / sizeof(kWords[0]);

// kWords -> index, bucketed by length: a word is compared only with the
// few of its own length (no hashing; these run ~8 times per message).
constexpr size_t kLongestWord = 21;  // "threatens to escalate"
struct WordIndex {
  std::vector<uint8_t> by_length[kLongestWord + 1];
  WordIndex() {
    for (int i = 0; i < kWordCount; ++i) by_length[std::strlen(kWords[i])].push_back(static_cast<uint8_t>(i));
  }
  int find(std::string_view w) const {
    if (w.size() > kLongestWord) return -1;
    for (uint8_t i : by_length[w.size()])
      if (same_bytes(kWords[i], w.data(), w.size())) return i;
    return -1;
  }
};
const WordIndex& word_index() {
  static const WordIndex index;
  return index;
}

Span clamp_span(const Span& span, size_t size) {
  uint32_t n = static_cast<uint32_t>(size);
  uint32_t begin = std::min(span.begin, n);
  return Span{begin, std::min(std::max(span.end, begin), n)};
}

// How many ints and numbers append_assessment_wire writes for `a` (see the
// layout in assessment_wire.h), so the Writer sizes both arrays once per
// message and stores through pointers instead of a push_back per value.
size_t wire_int_count(const Assessment& a) {
  size_t n = 7 + 4 * a.evidence.size();
  for (const Cue& cue : a.cues) n += 2 + 2 * cue.spans.size();
  return n;
}
size_t wire_number_count(const Assessment& a) {
  return 4 + kEmotionCount + a.cues.size() + 1 + a.evidence.size() + 1;
}

class Writer {
 public:
  // `offsets`: scratch tables, reused across messages.
  // `ascii`: the text is all ASCII, so byte offsets are UTF-16 offsets.
  Writer(WireBatch& out, const Assessment& a, const std::string& text, bool ascii,
         bool texts_from_input, Utf16Offsets& offsets)
      : out_(out), text_(text), ascii_(ascii), texts_from_input_(texts_from_input), offsets_(offsets) {
    const size_t ints = out.ints.size(), numbers = out.numbers.size();
    out.ints.resize(ints + wire_int_count(a));
    out.numbers.resize(numbers + wire_number_count(a));
    int_ = out.ints.data() + ints;
    number_ = out.numbers.data() + numbers;
  }
  // Every slot sized above must have been written (a miscount is a bug).
  bool complete() const {
    return int_ == out_.ints.data() + out_.ints.size() &&
           number_ == out_.numbers.data() + out_.numbers.size();
  }

  // Most emotions are 0: skip the rounding for them (wire_number(±0) is +0).
  void number(double v) { *number_++ = v == 0 ? 0.0 : wire_number(v); }
  void integer(int64_t v) { *int_++ = static_cast<int32_t>(v); }
  template <typename Float>
  void numbers(const Float* values, size_t n) {
    for (size_t k = 0; k < n; ++k) number(values[k]);
  }

  // A known word as its index; any other as -1 plus a string.
  void word(std::string_view w) {
    const int i = word_index().find(w);
    if (i >= 0) {
      integer(i);
      return;
    }
    integer(-1);
    string(w);
  }

  void string(std::string_view s) {
    std::string& j = out_.strings;
    size_t old = j.size();
    j.resize(old + 1 + json_string_bound(s));
    char* p = &j[old];
    if (old > 1) *p++ = ',';
    p = write_json_string(p, s);
    j.resize(p - j.data());
  }

  // Offsets as ints; the span's text follows as a string unless the reader
  // slices it from its own input (kTextsFromInput).
  void span(const Span& raw) {
    Span s = clamp_span(raw, text_.size());
    if (ascii_) {
      integer(s.begin);
      integer(s.end);
    } else {
      // Built on first use: many messages have no span at all.
      if (!offsets_ready_) offsets_.reset(text_), offsets_ready_ = true;
      integer(offsets_.to_utf16(s.begin));
      integer(offsets_.to_utf16(s.end));
    }
    if (!texts_from_input_) string(std::string_view(text_).substr(s.begin, s.end - s.begin));
  }

 private:
  WireBatch& out_;
  const std::string& text_;
  const bool ascii_;
  const bool texts_from_input_;
  Utf16Offsets& offsets_;
  bool offsets_ready_ = false;
  int32_t* int_ = nullptr;    // next int to write
  double* number_ = nullptr;  // next number to write
};

}  // namespace

const std::vector<std::string_view>& wire_words() {
  static const std::vector<std::string_view> words(kWords, kWords + kWordCount);
  return words;
}

void WireBatch::clear() {
  numbers.clear();
  ints.clear();
  strings.assign(1, '[');
}

double wire_number(double value) {
  char buf[kJsonNumberBound + 1];
  // The JSON path's own rounding; scaled values below 2^53 divide exactly
  // like JSON.parse reads the decimal (both round the same rational once).
  if (!std::isfinite(value)) return 0;
  if (std::fabs(value) < 1e11) {
    double shifted = value * 10000.0;
    long long scaled = static_cast<long long>(shifted + (shifted >= 0 ? 0.5 : -0.5));
    return scaled == 0 ? 0.0 : static_cast<double>(scaled) / 10000.0;
  }
  char* end = write_json_number(buf, value);
  *end = '\0';
  return std::strtod(buf, nullptr);
}

// memcmp(a, b, n) == 0, eight bytes at a time: wasm's libc memcmp goes byte
// by byte, and this compares every message's whole text.
static bool same_prefix(const char* a, const char* b, size_t n) {
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t x, y;
    std::memcpy(&x, a + i, 8);
    std::memcpy(&y, b + i, 8);
    if (x != y) return false;
  }
  for (; i < n; ++i)
    if (a[i] != b[i]) return false;
  return true;
}

// True when every span text equals the sender's string sliced at the span's
// UTF-16 offsets: the analyzed text is the raw bytes unchanged (no NUL became
// a space, nothing became U+FFFD; a cut keeps a prefix) and has no U+FFFD at
// all, since a JS lone surrogate arrives as valid EF BF BD yet slices as
// itself. Conservative: a genuine U+FFFD also sends the texts.
static bool texts_match_input(std::string_view raw, const std::string& analyzed) {
  // (AnalyzedMessage::raw_ascii says yes without this scan.)
  if (analyzed.size() > raw.size() || !same_prefix(raw.data(), analyzed.data(), analyzed.size()))
    return false;
  const char* p = analyzed.data();
  const char* end = p + analyzed.size();
  while (end - p >= 3 && (p = static_cast<const char*>(std::memchr(p, '\xEF', end - p - 2)))) {
    if (p[1] == '\xBF' && p[2] == '\xBD') return false;
    ++p;
  }
  return true;
}

void append_assessment_wire(WireBatch& out, const AnalyzedMessage& message) {
  append_assessment_wire(out, message, false);
}

void append_assessment_wire(WireBatch& out, const AnalyzedMessage& message, bool texts_from_input) {
  const Assessment& a = message.assessment;
  // Reused per thread; a huge text's tables are given back below.
  thread_local Utf16Offsets offsets;
  Writer w(out, a, message.analyzed_text, message.raw_ascii, texts_from_input, offsets);
  w.word(a.label);
  w.word(priority_level(a.priority));
  w.word(a.language.code);
  w.word(a.source);
  w.integer((a.language.supported ? 1 : 0) | (a.truncated ? 2 : 0) | (a.had_invalid_utf8 ? 4 : 0) |
            (texts_from_input ? kTextsFromInput : 0));
  w.integer(static_cast<int64_t>(a.cues.size()));
  w.integer(static_cast<int64_t>(a.evidence.size()));

  const float sentiment[] = {a.sentiment.compound, a.sentiment.positive, a.sentiment.negative,
                             a.sentiment.neutral};
  w.numbers(sentiment, 4);
  w.numbers(a.emotions.data(), a.emotions.size());
  for (const Cue& cue : a.cues) {
    w.word(cue.id);
    w.integer(static_cast<int64_t>(cue.spans.size()));
    for (const Span& s : cue.spans) w.span(s);
    w.number(cue.strength);
  }
  w.number(a.priority);
  for (const Evidence& e : a.evidence) {
    w.span(e.span);
    w.word(e.source);
    w.word(e.note);
    w.number(e.weight);
  }
  w.number(a.language.confidence);
  assert(w.complete());
  // Its tables hold at most one entry per UTF-16 unit: keep up to ~48 KB.
  if (offsets.utf16_length() > 4096) offsets = Utf16Offsets();
}

void analyze_batch_wire(const std::vector<std::string_view>& texts, WireBatch* out) {
  out->clear();
  out->numbers.reserve(texts.size() * 40);
  out->ints.reserve(texts.size() * 16);
  AnalyzedMessage message;  // one text buffer for the batch
  for (std::string_view text : texts) {
    analyze_message_into(text, &message);
    append_assessment_wire(*out, message,
                           message.raw_ascii || texts_match_input(text, message.analyzed_text));
  }
  out->strings += ']';
}

}  // namespace rapport

// The public JSON shape of an assessment (shared/api/index.d.ts), written by
// hand: this runs once per message in every batch. It is written through a
// pointer into a reusable scratch buffer sized to an upper bound, then
// appended to the output in one copy.
#include <algorithm>

#include "analysis/analyzer.h"
#include "output/json_writer.h"
#include "text/utf8.h"

namespace rapport {
namespace {

// Fixed text of the shape (keys, punctuation) plus 28 emotions and the
// sentiment numbers, generously rounded up.
constexpr size_t kFixedBound = 3000;
constexpr size_t kSpanFieldsBound = 80;  // keys and two offsets of one span

Span clamp_span(const Span& span, size_t size) {
  uint32_t n = static_cast<uint32_t>(size);
  uint32_t begin = std::min(span.begin, n);
  return Span{begin, std::min(std::max(span.end, begin), n)};
}

size_t output_bound(const AnalyzedMessage& m) {
  const Assessment& a = m.assessment;
  size_t bound = kFixedBound + json_string_bound(a.language.code) + json_string_bound(a.source);
  for (const Cue& cue : a.cues) {
    bound += 64 + json_string_bound(cue.id);
    for (const Span& raw : cue.spans) {
      Span s = clamp_span(raw, m.analyzed_text.size());
      bound += kSpanFieldsBound + 6 * (s.end - s.begin);
    }
  }
  for (const Evidence& e : a.evidence) {
    Span s = clamp_span(e.span, m.analyzed_text.size());
    bound += kSpanFieldsBound + 6 * (s.end - s.begin) + 64 + json_string_bound(e.source) +
             json_string_bound(e.note);
  }
  return bound;
}

char* write_span_fields(char* p, const Span& raw, const std::string& text, const Utf16Offsets& offsets) {
  Span span = clamp_span(raw, text.size());
  p = write_raw(p, "\"start\":");
  p = write_json_uint(p, offsets.to_utf16(span.begin));
  p = write_raw(p, ",\"end\":");
  p = write_json_uint(p, offsets.to_utf16(span.end));
  p = write_raw(p, ",\"text\":");
  return write_json_string(p, std::string_view(text).substr(span.begin, span.end - span.begin));
}

// `"admiration":` ... : the emotion keys with quotes and colon, built once.
const std::string* emotion_keys() {
  static const std::string* keys = [] {
    static std::string built[kEmotionCount];
    for (int i = 0; i < kEmotionCount; ++i)
      built[i] = std::string(i ? ",\"" : "\"") + kEmotionNames[i] + "\":";
    return built;
  }();
  return keys;
}

}  // namespace

void append_assessment_json(std::string& out, const AnalyzedMessage& message) {
  const Assessment& a = message.assessment;
  const std::string& text = message.analyzed_text;
  Utf16Offsets offsets(text);
  // One scratch buffer per thread, grown (never shrunk) to the largest bound
  // seen: no allocation and no zero-filling per message in steady state.
  thread_local std::string scratch;
  size_t bound = output_bound(message);
  if (scratch.size() < bound) scratch.resize(bound);
  char* const begin = &scratch[0];
  char* p = begin;

  p = write_raw(p, "{\"sentiment\":{\"label\":");
  p = write_json_string(p, a.label);
  p = write_raw(p, ",\"score\":");
  p = write_json_number(p, a.sentiment.compound);
  p = write_raw(p, ",\"positive\":");
  p = write_json_number(p, a.sentiment.positive);
  p = write_raw(p, ",\"negative\":");
  p = write_json_number(p, a.sentiment.negative);
  p = write_raw(p, ",\"neutral\":");
  p = write_json_number(p, a.sentiment.neutral);

  p = write_raw(p, "},\"emotions\":{");
  const std::string* keys = emotion_keys();
  for (int i = 0; i < kEmotionCount; ++i) {
    p = write_raw(p, keys[i]);
    p = write_json_number(p, a.emotions[i]);
  }

  p = write_raw(p, "},\"cues\":[");
  for (size_t c = 0; c < a.cues.size(); ++c) {
    const Cue& cue = a.cues[c];
    p = write_raw(p, c ? ",{\"id\":" : "{\"id\":");
    p = write_json_string(p, cue.id);
    p = write_raw(p, ",\"strength\":");
    p = write_json_number(p, cue.strength);
    p = write_raw(p, ",\"spans\":[");
    for (size_t s = 0; s < cue.spans.size(); ++s) {
      p = write_raw(p, s ? ",{" : "{");
      p = write_span_fields(p, cue.spans[s], text, offsets);
      *p++ = '}';
    }
    p = write_raw(p, "]}");
  }

  p = write_raw(p, "],\"priority\":");
  p = write_json_number(p, a.priority);
  p = write_raw(p, ",\"priorityLevel\":\"");
  p = write_raw(p, priority_level(a.priority));
  p = write_raw(p, "\",\"evidence\":[");
  for (size_t i = 0; i < a.evidence.size(); ++i) {
    const Evidence& e = a.evidence[i];
    p = write_raw(p, i ? ",{" : "{");
    p = write_span_fields(p, e.span, text, offsets);
    p = write_raw(p, ",\"weight\":");
    p = write_json_number(p, e.weight);
    p = write_raw(p, ",\"source\":");
    p = write_json_string(p, e.source);
    p = write_raw(p, ",\"note\":");
    p = write_json_string(p, e.note);
    *p++ = '}';
  }

  p = write_raw(p, "],\"language\":{\"code\":");
  p = write_json_string(p, a.language.code);
  p = write_raw(p, ",\"supported\":");
  p = write_json_bool(p, a.language.supported);
  p = write_raw(p, ",\"confidence\":");
  p = write_json_number(p, a.language.confidence);
  p = write_raw(p, "},\"truncated\":");
  p = write_json_bool(p, a.truncated);
  p = write_raw(p, ",\"invalidUtf8\":");
  p = write_json_bool(p, a.had_invalid_utf8);
  p = write_raw(p, ",\"source\":");
  p = write_json_string(p, a.source);
  *p++ = '}';
  out.append(begin, p - begin);
}

std::string analyze_batch_json(const std::vector<std::string_view>& texts) {
  std::string out;
  out.reserve(2 + texts.size() * 1600);
  out += '[';
  for (size_t i = 0; i < texts.size(); ++i) {
    if (i) out += ',';
    append_assessment_json(out, analyze_message(texts[i]));
  }
  out += ']';
  return out;
}

}  // namespace rapport

// The public JSON shape of an assessment (shared/api/index.d.ts), written by
// hand: this runs once per message in every batch, so no DOM, no iostreams.
#include <algorithm>

#include "analyzer.h"
#include "json_writer.h"
#include "utf8.h"

namespace rapport {
namespace {

void append_span_fields(std::string& out, const Span& span, const std::string& text,
                        const Utf16Offsets& offsets) {
  uint32_t begin = std::min<uint32_t>(span.begin, static_cast<uint32_t>(text.size()));
  uint32_t end = std::min<uint32_t>(std::max(span.end, begin), static_cast<uint32_t>(text.size()));
  out += "\"start\":";
  append_json_uint(out, offsets.to_utf16(begin));
  out += ",\"end\":";
  append_json_uint(out, offsets.to_utf16(end));
  out += ",\"text\":";
  append_json_string(out, std::string_view(text).substr(begin, end - begin));
}

}  // namespace

void append_assessment_json(std::string& out, const AnalyzedMessage& message) {
  const Assessment& a = message.assessment;
  const std::string& text = message.analyzed_text;
  Utf16Offsets offsets(text);
  out.reserve(out.size() + 1400 + 64 * a.evidence.size());

  out += "{\"sentiment\":{\"label\":\"";
  out += a.label;
  out += "\",\"score\":";
  append_json_number(out, a.sentiment.compound);
  out += ",\"positive\":";
  append_json_number(out, a.sentiment.positive);
  out += ",\"negative\":";
  append_json_number(out, a.sentiment.negative);
  out += ",\"neutral\":";
  append_json_number(out, a.sentiment.neutral);

  out += "},\"emotions\":{";
  for (int i = 0; i < kEmotionCount; ++i) {
    if (i) out += ',';
    out += '"';
    out += kEmotionNames[i];
    out += "\":";
    append_json_number(out, a.emotions[i]);
  }

  out += "},\"cues\":[";
  for (size_t c = 0; c < a.cues.size(); ++c) {
    const Cue& cue = a.cues[c];
    if (c) out += ',';
    out += "{\"id\":";
    append_json_string(out, cue.id);
    out += ",\"strength\":";
    append_json_number(out, cue.strength);
    out += ",\"spans\":[";
    for (size_t s = 0; s < cue.spans.size(); ++s) {
      out += s ? ",{" : "{";
      append_span_fields(out, cue.spans[s], text, offsets);
      out += '}';
    }
    out += "]}";
  }

  out += "],\"priority\":";
  append_json_number(out, a.priority);
  out += ",\"priorityLevel\":\"";
  out += priority_level(a.priority);
  out += "\",\"evidence\":[";
  for (size_t i = 0; i < a.evidence.size(); ++i) {
    const Evidence& e = a.evidence[i];
    out += i ? ",{" : "{";
    append_span_fields(out, e.span, text, offsets);
    out += ",\"weight\":";
    append_json_number(out, e.weight);
    out += ",\"source\":";
    append_json_string(out, e.source);
    out += ",\"note\":";
    append_json_string(out, e.note);
    out += '}';
  }

  out += "],\"language\":{\"code\":";
  append_json_string(out, a.language.code);
  out += ",\"supported\":";
  append_json_bool(out, a.language.supported);
  out += ",\"confidence\":";
  append_json_number(out, a.language.confidence);
  out += "},\"truncated\":";
  append_json_bool(out, a.truncated);
  out += ",\"invalidUtf8\":";
  append_json_bool(out, a.had_invalid_utf8);
  out += ",\"source\":";
  append_json_string(out, a.source);
  out += '}';
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

// Streams support messages from NDJSON or CSV for the native tools, one
// JSON object per message, never the whole input in memory. CSV: RFC 4180
// (quoted fields may hold delimiters, quotes and line breaks), the first row
// names the fields, values stay strings (the tool converts what it needs).
#pragma once
#include <cstdio>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace rapport::tools {

class MessageReader {
 public:
  MessageReader(std::FILE* in, bool csv, char delimiter = ',') : in_(in), csv_(csv), delimiter_(delimiter) {}

  // False at the end; otherwise *out is the next message and line() its first line.
  // On bad input returns false with error() set (naming the line).
  bool next(nlohmann::json* out) {
    while (read_record()) {
      if (record_.empty() || (record_.size() == 1 && record_[0].empty())) continue;
      if (!csv_) {
        *out = nlohmann::json::parse(record_[0], nullptr, false);
        if (out->is_discarded() || !out->is_object()) return fail("not a JSON object");
        return true;
      }
      if (header_.empty()) {
        header_ = record_;
        continue;
      }
      if (record_.size() != header_.size()) {
        return fail("expected " + std::to_string(header_.size()) + " fields (as in the header), found " +
                    std::to_string(record_.size()));
      }
      *out = nlohmann::json::object();
      for (size_t i = 0; i < header_.size(); ++i) (*out)[header_[i]] = record_[i];
      return true;
    }
    return false;
  }
  size_t line() const { return start_line_; }
  const std::string& error() const { return error_; }

 private:
  bool fail(const std::string& message) {
    error_ = "line " + std::to_string(start_line_) + ": " + message;
    return false;
  }

  // One NDJSON line, or one CSV record (which may span lines).
  bool read_record() {
    if (line_ == 0 && !bom_checked_) skip_bom();
    record_.clear();
    start_line_ = line_ + 1;
    std::string field;
    bool quoted = false, any = false, was_quoted = false;
    int c;
    while ((c = std::fgetc(in_)) != EOF) {
      any = true;
      if (c == '\n') ++line_;
      if (!csv_) {
        if (c == '\n') break;
        field.push_back(static_cast<char>(c));
        continue;
      }
      if (quoted) {
        if (c == '"') {
          int d = std::fgetc(in_);
          if (d == '"') field.push_back('"');
          else { quoted = false; if (d != EOF) std::ungetc(d, in_); }
        } else {
          field.push_back(static_cast<char>(c));
        }
      } else if (c == '"' && field.empty() && !was_quoted) {
        quoted = was_quoted = true;
      } else if (c == delimiter_) {
        record_.push_back(std::move(field));
        field.clear();
        was_quoted = false;
      } else if (c == '\n') {
        break;
      } else if (c != '\r') {
        field.push_back(static_cast<char>(c));
      }
    }
    if (quoted) return fail("a quoted field is never closed (unbalanced quote)"), false;
    if (!any) return false;
    record_.push_back(std::move(field));
    return true;
  }

  // A UTF-8 byte-order mark at the start is not part of the first field.
  void skip_bom() {
    bom_checked_ = true;
    int a = std::fgetc(in_);
    if (a != 0xEF) { if (a != EOF) std::ungetc(a, in_); return; }
    int b = std::fgetc(in_), c = std::fgetc(in_);
    if (b != 0xBB || c != 0xBF) std::fseek(in_, 0, SEEK_SET);  // not a BOM (files only; a pipe would not start with 0xEF text)
  }

  std::FILE* in_;
  bool bom_checked_ = false;
  bool csv_;
  char delimiter_;
  size_t line_ = 0, start_line_ = 0;
  std::vector<std::string> header_, record_;
  std::string error_;
};

}  // namespace rapport::tools

// Type-checked reading of pack JSON without exceptions (JSON_NOEXCEPTION:
// a wrong-typed access would abort, so every access is checked first), each
// problem recorded with its JSON pointer path.
#pragma once
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "review/rule_pack.h"

namespace rapport::review {

class PackReader {
 public:
  PackReader(std::vector<PackIssue>& errors, const PackLimits& limits)
      : errors_(errors), limits_(limits) {}

  void error(std::string path, std::string code, std::string message) {
    errors_.push_back({std::move(path), std::move(code), std::move(message)});
  }
  const PackLimits& limits() const { return limits_; }
  // Word sequences the checked patterns stand for so far (a load-time budget).
  size_t sequences = 0;
  bool over_budget = false;

  // Parses the whole document; on failure records "invalid_json" (or
  // "pack_too_large") with the byte offset of the problem.
  bool parse_document(std::string_view text, nlohmann::json& out);

  // `j` must be an object whose keys are all in `allowed` (or start with "$",
  // which is free for comments). Records wrong_type / unknown_field.
  bool expect_object(const nlohmann::json& j, const std::string& path,
                     const std::vector<std::string>& allowed);
  bool expect_object(const nlohmann::json& j, const std::string& path,
                     std::initializer_list<const char*> allowed);

  // Reads obj[key] into `out` when present; records missing_field, wrong_type,
  // string_too_long. Leaves `out` unchanged when absent or wrong.
  void string_field(const nlohmann::json& obj, const std::string& path, const std::string& key,
                    std::string& out, bool required);
  // Reads an array of non-empty strings; records too_many_items and empty_string.
  void string_list(const nlohmann::json& obj, const std::string& path, const std::string& key,
                   std::vector<std::string>& out, size_t max_items, bool required,
                   const char* empty_code = "empty_string");
  void read_settings(const nlohmann::json& doc, PackSettings& settings);

 private:
  std::vector<PackIssue>& errors_;
  const PackLimits& limits_;
};

}  // namespace rapport::review

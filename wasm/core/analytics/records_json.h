// Reading scored records (records.h) from JSON: an array of objects, e.g.
//   [{"conversation":"c1","at":"2020-04-01T17:31:32Z","role":"customer",
//     "sentiment":-0.6,"priority":0.8,"emotion":"anger","cues":["urgency"]}, ...]
// The field list is in shared/api/README.md ("Analytics").
#pragma once
#include <string>
#include <string_view>

#include "analytics/records.h"

namespace rapport::analytics {

struct AppendResult {
  bool ok = true;
  size_t added = 0;
  size_t index = 0;      // on error: the record (0-based in this call) ...
  std::string field;     // ... and its field
  std::string message;
};

// Appends every record of `json` to `data`, or none: on the first bad record
// the dataset is left exactly as it was and the result names it.
AppendResult append_records_json(std::string_view json, Dataset* data);

std::string append_result_json(const AppendResult& result, size_t total);

}  // namespace rapport::analytics

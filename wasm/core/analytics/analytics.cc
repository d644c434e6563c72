#include "analytics/analytics.h"

#include "analytics/records_json.h"
#include "output/json_writer.h"

namespace rapport::analytics {

std::string Analytics::append(std::string_view records_json) {
  AppendResult result = append_records_json(records_json, &data_);
  if (result.ok) ensure_index(&data_);
  return append_result_json(result, data_.records.size());
}

std::string Analytics::query(std::string_view query_json) {
  Query q;
  std::string error;
  if (!parse_query(query_json, data_.strings, &q, &error)) {
    std::string out = "{\"error\":{\"message\":";
    append_json_string(out, error);
    return out + "}}";
  }
  return report_json(run_query(q, &data_), q, data_);
}

}  // namespace rapport::analytics

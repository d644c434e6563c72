// The dashboard analytics as plain values: JSON records in, JSON reports
// out. One Analytics object holds one dataset; the wasm binding keeps one per
// instance (wasm/binding/analytics_bindings.cc), the native tool its own.
#pragma once
#include <string>
#include <string_view>

#include "analytics/records.h"
#include "analytics/report.h"

namespace rapport::analytics {

class Analytics {
 public:
  // {"ok":true,"added":n,"total":N} or {"ok":false,"error":{"record","field","message"}};
  // on error nothing of `records_json` is kept.
  std::string append(std::string_view records_json);
  // The report for `query_json` (filter.h), or {"error":{"message"}}.
  std::string query(std::string_view query_json);
  void clear() { data_.clear(); }
  size_t size() const { return data_.records.size(); }
  const Dataset& data() const { return data_; }

 private:
  Dataset data_;
};

std::string report_json(const Report& report, const Query& query, const Dataset& data);

}  // namespace rapport::analytics

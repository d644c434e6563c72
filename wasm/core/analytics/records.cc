#include "analytics/records.h"

namespace rapport::analytics {

uint32_t StringPool::intern(std::string_view s) {
  auto it = ids_.find(std::string(s));
  if (it != ids_.end()) return it->second;
  uint32_t id = static_cast<uint32_t>(names_.size());
  names_.emplace_back(s);
  ids_.emplace(names_.back(), id);
  return id;
}

int64_t StringPool::find(std::string_view s) const {
  auto it = ids_.find(std::string(s));
  return it == ids_.end() ? -1 : static_cast<int64_t>(it->second);
}

int cue_bit(std::string_view name) {
  for (int i = 0; i < kCueCount; ++i) {
    if (name == kCueNames[i]) return i;
  }
  return -1;
}

}  // namespace rapport::analytics

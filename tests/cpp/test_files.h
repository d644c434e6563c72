// File reading shared by the GoogleTest files that load fixtures and packs.
#pragma once
#include <fstream>
#include <sstream>
#include <string>

namespace rapport::testing {

// The whole file as bytes; empty when it cannot be read (the caller's parse
// then fails with a message that names the file).
inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace rapport::testing

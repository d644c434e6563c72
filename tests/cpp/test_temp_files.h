// Scratch files for the GoogleTest files that feed a reader from disk.
// ctest runs every test as a process of its own, several at once, so each
// test writes files named after its suite and itself: one test's file is
// never read while another rewrites it.
#pragma once
#include <gtest/gtest.h>

#include <fstream>
#include <string>

namespace rapport::test_temp {

// Where the running test's scratch file `name` lives (nothing is written).
inline std::string temp_path(const std::string& name) {
  const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::string owner = test ? std::string(test->test_suite_name()) + "-" + test->name() : "none";
  return ::testing::TempDir() + owner + "-" + name;
}

// Writes `content` byte for byte to the running test's scratch file `name`;
// returns its path.
inline std::string write_temp(const std::string& name, const std::string& content) {
  const std::string path = temp_path(name);
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

}  // namespace rapport::test_temp

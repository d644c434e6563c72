// The trainer's command line (models/train/train_options.h): every option of
// the shipped recipe is taken, and a misspelt or stray word stops the run
// instead of training without the option it meant.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../../models/train/train_options.h"

namespace rapport::train {
namespace {

bool parse(std::vector<std::string> words, Options* out, std::string* said = nullptr) {
  words.insert(words.begin(), "rapport_train");
  std::vector<char*> argv;
  for (std::string& w : words) argv.push_back(w.data());
  testing::internal::CaptureStderr();
  const bool ok = parse_options(static_cast<int>(argv.size()), argv.data(), out);
  const std::string err = testing::internal::GetCapturedStderr();
  if (said) *said = err;
  return ok;
}

TEST(TrainOptions, RecipeOptionsAreTakenOverTheDefaults) {
  Options o;
  ASSERT_TRUE(parse({"--data", "d", "--out", "o", "--xed-weight", "0.3", "--guard-scopes", "all",
                     "--weak-combine", "posterior", "--char-min", "4"},
                    &o));
  EXPECT_EQ(o["xed-weight"], "0.3");
  EXPECT_EQ(o["guard-scopes"], "all");
  EXPECT_EQ(o["char-min"], "4");
  EXPECT_EQ(o["epochs"], "10");  // a default left as it is
  EXPECT_EQ(o.count("fixture"), 0u);
}

TEST(TrainOptions, MisspeltOptionIsRefusedByName) {
  Options o;
  std::string said;
  EXPECT_FALSE(parse({"--data", "d", "--out", "o", "--xed-wieght", "0.3"}, &o, &said));
  EXPECT_NE(said.find("argument 5, \"--xed-wieght\": not an option"), std::string::npos) << said;
}

TEST(TrainOptions, StrayWordAndMissingValueAreRefused) {
  Options o;
  std::string said;
  EXPECT_FALSE(parse({"--data", "d", "stray", "--out", "o"}, &o, &said));
  EXPECT_NE(said.find("\"stray\": not an option"), std::string::npos) << said;
  EXPECT_FALSE(parse({"--data", "d", "--out", "o", "--seed"}, &o, &said));
  EXPECT_NE(said.find("\"--seed\": no value follows"), std::string::npos) << said;
}

TEST(TrainOptions, DataAndOutAreRequired) {
  Options o;
  std::string said;
  EXPECT_FALSE(parse({"--data", "d"}, &o, &said));
  EXPECT_NE(said.find("usage: rapport_train"), std::string::npos) << said;
}

}  // namespace
}  // namespace rapport::train

// The trainer's team-label reader (models/train/train_labels.h): labels of
// twcc test customer turns are joined to their texts by id; a line that does
// not join or does not parse stops training with the file and line.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "../../models/train/train_labels.h"

namespace rapport::train {
namespace {

std::string write_temp(const std::string& name, const std::string& content) {
  const std::string path = ::testing::TempDir() + name;
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

const char* const kSplit = R"([
  {"dialogHeader": {"sessionID": "abc"}, "dialogContent": [
    {"client": "u1", "message": "my order never arrived"},
    {"agent": "a1", "message": "Sorry to hear that, DM us"},
    {"client": "u1", "message": "thanks, all fixed!"}]},
  {"dialogHeader": {"sessionID": "xyz"}, "dialogContent": [
    {"client": "u2", "message": "how do I change my email?"}]}
])";

std::vector<TwccTurn> turns() {
  std::vector<TwccTurn> t;
  EXPECT_TRUE(load_twcc_turns_with_ids(write_temp("split.json", kSplit), "test", &t));
  return t;
}

TEST(TeamLabels, CustomerTurnsAreNamedBySessionAndTurnIndex) {
  const std::vector<TwccTurn> t = turns();
  ASSERT_EQ(t.size(), 3u);  // the agent turn is not a customer turn
  EXPECT_EQ(t[0].id, "test-abc-0");
  EXPECT_EQ(t[1].id, "test-abc-2");
  EXPECT_EQ(t[1].text, "thanks, all fixed!");
  EXPECT_EQ(t[2].id, "test-xyz-0");
}

TEST(TeamLabels, LabelsJoinTheirTextsById) {
  const std::string labels = write_temp("labels.jsonl",
      R"({"id":"test-xyz-0","sentiment":"neutral","emotion":"neutral","urgent":0})" "\n\n"
      R"({"id":"test-abc-0","sentiment":"negative","emotion":"frustrated","urgent":1})" "\n");
  std::vector<LabelledTurn> out;
  std::string error;
  ASSERT_TRUE(load_labelled_turns(labels, "split.json", turns(), &out, &error)) << error;
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].text, "how do I change my email?");
  EXPECT_EQ(out[0].sentiment, kNeutral);
  EXPECT_EQ(out[1].text, "my order never arrived");
  EXPECT_EQ(out[1].sentiment, kNegative);
  EXPECT_EQ(std::string(kEmotionGroupNames[out[1].emotion_group]), "frustrated");
  EXPECT_TRUE(out[1].urgent);
}

std::string error_of(const std::string& second_line) {
  const std::string labels = write_temp("bad.jsonl",
      std::string(R"({"id":"test-abc-0","sentiment":"negative","emotion":"frustrated","urgent":0})") + "\n" +
      second_line + "\n");
  std::vector<LabelledTurn> out;
  std::string error;
  EXPECT_FALSE(load_labelled_turns(labels, "split.json", turns(), &out, &error)) << second_line;
  return error;
}

TEST(TeamLabels, AnUnknownIdOrAnInvalidLabelNamesFileAndLine) {
  const std::string where = ::testing::TempDir() + "bad.jsonl:2: ";
  EXPECT_EQ(error_of(R"({"id":"test-abc-1","sentiment":"neutral","emotion":"neutral","urgent":0})"),
            where + "id \"test-abc-1\" is no customer turn of split.json");
  EXPECT_EQ(error_of(R"({"id":"test-abc-0","sentiment":"neutral","emotion":"neutral","urgent":0})"),
            where + "id \"test-abc-0\" labelled twice");
  EXPECT_EQ(error_of(R"({"id":"test-abc-2","sentiment":"happy","emotion":"happy","urgent":0})"),
            where + "\"sentiment\" must be negative, neutral or positive, got \"happy\"");
  EXPECT_NE(error_of(R"({"id":"test-abc-2","sentiment":"positive","emotion":"joy","urgent":0})")
                .find(where + "\"emotion\" must be one of"), std::string::npos);
  EXPECT_EQ(error_of(R"({"id":"test-abc-2","sentiment":"positive","emotion":"happy","urgent":"yes"})"),
            where + "\"urgent\" must be 0 or 1, got \"yes\"");
  EXPECT_EQ(error_of(R"({"id":7})"), where + "expected a string \"id\"");
  EXPECT_EQ(error_of("not json"), where + "not a JSON object");
}

}  // namespace
}  // namespace rapport::train

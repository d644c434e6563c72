// The trainer's team-label reader (models/train/train_labels.h): labels of
// twcc test customer turns, BANKING77 train queries and Bitext requests are
// joined to their texts by id; a line that does not join or does not parse
// stops training with the file and line.
#include <gtest/gtest.h>

#include <cstdio>

#include "test_temp_files.h"
#include "../../models/train/train_labels.h"

namespace rapport::train {
namespace {

using test_temp::temp_path;
using test_temp::write_temp;

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
  const std::string where = temp_path("bad.jsonl") + ":2: ";
  EXPECT_EQ(error_of(R"({"id":"test-abc-1","sentiment":"neutral","emotion":"neutral","urgent":0})"),
            where + "id \"test-abc-1\" names no text of split.json");
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

TEST(TeamLabels, Banking77QueriesAreNamedByTheirLineNumberCountingTheHeader) {
  const std::string tsv = write_temp("banking.tsv",
      "text\tlabel\nWhere is my card?\tcard_arrival\n\tempty_text\nI was charged twice\tduplicate_charge\n");
  std::vector<IdText> t;
  ASSERT_TRUE(load_banking77_with_ids(tsv, "banking77-train", &t));
  ASSERT_EQ(t.size(), 2u);  // a line with no text before its tab is no query
  EXPECT_EQ(t[0].id, "banking77-train-2");
  EXPECT_EQ(t[0].text, "Where is my card?");
  EXPECT_EQ(t[1].id, "banking77-train-4");
  EXPECT_EQ(t[1].text, "I was charged twice");
}

TEST(TeamLabels, BitextRowsAreNamedByTheirDataRowAsCsvReadersCountThem) {
  // A quoted field over two lines is one row; a blank line is none.
  const std::string csv = write_temp("bitext.csv",
      "flags,instruction,category,intent,tags\n"
      "B,\"cancel order 12, please\",ORDER,cancel_order,B\n"
      "\n"
      "BW,\"why is my refund\nSO late\",REFUND,complaint,W\n"
      "B,help me with my invoice,INVOICE,get_invoice,B\n");
  std::vector<IdText> t;
  std::vector<size_t> csv_row;
  ASSERT_TRUE(load_bitext_with_ids(csv, &t, &csv_row));
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0].id, "bitext-row-0");
  EXPECT_EQ(t[0].text, "cancel order 12, please");
  EXPECT_EQ(t[1].id, "bitext-row-1");
  EXPECT_EQ(t[1].text, "why is my refund\nSO late");
  EXPECT_EQ(t[2].id, "bitext-row-2");
  // load_bitext leaves the labelled rows out of its train and dev splits.
  std::vector<Example> train, dev;
  ASSERT_TRUE(load_bitext(csv, &train, &dev));
  const size_t all = train.size() + dev.size();
  EXPECT_EQ(all, 3u);
  const std::set<size_t> skip = {csv_row[1]};
  train.clear(), dev.clear();
  ASSERT_TRUE(load_bitext(csv, &train, &dev, &skip));
  ASSERT_EQ(train.size() + dev.size(), 2u);
  for (const auto* set : {&train, &dev})
    for (const Example& e : *set) EXPECT_NE(e.text, "why is my refund\nSO late");
}

TEST(TeamLabels, LabelsOfSeveralSourcesJoinAndAnIdInTwoFilesIsRefused) {
  std::vector<IdText> texts = turns();
  texts.push_back({"banking77-train-2", "Where is my card?"});
  texts.push_back({"bitext-row-0", "cancel order 12, please"});
  const std::string a = write_temp("a.jsonl",
      R"({"id":"banking77-train-2","sentiment":"neutral","emotion":"neutral","urgent":0})" "\n"
      R"({"id":"test-abc-0","sentiment":"negative","emotion":"frustrated","urgent":0})" "\n");
  const std::string b = write_temp("b.jsonl",
      R"({"id":"bitext-row-0","sentiment":"neutral","emotion":"neutral","urgent":0})" "\n"
      R"({"id":"test-abc-0","sentiment":"negative","emotion":"angry","urgent":0})" "\n");
  std::set<std::string> seen;
  std::vector<LabelledTurn> out;
  std::string error;
  ASSERT_TRUE(load_labelled_turns(a, "sources", texts, &out, &error, &seen)) << error;
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].text, "Where is my card?");
  EXPECT_FALSE(load_labelled_turns(b, "sources", texts, &out, &error, &seen));
  EXPECT_EQ(error, b + ":2: id \"test-abc-0\" labelled twice");
  EXPECT_EQ(out.back().text, "cancel order 12, please");  // line 1 joined before line 2 failed
  EXPECT_FALSE(load_labelled_turns(a, "sources", {}, &out, &error));
  EXPECT_EQ(error, a + ":1: id \"banking77-train-2\" names no text of sources");
}

TEST(TeamLabels, TeamWrittenRowsCarryTheirOwnTextAndNoOtherRowDoes) {
  const std::string written = write_temp("written.jsonl",
      R"({"id":"team-A-001","text":"@AirCo 3rd delay this week, unreal","sentiment":"negative","emotion":"frustrated","urgent":0})" "\n"
      R"({"id":"team-A-002","text":"how do I add a bag to my booking?","sentiment":"neutral","emotion":"neutral","urgent":0})" "\n");
  std::vector<LabelledTurn> out;
  std::string error;
  ASSERT_TRUE(load_labelled_turns(written, "sources", {}, &out, &error)) << error;  // no source text needed
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].text, "@AirCo 3rd delay this week, unreal");
  EXPECT_EQ(out[1].sentiment, kNeutral);

  const std::string no_text = write_temp("no-text.jsonl",
      R"({"id":"team-A-003","sentiment":"neutral","emotion":"neutral","urgent":0})" "\n");
  EXPECT_FALSE(load_labelled_turns(no_text, "sources", {}, &out, &error));
  EXPECT_EQ(error, no_text + ":1: a team-written row (id \"team-A-003\") needs a non-empty string \"text\"");
  const std::string text_on_source_row = write_temp("text-on-source.jsonl",
      R"({"id":"test-abc-0","text":"something else","sentiment":"negative","emotion":"angry","urgent":0})" "\n");
  EXPECT_FALSE(load_labelled_turns(text_on_source_row, "split.json", turns(), &out, &error));
  EXPECT_EQ(error, text_on_source_row + ":1: only team-written rows (ids team-...) carry a \"text\"; id \"test-abc-0\" has one");
}

TEST(TeamLabels, OutOfFoldPredictionsRoundTripAndEveryRowComesOnce) {
  const std::vector<std::string> ids = {"test-abc-0", "test-abc-2", "test-xyz-0"};
  const std::string a = write_temp("fold0.txt", oof_line(0, ids[0], {0.5f, 0.25f, 0.25f}) + oof_line(2, ids[2], {0.1f, 0.8f, 0.1f}));
  const std::string b = write_temp("fold1.txt", oof_line(1, ids[1], {0.f, 0.125f, 0.875f}));
  std::vector<std::array<float, 3>> p;
  std::string error;
  ASSERT_TRUE(load_oof_predictions(a + "," + b, ids, &p, &error)) << error;
  EXPECT_EQ(p[0], (std::array<float, 3>{0.5f, 0.25f, 0.25f}));
  EXPECT_EQ(p[1], (std::array<float, 3>{0.f, 0.125f, 0.875f}));
  EXPECT_EQ(p[2], (std::array<float, 3>{0.1f, 0.8f, 0.1f}));  // %.9g gives floats back exactly

  EXPECT_FALSE(load_oof_predictions(a, ids, &p, &error));
  EXPECT_EQ(error, "--oof-in has no prediction for labelled row 1 (test-abc-2)");
  EXPECT_FALSE(load_oof_predictions(a + "," + a, ids, &p, &error));
  EXPECT_EQ(error, a + ": row 0 (test-abc-0) is not a labelled row of --labels, or is there twice");
  const std::string wrong_id = write_temp("wrong.txt", oof_line(1, "test-abc-9", {0.f, 1.f, 0.f}));
  EXPECT_FALSE(load_oof_predictions(wrong_id, ids, &p, &error));
  EXPECT_EQ(error, wrong_id + ": row 1 (test-abc-9) is not a labelled row of --labels, or is there twice");
  EXPECT_FALSE(load_oof_predictions(temp_path("missing.txt"), ids, &p, &error));
  EXPECT_EQ(error, "cannot read --oof-in " + temp_path("missing.txt"));
}

}  // namespace
}  // namespace rapport::train

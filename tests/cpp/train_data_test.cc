// The trainer's sentiment-only TSV reader (models/train/train_data.h,
// load_sentiment_tsv): XED subtitle lines (--xed-weight) and UCI review
// sentences (--uci-weight) go through the same code. Which rows are kept, with
// which class and weight; a malformed row stops training with file and line.
#include <gtest/gtest.h>

#include "test_temp_files.h"
#include "../../models/train/train_data.h"

namespace rapport::train {
namespace {

using test_temp::temp_path;
using test_temp::write_temp;

// The layout of xed_en/annotated.tsv, one row of each polarity.
const char* const kXed =
    "text\tlabel\tlabel_ids\tpolarity\n"
    "A man is going to die .\tanger,sadness\t1,6\tnegative\n"
    "Yeah I was just telling him.\tneutral\t0\tneutral\n"
    "We'll have a whole factory .\tanticipation\t2\tpositive\n"
    "A beautiful woman like you ?\tsurprise\t7\tambiguous\n"
    "After them ! After them !\tanger,anticipation\t1,2\tmixed\n"
    "\n"
    "All the officers were disloyal .\tanger,surprise\t1,7\tnegative\n";

TEST(SentimentTsv, XedKeepsPolarRowsAndNeutralLinesAtTheirWeight) {
  std::vector<Example> train(1);  // rows are appended, not replacing what is there
  std::string error;
  SentimentTsvCounts n;
  ASSERT_TRUE(load_sentiment_tsv(write_temp("xed.tsv", kXed), kXedPolarity, 0.3f, &train, &error, &n)) << error;
  ASSERT_EQ(train.size(), 5u);
  const struct {
    const char* text;
    int8_t sentiment;
  } want[] = {{"A man is going to die .", kNegative},
              {"Yeah I was just telling him.", kNeutral},
              {"We'll have a whole factory .", kPositive},
              {"All the officers were disloyal .", kNegative}};
  for (size_t i = 0; i < 4; ++i) {
    const Example& e = train[i + 1];
    EXPECT_EQ(e.text, want[i].text);
    EXPECT_EQ(e.sentiment, want[i].sentiment) << e.text;
    EXPECT_FLOAT_EQ(e.sentiment_weight, 0.3f) << e.text;
    EXPECT_FALSE(e.has_emotions) << e.text;  // sentiment only: the emotion loss is masked
  }
  EXPECT_EQ(n.kept, (std::array<int, 3>{2, 1, 1}));
  EXPECT_EQ(n.left_out, 2);  // ambiguous (surprise only) and mixed
}

TEST(SentimentTsv, UciKeepsAmazonAndYelpRows) {
  const std::string path = write_temp("uci.tsv",
                                      "text\tlabel\tsource\r\n"
                                      "Waited 40 minutes.\t0\tyelp\r\n"
                                      "A masterpiece.\t1\timdb\r\n"
                                      "Good case, Excellent value.\t1\tamazon\r\n");
  std::vector<Example> train;
  std::string error;
  SentimentTsvCounts n;
  ASSERT_TRUE(load_sentiment_tsv(path, kUciSentences, 1.f, &train, &error, &n)) << error;
  ASSERT_EQ(train.size(), 2u);
  EXPECT_EQ(train[0].text, "Waited 40 minutes.");
  EXPECT_EQ(train[0].sentiment, kNegative);
  EXPECT_EQ(train[1].sentiment, kPositive);
  EXPECT_EQ(n.left_out, 1);  // the imdb row
}

std::string error_of(const std::string& content) {
  std::vector<Example> train;
  std::string error;
  EXPECT_FALSE(load_sentiment_tsv(write_temp("bad.tsv", content), kXedPolarity, 1.f, &train, &error)) << content;
  return error;
}

TEST(SentimentTsv, ABadRowNamesFileAndLine) {
  const std::string head = "text\tlabel\tlabel_ids\tpolarity\nfine .\tjoy\t5\tpositive\n";
  const std::string where = temp_path("bad.tsv") + ":3: ";
  EXPECT_EQ(error_of(head + "what ?\tsurprise\t7\tsurprised\n"), where + "unknown polarity \"surprised\"");
  EXPECT_EQ(error_of(head + "no tabs here\n"), where + "expected 4 tab-separated fields, found 1");
  EXPECT_EQ(error_of(head + "a\tjoy\t5\tpositive\textra\n"), where + "expected 4 tab-separated fields, found 5");
  EXPECT_EQ(error_of(head + " \tjoy\t5\tpositive\n"), where + "empty text");
  EXPECT_EQ(error_of("text\tlabel\n"), temp_path("bad.tsv") + ":1: no column \"polarity\" in the header");
}

TEST(SentimentTsv, AMissingFileIsNamed) {
  std::vector<Example> train;
  std::string error;
  EXPECT_FALSE(load_sentiment_tsv(temp_path("absent.tsv"), kXedPolarity, 1.f, &train, &error));
  EXPECT_EQ(error, "cannot read " + temp_path("absent.tsv"));
  EXPECT_TRUE(train.empty());
}

}  // namespace
}  // namespace rapport::train

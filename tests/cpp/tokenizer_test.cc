// Tokenizer: words, contractions, numbers, order ids, punctuation runs,
// flags, sentences, emoji, emoticons, URLs, emails, mentions, hashtags.
#include "tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "utf8.h"

namespace rapport {
namespace {

// "kind:norm" for every token, so a failure prints the whole token stream.
std::vector<std::string> Dump(std::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : tokenize(text).tokens)
    out.push_back(std::string(token_kind_name(t.kind)) + ":" + t.norm);
  return out;
}

using V = std::vector<std::string>;

TEST(Tokenizer, WordsAndContractions) {
  EXPECT_EQ(Dump("I don't know, y'all"),
            (V{"word:i", "word:don't", "word:know", "punct:,", "word:y'all"}));
  EXPECT_EQ(Dump("I can\u2019t believe I'm here"),
            (V{"word:i", "word:can't", "word:believe", "word:i'm", "word:here"}));
  EXPECT_EQ(Dump("'em students' follow-up"),
            (V{"punct:'", "word:em", "word:students", "punct:'", "word:follow-up"}));
}

TEST(Tokenizer, SpansAreBytesOfTheSource) {
  const std::string text = "Hi caf\xC3\xA9!";
  const Tokenized t = tokenize(text);
  ASSERT_EQ(t.tokens.size(), 3u);
  EXPECT_EQ(t.tokens[1].span, (Span{3, 8}));
  EXPECT_EQ(t.tokens[1].norm, "caf\xC3\xA9");
  EXPECT_EQ(t.tokens[2].span, (Span{8, 9}));
}

TEST(Tokenizer, NumbersAndOrderIds) {
  EXPECT_EQ(Dump("3.5 1,000 24/7 10:30 42"),
            (V{"number:3.5", "number:1,000", "number:24/7", "number:10:30", "number:42"}));
  EXPECT_EQ(Dump("A1B2C3 ORD-2291 #12345"),
            (V{"order_id:a1b2c3", "order_id:ord-2291", "order_id:#12345"}));
  EXPECT_EQ(Dump("3rd 10am $20 50%"),
            (V{"number:3rd", "number:10am", "symbol:$", "number:20", "number:50", "punct:%"}));
  EXPECT_EQ(Dump("1,2"), (V{"number:1", "punct:,", "number:2"}));
}

TEST(Tokenizer, PunctuationRuns) {
  EXPECT_EQ(Dump("what?!?! no... ok!!!"),
            (V{"word:what", "punct:?!?!", "word:no", "punct:...", "word:ok", "punct:!!!"}));
  EXPECT_EQ(Dump("wait\u2026 \uFF01"), (V{"word:wait", "punct:...", "punct:!"}));
  const Tokenized t = tokenize(std::string(20, '!'));
  ASSERT_EQ(t.tokens.size(), 1u);
  EXPECT_EQ(t.tokens[0].norm, std::string(kMaxPunctNorm, '!'));
  EXPECT_EQ(t.tokens[0].span, (Span{0, 20}));
}

TEST(Tokenizer, AllCapsAndCapitalizedFlags) {
  const Tokenized t = tokenize("NEVER again I Said OK");
  ASSERT_EQ(t.tokens.size(), 5u);
  EXPECT_TRUE(t.tokens[0].flags & kAllCaps);
  EXPECT_EQ(t.tokens[0].norm, "never");
  EXPECT_FALSE(t.tokens[1].flags & (kAllCaps | kCapitalized));
  EXPECT_FALSE(t.tokens[2].flags & kAllCaps);  // a single letter is not shouting
  EXPECT_TRUE(t.tokens[3].flags & kCapitalized);
  EXPECT_TRUE(t.tokens[4].flags & kAllCaps);
  EXPECT_TRUE(tokenize("\xD0\x9D\xD0\x95\xD0\xA2").tokens[0].flags & kAllCaps);  // "НЕТ"
}

TEST(Tokenizer, ElongationCollapsesToTwo) {
  const Tokenized t = tokenize("sooo pleeeease good Hmmmm");
  ASSERT_EQ(t.tokens.size(), 4u);
  EXPECT_EQ(t.tokens[0].norm, "soo");
  EXPECT_TRUE(t.tokens[0].flags & kElongated);
  EXPECT_EQ(t.tokens[1].norm, "pleease");
  EXPECT_EQ(t.tokens[2].norm, "good");
  EXPECT_FALSE(t.tokens[2].flags & kElongated);
  EXPECT_EQ(t.tokens[3].norm, "hmm");
  EXPECT_TRUE(t.tokens[3].flags & kElongated);
}

TEST(Tokenizer, NonAsciiWordsLowerCased) {
  EXPECT_EQ(Dump("\xC2\xBF" "D\xC3\x93NDE est\xC3\xA1?"),  // "¿DÓNDE está?"
            (V{"punct:\xC2\xBF", "word:d\xC3\xB3nde", "word:est\xC3\xA1", "punct:?"}));
  EXPECT_EQ(Dump("\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82"),  // "Привет"
            (V{"word:\xD0\xBF\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82"}));
  EXPECT_EQ(Dump("\xE4\xBD\xA0\xE5\xA5\xBD\xE3\x80\x82"),  // "你好。"
            (V{"word:\xE4\xBD\xA0\xE5\xA5\xBD", "punct:."}));
}

TEST(Tokenizer, SentenceBoundaries) {
  const Tokenized t = tokenize("Hi there. How are you? Fine!!\nBye");
  ASSERT_EQ(t.sentences.size(), 4u);
  EXPECT_EQ(t.sentences[0], (Span{0, 9}));
  EXPECT_EQ(t.sentences[1], (Span{10, 22}));
  EXPECT_EQ(t.sentences[2], (Span{23, 29}));
  EXPECT_EQ(t.sentences[3], (Span{30, 33}));
  EXPECT_EQ(t.tokens.back().sentence, 3);
}

TEST(Tokenizer, NoSentenceBreakInsideAbbreviationsNumbersUrls) {
  EXPECT_EQ(tokenize("Mr. Smith paid 3.5 dollars, e.g. by card").sentences.size(), 1u);
  EXPECT_EQ(tokenize("see http://example.com/a.b for help").sentences.size(), 1u);
  EXPECT_EQ(tokenize("well... ok then").sentences.size(), 1u);
  EXPECT_EQ(Dump("e.g. U.S.A."), (V{"word:e.g.", "word:u.s.a."}));
}

TEST(Tokenizer, ClosingQuoteAndEmojiStayInTheirSentence) {
  const Tokenized t = tokenize("I said \"no!\" Then I left. Thanks! \xF0\x9F\x98\x8A See you");
  ASSERT_EQ(t.sentences.size(), 4u);
  EXPECT_EQ(t.sentences[0], (Span{0, 12}));  // the closing quote included
  for (const Token& tok : t.tokens) {
    if (tok.kind == TokenKind::Emoji) EXPECT_EQ(tok.sentence, 2);
  }
  EXPECT_EQ(t.tokens.back().sentence, 3);
}

TEST(Tokenizer, EmptyAndWhitespaceOnly) {
  EXPECT_TRUE(tokenize("").tokens.empty());
  EXPECT_TRUE(tokenize("").sentences.empty());
  const Tokenized t = tokenize(" \t\n\r\n \xC2\xA0 \xE3\x80\x80");
  EXPECT_TRUE(t.tokens.empty());
  EXPECT_TRUE(t.sentences.empty());
}

}  // namespace
}  // namespace rapport

// Tokenizer: words, contractions, numbers, order ids, punctuation runs,
// flags, sentences, emoji, emoticons, URLs, emails, mentions, hashtags.
#include "text/tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "text/utf8.h"

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
  EXPECT_EQ(Dump("10mg 60fps 1.5k 20-year-olds 90DF T-70 7:30pm 7:00PM"),
            (V{"number:10mg", "number:60fps", "number:1.5k", "word:20-year-olds",
               "order_id:90df", "order_id:t-70", "number:7:30pm", "number:7:00pm"}));
}

TEST(Tokenizer, PunctuationRuns) {
  EXPECT_EQ(Dump("what?!?! no... ok!!!"),
            (V{"word:what", "punct:?!?!", "word:no", "punct:...", "word:ok", "punct:!!!"}));
  EXPECT_EQ(Dump("wait\u2026 \uFF01"), (V{"word:wait", "punct:...", "punct:!"}));
  EXPECT_EQ(tokenize("what\u203D really\u2047 ok").sentences.size(), 3u);  // ‽ ⁇
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

TEST(Tokenizer, EmojiSequencesAreOneTokenEach) {
  // 👨‍👩‍👧 (ZWJ family), 👍🏽 (skin tone), 🇺🇸 (flag), 1️⃣ (keycap), ❤️ (VS16)
  const std::string family = "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7";
  const std::string thumbs = "\xF0\x9F\x91\x8D";
  const std::string tone = "\xF0\x9F\x8F\xBD";
  const std::string flag = "\xF0\x9F\x87\xBA\xF0\x9F\x87\xB8";
  const std::string keycap = "1\xEF\xB8\x8F\xE2\x83\xA3";
  const std::string heart = "\xE2\x9D\xA4\xEF\xB8\x8F";
  const std::string text = family + thumbs + tone + " " + flag + keycap + heart + "ok";
  const Tokenized t = tokenize(text);
  ASSERT_EQ(t.tokens.size(), 6u);
  EXPECT_EQ(t.tokens[0].norm, family);
  EXPECT_EQ(t.tokens[0].span, (Span{0, static_cast<uint32_t>(family.size())}));
  EXPECT_EQ(t.tokens[1].norm, thumbs);  // skin tone dropped from the norm, kept in the span
  EXPECT_EQ(t.tokens[1].span.end - t.tokens[1].span.begin, 8u);
  EXPECT_EQ(t.tokens[2].norm, flag);
  EXPECT_EQ(t.tokens[3].norm, "1\xE2\x83\xA3");
  EXPECT_EQ(t.tokens[4].norm, "\xE2\x9D\xA4");
  for (int k = 0; k < 5; ++k) EXPECT_EQ(t.tokens[k].kind, TokenKind::Emoji) << k;
  EXPECT_EQ(t.tokens[5].norm, "ok");
}

TEST(Tokenizer, EmojiEdgeCases) {
  // Two flags back to back, a lone regional indicator, a skin tone alone,
  // ZWJ with nothing after it, a text-style symbol without VS16.
  const std::string us = "\xF0\x9F\x87\xBA\xF0\x9F\x87\xB8";
  const std::string de = "\xF0\x9F\x87\xA9\xF0\x9F\x87\xAA";
  EXPECT_EQ(Dump(us + de), (V{"emoji:" + us, "emoji:" + de}));
  EXPECT_EQ(Dump("\xF0\x9F\x87\xBA x"), (V{"emoji:\xF0\x9F\x87\xBA", "word:x"}));
  EXPECT_EQ(Dump("\xF0\x9F\x8F\xBD"), (V{"emoji:\xF0\x9F\x8F\xBD"}));
  EXPECT_EQ(Dump("\xF0\x9F\x98\x80\xE2\x80\x8D"), (V{"emoji:\xF0\x9F\x98\x80"}));
  EXPECT_EQ(Dump("\xC2\xA9 2024"), (V{"symbol:\xC2\xA9", "number:2024"}));
  EXPECT_EQ(Dump("\xC2\xA9\xEF\xB8\x8F"), (V{"emoji:\xC2\xA9"}));
  // 🏴󠁧󠁢󠁳󠁣󠁴󠁿 (Scotland: black flag + tag characters) is one token.
  const std::string scotland =
      "\xF0\x9F\x8F\xB4\xF3\xA0\x81\xA7\xF3\xA0\x81\xA2\xF3\xA0\x81\xB3\xF3\xA0\x81\xA3"
      "\xF3\xA0\x81\xB4\xF3\xA0\x81\xBF";
  EXPECT_EQ(Dump(scotland), (V{"emoji:" + scotland}));
  // 😂😂😂: one token per emoji so valence can count them.
  EXPECT_EQ(Dump("\xF0\x9F\x98\x82\xF0\x9F\x98\x82").size(), 2u);
}

TEST(Tokenizer, Emoticons) {
  EXPECT_EQ(Dump(":) :-( :D ;) :'( XD :/ <3 </3 :-))) :p >:("),
            (V{"emoticon::)", "emoticon::(", "emoticon::D", "emoticon:;)", "emoticon::'(",
               "emoticon:xD", "emoticon::/", "emoticon:<3", "emoticon:</3", "emoticon::)",
               "emoticon::P", "emoticon:>:("}));
  EXPECT_EQ(Dump("sad:( ^_^ -_- T_T"),
            (V{"word:sad", "emoticon::(", "emoticon:^_^", "emoticon:-_-", "emoticon:T_T"}));
  const std::string shrug = "\xC2\xAF\\_(\xE3\x83\x84)_/\xC2\xAF";
  EXPECT_EQ(Dump("idk " + shrug + " B-) 8-)"),
            (V{"word:idk", "emoticon:" + shrug, "emoticon:8)", "emoticon:8)"}));
  EXPECT_EQ(Dump("\xC2\xAF\\\\_(\xE3\x83\x84)_/\xC2\xAF"), (V{"emoticon:" + shrug}));
  EXPECT_EQ(Dump("item 8) B2B"), (V{"word:item", "number:8", "punct:)", "word:b2b"}));
}

TEST(Tokenizer, ThingsThatAreNotEmoticons) {
  EXPECT_EQ(Dump("Note:Please at 10:30 C:\\Users x<3"),
            (V{"word:note", "punct::", "word:please", "word:at", "number:10:30", "word:c",
               "punct::", "punct:\\", "word:users", "word:x", "symbol:<", "number:3"}));
  EXPECT_EQ(Dump("a=(b) Xbox"),
            (V{"word:a", "symbol:=", "punct:(", "word:b", "punct:)", "word:xbox"}));
}

TEST(Tokenizer, Urls) {
  EXPECT_EQ(Dump("see https://Example.com/a?b=1&c=2. ok"),
            (V{"word:see", "url:https://example.com/a?b=1&c=2", "punct:.", "word:ok"}));
  EXPECT_EQ(Dump("(www.shop.com/x_(y))"), (V{"punct:(", "url:www.shop.com/x_(y)", "punct:)"}));
  EXPECT_EQ(Dump("go to amazon.com/orders now"),
            (V{"word:go", "word:to", "url:amazon.com/orders", "word:now"}));
  // A smiley right after a URL: trailing ':' and an unbalanced ')' leave the URL.
  EXPECT_EQ(Dump("http://x.io:)"), (V{"url:http://x.io", "emoticon::)"}));
  EXPECT_EQ(Dump("fine.Thanks"), (V{"word:fine", "punct:.", "word:thanks"}));
  EXPECT_EQ(Dump("http:// oops").front(), "word:http");
}

TEST(Tokenizer, EmailsMentionsHashtags) {
  EXPECT_EQ(Dump("mail John.Smith+x@Mail.Example.co.uk."),
            (V{"word:mail", "email:john.smith+x@mail.example.co.uk", "punct:."}));
  EXPECT_EQ(Dump("@Alice #Fail #12345 #1 we're"),
            (V{"mention:@alice", "hashtag:#fail", "order_id:#12345", "punct:#", "number:1",
               "word:we're"}));
  EXPECT_EQ(Dump("a@b"), (V{"word:a", "punct:@", "word:b"}));
}

TEST(Tokenizer, ExcitedOnesJoinTheBangRun) {
  EXPECT_EQ(Dump("now!!!1 ok!!11 wow!!1one"),
            (V{"word:now", "punct:!!!!", "word:ok", "punct:!!!!", "word:wow", "punct:!!",
               "number:1one"}));
}

TEST(Tokenizer, MissingSpaceAfterPeriod) {
  EXPECT_EQ(tokenize("wait.What is this").sentences.size(), 2u);
  EXPECT_EQ(tokenize("open file.txt and Node.JS now").sentences.size(), 1u);
}

TEST(Tokenizer, GreekFinalSigma) {
  // "ΟΔΥΣΣΕΑΣ" -> "οδυσσεας": the last sigma takes its final form.
  EXPECT_EQ(Dump("\xCE\x9F\xCE\x94\xCE\xA5\xCE\xA3\xCE\xA3\xCE\x95\xCE\x91\xCE\xA3"),
            (V{"word:\xCE\xBF\xCE\xB4\xCF\x85\xCF\x83\xCF\x83\xCE\xB5\xCE\xB1\xCF\x82"}));
}

TEST(Tokenizer, HashOrderIdsVersusHashtags) {
  EXPECT_EQ(Dump("#A-123 #AB12345 #covid19 #follow-up #123 #A1B2 #blessed2024"),
            (V{"order_id:#a-123", "order_id:#ab12345", "hashtag:#covid19", "hashtag:#follow",
               "punct:-", "word:up", "order_id:#123", "order_id:#a1b2",
               "hashtag:#blessed2024"}));
}

TEST(Tokenizer, ZeroWidthJoinerInsideAWordKeepsItWhole) {
  // Malayalam "ന്‍" style sequence: letter, virama-like mark, ZWJ, letter.
  const std::string word = "\xE0\xB4\xA8\xE0\xB5\x8D\xE2\x80\x8D\xE0\xB4\x95";
  EXPECT_EQ(Dump(word + " ok"), (V{"word:" + word, "word:ok"}));
}

TEST(Tokenizer, EmptyAndWhitespaceOnly) {
  EXPECT_TRUE(tokenize("").tokens.empty());
  EXPECT_TRUE(tokenize("").sentences.empty());
  const Tokenized t = tokenize(" \t\n\r\n \xC2\xA0 \xE3\x80\x80");
  EXPECT_TRUE(t.tokens.empty());
  EXPECT_TRUE(t.sentences.empty());
}

// Structural invariants every tokenization must keep, whatever the input.
void ExpectWellFormed(const std::string& text, const Tokenized& t) {
  uint32_t prev_end = 0;
  for (const Token& tok : t.tokens) {
    ASSERT_LT(tok.span.begin, tok.span.end);
    ASSERT_LE(prev_end, tok.span.begin);
    ASSERT_LE(tok.span.end, text.size());
    ASSERT_LE(tok.norm.size(), tok.span.end - tok.span.begin + 2);  // "…" -> "..."
    prev_end = tok.span.end;
    if (tok.sentence < t.sentences.size()) {
      const Span& s = t.sentences[tok.sentence];
      ASSERT_LE(s.begin, tok.span.begin);
      ASSERT_GE(s.end, tok.span.end);
    }
  }
  for (size_t k = 1; k < t.sentences.size(); ++k)
    ASSERT_LE(t.sentences[k - 1].end, t.sentences[k].begin);
}

TEST(TokenizerBadInput, InvalidUtf8BecomesReplacementSymbols) {
  const SanitizedText s = sanitize_utf8("ok\xC0\x80 bad\xED\xA0\x80 \x80\x80!");
  ASSERT_TRUE(s.had_invalid);
  const Tokenized t = tokenize(s.text);
  ExpectWellFormed(s.text, t);
  ASSERT_GE(t.tokens.size(), 4u);
  EXPECT_EQ(t.tokens[0].norm, "ok");
  EXPECT_EQ(t.tokens[1].kind, TokenKind::Symbol);  // U+FFFD U+FFFD as one symbol run
  EXPECT_EQ(t.tokens.back().norm, "!");
}

TEST(TokenizerBadInput, NulBytesAreSpaces) {
  const SanitizedText s = sanitize_utf8(std::string("hi\0there\0\0", 11));
  EXPECT_EQ(Dump(s.text), (V{"word:hi", "word:there"}));
}

TEST(TokenizerBadInput, HundredThousandBangsIsOneToken) {
  const std::string text(100000, '!');
  const Tokenized t = tokenize(text);
  ASSERT_EQ(t.tokens.size(), 1u);
  EXPECT_EQ(t.tokens[0].norm.size(), kMaxPunctNorm);
  EXPECT_EQ(t.tokens[0].span, (Span{0, 100000}));
  EXPECT_EQ(t.sentences.size(), 1u);
}

TEST(TokenizerBadInput, DeeplyRepeatedMixedPunctuation) {
  std::string text;
  for (int k = 0; k < 20000; ++k) text += "?!\xE2\x80\xA6";
  const Tokenized t = tokenize(text);
  ASSERT_EQ(t.tokens.size(), 1u);
  EXPECT_EQ(t.tokens[0].norm, "?!...?!.");
  std::string other;
  for (int k = 0; k < 20000; ++k) other += "-*";  // alternating: one token each, no blow-up
  const Tokenized u = tokenize(other);
  EXPECT_EQ(u.tokens.size(), 40000u);
  ExpectWellFormed(other, u);
}

TEST(TokenizerBadInput, OneMegabyteMessageIsTruncatedThenTokenized) {
  std::string big;
  while (big.size() < (1u << 20)) big += "Sooo ANGRY!!! order #12345 \xF0\x9F\x98\xA1 ";
  const SanitizedText s = sanitize_utf8(big);
  EXPECT_TRUE(s.truncated);
  EXPECT_LE(s.text.size(), kMaxAnalyzedBytes);
  const Tokenized t = tokenize(s.text);
  ExpectWellFormed(s.text, t);
  EXPECT_GT(t.tokens.size(), 10000u);
  EXPECT_LT(t.tokens.size(), kMaxAnalyzedBytes);
}

TEST(TokenizerBadInput, HugeWordAndManySentences) {
  const Tokenized w = tokenize(std::string(60000, 'a'));
  ASSERT_EQ(w.tokens.size(), 1u);
  EXPECT_EQ(w.tokens[0].norm, "aa");
  EXPECT_TRUE(w.tokens[0].flags & kElongated);
  std::string many;
  for (int k = 0; k < 70000; ++k) many += "a.";
  const Tokenized t = tokenize(many);
  EXPECT_EQ(t.sentences.size(), 1u);  // "a.a.a." reads as dotted initials: one word
  std::string lines;
  for (int k = 0; k < 70000; ++k) lines += "a\n";
  const Tokenized l = tokenize(lines);
  ASSERT_EQ(l.sentences.size(), 65536u);  // the last sentence absorbs the rest
  EXPECT_EQ(l.tokens.back().sentence, 65535);
  EXPECT_EQ(l.sentences.back(), (Span{65535 * 2, 70000 * 2 - 1}));
  ExpectWellFormed(lines, l);
}

TEST(TokenizerBadInput, EveryByteValueSurvivesSanitizeAndTokenize) {
  std::string all;
  for (int rep = 0; rep < 3; ++rep)
    for (int b = 0; b < 256; ++b) all.push_back(static_cast<char>(b));
  const SanitizedText s = sanitize_utf8(all);
  const Tokenized t = tokenize(s.text);
  ExpectWellFormed(s.text, t);
  EXPECT_FALSE(t.tokens.empty());
}

// Shapes that once made the tokenizer quadratic (seconds on 60 KB); now each
// finishes in milliseconds. No timing is asserted: a regression shows up as
// a test that takes far too long.
TEST(TokenizerBadInput, PathologicalShapesStayLinear) {
  std::string parens = "http://a" + std::string(60000, ')');
  const Tokenized p = tokenize(parens);
  ASSERT_EQ(p.tokens.size(), 2u);
  EXPECT_EQ(p.tokens[0].norm, "http://a");
  std::string labels, dotted;
  while (labels.size() < 60000) labels += "ab.";
  while (dotted.size() < 60000) dotted += "a.b";
  EXPECT_EQ(tokenize(labels).tokens.size(), 40000u);
  ExpectWellFormed(dotted, tokenize(dotted));
  std::string long_domain = "x@";
  while (long_domain.size() < 60000) long_domain += "ab.";
  EXPECT_NE(tokenize(long_domain).tokens[0].kind, TokenKind::Email);  // > 253-byte domain
}

}  // namespace
}  // namespace rapport

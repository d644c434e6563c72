// Language check: scripts, Latin-script function words, and no false alarms
// on short or letter-free English chat.
#include "analysis/language.h"

#include <gtest/gtest.h>

#include <string>

#include "text/tokenizer.h"

namespace rapport {
namespace {

LanguageGuess guess(const std::string& text) { return detect_language(text, tokenize(text)); }

void ExpectLanguage(const std::string& text, const std::string& code) {
  LanguageGuess g = guess(text);
  EXPECT_EQ(g.code, code) << text;
  EXPECT_EQ(g.supported, code == "en") << text;
  EXPECT_GE(g.confidence, 0.f);
  EXPECT_LE(g.confidence, 1.f);
}

TEST(Language, EnglishSentences) {
  ExpectLanguage("I have been waiting two weeks for my refund and nobody answers", "en");
  ExpectLanguage("The app keeps crashing when I open the settings page", "en");
  ExpectLanguage("Can you please check the status of order 12345?", "en");
  EXPECT_GT(guess("I have been waiting two weeks for my refund and nobody answers").confidence, 0.7f);
}

TEST(Language, LatinScriptLanguagesByFunctionWords) {
  ExpectLanguage("No me gusta el servicio, quiero un reembolso", "es");
  ExpectLanguage("Je suis très déçu, la commande n'est jamais arrivée", "fr");
  ExpectLanguage("Das ist eine Katastrophe, ich will mein Geld zurück", "de");
  ExpectLanguage("Meu pedido ainda não chegou, preciso de ajuda", "pt");
  ExpectLanguage("Il prodotto è arrivato rotto e voglio un rimborso", "it");
  ExpectLanguage("Mijn bestelling is nog niet aangekomen, kunt u mij helpen", "nl");
}

TEST(Language, NonLatinScripts) {
  ExpectLanguage("Мой заказ не пришел, верните деньги", "ru");
  ExpectLanguage("Замовлення не прийшло", "ru");  // Cyrillic reported as "ru"
  ExpectLanguage("我的订单还没到，请帮我查一下", "zh");
  ExpectLanguage("注文した商品が届きません", "ja");
  ExpectLanguage("주문이 아직 도착하지 않았어요", "ko");
  ExpectLanguage("طلبي لم يصل بعد", "ar");
  ExpectLanguage("ההזמנה שלי לא הגיעה", "he");
  ExpectLanguage("मेरा ऑर्डर नहीं आया", "hi");
  ExpectLanguage("Η παραγγελία μου δεν έφτασε", "el");
  ExpectLanguage("คำสั่งซื้อของฉันยังไม่มาถึง", "th");
  ExpectLanguage("ჩემი შეკვეთა არ მოსულა", "und");  // Georgian: not a language we name
}

TEST(Language, ShortOrLetterFreeTextIsEnglishWithLowConfidence) {
  for (const char* text : {"ok", "thanks!!", "\xF0\x9F\x91\x8D", "", "   ", "12345", "!!!", "lol",
                           "gracias", "merci"}) {
    LanguageGuess g = guess(text);
    EXPECT_EQ(g.code, "en") << text;
    EXPECT_TRUE(g.supported) << text;
    EXPECT_LT(g.confidence, 0.5f) << text;
  }
}

TEST(Language, EnglishWithForeignBitsStaysEnglish) {
  ExpectLanguage("Gracias! My order arrived and it is perfect", "en");
  ExpectLanguage("My order 订单 12345 is late and I need it for the party", "en");
  ExpectLanguage("The café sent me the wrong crêpe and I want a refund", "en");
}

TEST(Language, MostlyForeignWithOneEnglishWordIsFlagged) {
  ExpectLanguage("Hola, mi pedido no ha llegado todavía, necesito ayuda por favor, gracias. OK?", "es");
}

}  // namespace
}  // namespace rapport

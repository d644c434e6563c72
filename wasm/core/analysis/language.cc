// Language check: is this message English, the language the lexicon knows?
// Two signals, both cheap: the script of the letters (Cyrillic, Arabic, CJK
// ...), and for Latin text the share of each language's function words.
// Short or letter-free text ("ok", "thanks!!", an emoji) is reported as English
// with low confidence: a false "not supported" there would hide a fine score.
#include "analysis/language.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <vector>

#include "text/utf8.h"

namespace rapport {
namespace {

// Function words and a few support words per Latin-script language. A word in
// several lists ("a", "no", "in") counts 1/k for each of the k languages.
// Left out on purpose: words that English chat often carries for other
// reasons, such as Portuguese "com" (every "[.]com" in a pasted domain).
struct StopList {
  const char* code;
  const char* words;
};
const StopList kStopLists[] = {
    {"en",
     "the a an and or but if of to in on at for with from by about as is are was were be been am "
     "it its it's this that these those i i'm i've i'd me my you you're your we our they their he "
     "she his her him them what which who when where why how not no don't can't won't didn't "
     "doesn't isn't do does did have has had will would can could should just so very please "
     "thanks thank there here get got out up all any some now still more than then too also "
     "want need order refund help account money"},
    {"es",
     "de la que el en y a los se del las un por con no una su para es al lo como más pero sus le "
     "ya o este sí porque esta cuando muy sin sobre también me hasta hay donde desde todo nos "
     "todos uno les ni eso esto mí yo otro él esa estos mucho nada muchos poco ella estar algo mi "
     "mis tú te tu tus estoy está están estaba he has ha hemos han gracias hola favor pedido "
     "ayuda quiero tengo necesito puedo problema cuenta dinero reembolso llegó todavía nunca bien "
     "mal gusta hace qué"},
    {"fr",
     "le la les de des du un une et est en que qui dans pour pas par sur au aux avec ce cette ces "
     "il elle ils elles je j'ai tu vous nous mon ma mes ton ta votre vos notre nos son sa ses ne "
     "plus mais ou où donc car se sont été être avoir ai a avons avez ont fait faire très bien "
     "merci bonjour commande aide toujours jamais rien aussi comme si y c'est n'est suis peux "
     "veux besoin problème compte argent remboursement encore déjà"},
    {"de",
     "der die das und ist nicht ich du er sie es wir ihr mit auf für von zu den dem des ein eine "
     "einen einem einer im ins am auch aber oder wenn noch schon nur sehr kein keine mein meine "
     "meinen dein ihre unser habe hat haben hatte bin bist sind war waren wird werden kann "
     "können muss will danke bitte hallo bestellung hilfe immer nie nichts jetzt heute warum wie "
     "was wo wer weil dass mir mich dir dich uns euch ihnen geld konto problem seit leider gut"},
    {"pt",
     "o a os as de do da dos das em no na nos nas um uma e é que para por não sim mais mas "
     "como se seu sua seus suas meu minha eu você vocês ele ela eles elas nós isso isto esse essa "
     "este esta aqui já ainda nunca muito bem obrigado obrigada olá oi pedido ajuda quero tenho "
     "preciso posso problema conta dinheiro reembolso está estou estão foi ser ter fazer até "
     "quando porque também só nada"},
    {"it",
     "il lo la i gli le di del della dei delle da dal in nel nella con su per tra un una uno e è "
     "che non sì più ma come se anche mio mia miei tuo tua suo sua nostro loro io tu lui lei noi "
     "voi sono sei siamo ho hai ha abbiamo avete hanno era essere avere fare molto bene grazie "
     "ciao ordine aiuto voglio devo posso problema conto soldi rimborso ancora già mai niente "
     "sempre perché quando dove questo questa quello quella ci ne mi ti si"},
    {"nl",
     "de het een en van ik je jij u we wij ze zij hij is zijn was waren ben bent heb hebt heeft "
     "hebben niet geen wel dat die dit deze met op voor aan in uit bij naar om over maar of als "
     "dan ook nog al er hier daar wat wie waar waarom hoe mijn jouw uw ons onze hun dank bedankt "
     "alstublieft hallo bestelling hulp wil moet kan kunnen graag altijd nooit niets nu vandaag "
     "geld rekening probleem terugbetaling"},
};
constexpr int kLatinLanguages = sizeof(kStopLists) / sizeof(kStopLists[0]);
static_assert(kLatinLanguages <= 8, "WordFacts::stop_languages has one bit per list");

enum Script { kLatin, kCyrillic, kGreek, kArabic, kHebrew, kDevanagari, kThai, kHangul, kKana,
              kHan, kOtherScript, kScriptCount };

int script_of(uint32_t cp) {
  if (cp < 0x80) return ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ? kLatin : -1;
  if ((cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x1E00 && cp <= 0x1EFF))
    return kLatin;
  if (cp >= 0x370 && cp <= 0x3FF) return kGreek;
  if (cp >= 0x400 && cp <= 0x52F) return kCyrillic;
  if (cp >= 0x530 && cp <= 0x58F) return kOtherScript;  // Armenian
  if (cp >= 0x590 && cp <= 0x5FF) return kHebrew;
  if ((cp >= 0x600 && cp <= 0x6FF) || (cp >= 0x750 && cp <= 0x77F) ||
      (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF))
    return kArabic;
  if (cp >= 0x900 && cp <= 0x97F) return kDevanagari;
  if (cp >= 0x980 && cp <= 0xDFF) return kOtherScript;  // other Indic scripts
  if (cp >= 0xE00 && cp <= 0xE7F) return kThai;
  if ((cp >= 0xE80 && cp <= 0xFFF) || (cp >= 0x10A0 && cp <= 0x10FF) ||
      (cp >= 0x1200 && cp <= 0x137F) || (cp >= 0x1780 && cp <= 0x17FF))
    return kOtherScript;  // Lao, Tibetan, Georgian, Ethiopic, Khmer
  if (cp >= 0x1F00 && cp <= 0x1FFF) return kGreek;
  if ((cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0x1100 && cp <= 0x11FF) ||
      (cp >= 0x3130 && cp <= 0x318F))
    return kHangul;
  if (cp >= 0x3040 && cp <= 0x30FF) return kKana;
  if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
      (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F))
    return kHan;
  return -1;  // digits, punctuation, symbols, emoji: no script
}

const char* script_language(int script) {
  switch (script) {
    case kCyrillic: return "ru";
    case kGreek: return "el";
    case kArabic: return "ar";
    case kHebrew: return "he";
    case kDevanagari: return "hi";
    case kThai: return "th";
    case kHangul: return "ko";
    case kKana: return "ja";
    case kHan: return "zh";
    default: return "und";
  }
}

float clamp(float v, float lo, float hi) { return std::min(hi, std::max(lo, v)); }

// Letters that only some Latin languages use: a strong hint even in short text.
void add_diacritic_hints(uint32_t cp, std::array<float, kLatinLanguages>* score) {
  switch (cp) {
    case 0xF1: case 0xD1: case 0xBF: case 0xA1: (*score)[1] += 1; break;  // ñ ¿ ¡: es
    case 0xDF: (*score)[3] += 1; break;                                    // ß: de
    case 0xE3: case 0xF5: (*score)[4] += 1; break;                         // ã õ: pt
    case 0x153: (*score)[2] += 1; break;                                   // œ: fr
    default: break;
  }
}

// Eight bytes at a time, stopping at the first non-ASCII byte (this ran
// over every byte of every message).
bool is_all_ascii(std::string_view text) {
  size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t chunk;
    std::memcpy(&chunk, text.data() + i, 8);
    if (chunk & 0x8080808080808080ull) return false;
  }
  for (; i < text.size(); ++i)
    if (static_cast<unsigned char>(text[i]) >= 0x80) return false;
  return true;
}

}  // namespace

int latin_stop_list_count() { return kLatinLanguages; }

std::string_view latin_stop_words(int list) { return kStopLists[list].words; }

LanguageGuess detect_language(std::string_view text, const Tokenized& tokens, bool known_ascii) {
  std::array<uint32_t, kScriptCount> letters{};
  std::array<float, kLatinLanguages> score{};
  // Most chat is plain ASCII: then the only script is Latin and the letter
  // count is all we need, so skip decoding code points.
  const bool ascii = known_ascii || is_all_ascii(text);
  for (size_t pos = 0; pos < text.size();) {
    unsigned char byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x80) {
      letters[kLatin] += ((byte | 0x20) >= 'a' && (byte | 0x20) <= 'z');
      ++pos;
      if (ascii && letters[kLatin]) break;  // one letter decides "has letters"
      continue;
    }
    size_t len = 1;
    uint32_t cp = decode_utf8(text, pos, &len);
    pos += len;
    int script = script_of(cp);
    if (script >= 0) ++letters[script];
    if (script == kLatin || cp == 0xBF || cp == 0xA1) add_diacritic_hints(cp, &score);
  }
  uint32_t total = 0;
  for (uint32_t n : letters) total += n;
  LanguageGuess guess;
  if (total == 0) {  // emoji, numbers, punctuation, nothing: nothing to object to
    guess.confidence = 0.2f;
    return guess;
  }

  // Non-Latin scripts: Japanese mixes kana with Han, so kana anywhere wins.
  uint32_t cjk = letters[kHan] + letters[kKana];
  int top = kLatin;
  uint32_t top_count = letters[kLatin];
  for (int s = kCyrillic; s < kScriptCount; ++s) {
    uint32_t count = (s == kHan || s == kKana) ? cjk : letters[s];
    if (count > top_count) top = s, top_count = count;
  }
  if (top == kHan || top == kKana) top = letters[kKana] > 0 ? kKana : kHan;
  if (top != kLatin) {
    guess.code = script_language(top);
    guess.supported = false;
    guess.confidence = clamp(static_cast<float>(top_count) / total, 0.5f, 0.99f);
    return guess;
  }

  // Latin script: function-word shares.
  int words = 0;
  for (const Token& t : tokens.tokens) {
    if (t.kind != TokenKind::Word) continue;
    ++words;
    const uint32_t mask = word_facts(t).stop_languages;
    if (mask == 0) continue;
    static const std::array<float, 1u << kLatinLanguages> kShare = [] {
      std::array<float, 1u << kLatinLanguages> share{};
      for (uint32_t m = 1; m < share.size(); ++m) {
        int bits = 0;
        for (uint32_t b = m; b; b &= b - 1) ++bits;
        share[m] = 1.f / bits;
      }
      return share;
    }();
    float share = kShare[mask];
    for (uint32_t bits = mask; bits; bits &= bits - 1) score[__builtin_ctz(bits)] += share;
  }
  int best_other = 1;
  for (int lang = 2; lang < kLatinLanguages; ++lang)
    if (score[lang] > score[best_other]) best_other = lang;
  float en = score[0], other = score[best_other];
  float n = static_cast<float>(std::max(words, 1));
  // Flag only on real evidence: two or more foreign function words that
  // clearly outweigh the English ones.
  if (other >= 2 && other > en * 1.25f + 0.25f) {
    guess.code = kStopLists[best_other].code;
    guess.supported = false;
    guess.confidence = clamp(0.5f + (other - en) / n, 0.5f, 0.99f);
    return guess;
  }
  guess.confidence = words < 3 ? 0.3f : clamp(0.5f + (en - other) / n, 0.35f, 0.99f);
  return guess;
}

}  // namespace rapport

#include "model/fusion.h"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "output/json_writer.h"

namespace rapport {

const std::array<const char*, 4> kGuardRuleNames = {"negated", "contrast", "sarcasm", "courtesy"};

const std::array<const char*, kEmotionGroupCount> kEmotionGroupNames = {
    "angry", "frustrated", "disappointed", "confused", "anxious",
    "sad",   "grateful",   "happy",        "neutral"};

namespace {
enum G { kAngry, kFrustrated, kDisappointed, kConfused, kAnxious, kSad, kGrateful, kHappy, kNeutral };
}  // namespace

// GoEmotions order: admiration amusement anger annoyance approval caring
// confusion curiosity desire disappointment disapproval disgust embarrassment
// excitement fear gratitude grief joy love nervousness optimism pride
// realization relief remorse sadness surprise neutral.
const std::array<int, kEmotionCount> kEmotionGroupOf = {
    kHappy,   kHappy,   kAngry,        kFrustrated, kHappy,    kHappy,   kConfused,
    kNeutral, kNeutral, kDisappointed, kFrustrated, kAngry,    kSad,     kHappy,
    kAnxious, kGrateful, kSad,         kHappy,      kHappy,    kAnxious, kHappy,
    kHappy,   kNeutral, kHappy,        kSad,        kSad,      kNeutral, kNeutral};

LexiconSignal lexicon_signal(const Assessment& a) {
  LexiconSignal s;
  s.compound = a.sentiment.compound;
  float net = 0.f;
  for (const Evidence& e : a.evidence) {
    if (e.source.compare(0, 4, "cue:") == 0) continue;
    s.strongest_positive = std::max(s.strongest_positive, std::min(1.f, e.weight / 4.f));
    s.strongest_negative = std::max(s.strongest_negative, std::min(1.f, -e.weight / 4.f));
    net += e.weight;
    s.guard_rules |= e.rules & (kRuleNegated | kRuleContrast | kRuleSarcasm | kRuleCourtesy);
  }
  if (s.guard_rules && net != 0.f) s.guard = net > 0.f ? 1 : -1;
  return s;
}

FusedSentiment fuse_sentiment(const float model_probs[3], const LexiconSignal& lex,
                              const SentimentFusion& f) {
  float logit[3];
  for (int k = 0; k < 3; ++k) logit[k] = std::log(std::max(model_probs[k], 1e-7f));
  logit[0] += f.negative_offset - f.lexicon_weight * lex.compound + f.word_weight * lex.strongest_negative;
  logit[2] += f.positive_offset + f.lexicon_weight * lex.compound + f.word_weight * lex.strongest_positive;
  const float top = std::max({logit[0], logit[1], logit[2]});
  FusedSentiment out;
  float total = 0.f;
  for (int k = 0; k < 3; ++k) total += (out.probs[k] = std::exp(logit[k] - top));
  for (float& p : out.probs) p /= total;
  if ((f.rule_guard && lex.guard != 0 && (lex.guard_rules & f.guard_scope) != 0) ||
      (f.rules_decide_at > 0.f && std::fabs(lex.compound) >= f.rules_decide_at)) {
    // The rules decide: the lexicon path's label (VADER bands) and score.
    out.rules_decided = true;
    out.label = lex.compound >= 0.05f ? 2 : lex.compound <= -0.05f ? 0 : 1;
    out.score = lex.compound;
    return out;
  }
  // The cap (fusion.h cap_scope): a negative reading by a capped rule rules out positive.
  if (lex.guard < 0 && (lex.guard_rules & f.cap_scope) != 0) {
    out.probs[2] = 0.f;
    const float kept = out.probs[0] + out.probs[1] + out.probs[2];
    if (kept > 0.f) {
      for (float& p : out.probs) p /= kept;
    } else {  // all the mass was on the ruled-out class (underflow): neutral
      out.probs = {0.f, 1.f, 0.f};
    }
  }
  out.label = static_cast<int>(std::max_element(out.probs.begin(), out.probs.end()) -
                               out.probs.begin());
  // Score = p(pos) - p(neg), kept inside the label's band of the public
  // contract (>= 0.05 positive, <= -0.05 negative, else neutral) so label and
  // score never contradict each other.
  const float s = out.probs[2] - out.probs[0];
  if (out.label == 2) out.score = std::max(s, 0.05f);
  else if (out.label == 0) out.score = std::min(s, -0.05f);
  else out.score = std::clamp(s, -0.049f, 0.049f);
  return out;
}

ModelExtras apply_model_outputs(Assessment* a, const float emotions[kEmotionCount],
                                const float sentiment[3], const ModelCalibration& c) {
  const FusedSentiment fused = fuse_sentiment(sentiment, lexicon_signal(*a), c.sentiment);
  if (!fused.rules_decided) {  // else the rules' sentiment and label stay as they are
    a->sentiment.compound = fused.score;
    a->sentiment.negative = fused.probs[0];
    a->sentiment.neutral = fused.probs[1];
    a->sentiment.positive = fused.probs[2];
    static const char* const kLabels[] = {"negative", "neutral", "positive"};
    a->label = kLabels[fused.label];
  }
  a->source = "model+lexicon";

  ModelExtras x;
  float best_ratio = 0.f;
  for (int k = 0; k < kEmotionCount; ++k) {
    const float p = std::clamp(emotions[k], 0.f, 1.f);
    a->emotions[k] = p;
    const int g = kEmotionGroupOf[k];
    x.groups[g] = std::max(x.groups[g], p);
    x.detected[k] = p >= c.thresholds[k];
    // Strongest relative to its own threshold: rare labels have low ones.
    const float ratio = p / std::max(c.thresholds[k], 1e-3f);
    if (x.detected[k] && ratio > best_ratio) best_ratio = ratio, x.primary_group = g;
  }
  return x;
}

namespace {
// The analyzer's JSON number format (4 decimals, no snprintf: it is slow in wasm).
void append_number(std::string& out, float v) { append_json_number(out, v); }
}  // namespace

int detected_in_order(const ModelExtras& x, const float emotions[kEmotionCount],
                      std::array<int, kEmotionCount>* order) {
  int n = 0;
  for (int k = 0; k < kEmotionCount; ++k)
    if (x.detected[k]) (*order)[n++] = k;
  std::stable_sort(order->begin(), order->begin() + n,
                   [&](int l, int r) { return emotions[l] > emotions[r]; });
  return n;
}

void append_model_fields_json(std::string& json, const ModelExtras& x,
                              const float emotions[kEmotionCount]) {
  if (json.empty() || json.back() != '}') return;  // not an object: leave it alone
  json.pop_back();
  json += ",\"emotionGroups\":{";
  for (int g = 0; g < kEmotionGroupCount; ++g) {
    if (g) json += ',';
    json += '"', json += kEmotionGroupNames[g], json += "\":";
    append_number(json, x.groups[g]);
  }
  std::array<int, kEmotionCount> order;
  const int detected = detected_in_order(x, emotions, &order);
  json += "},\"detectedEmotions\":[";
  for (int i = 0; i < detected; ++i) {
    if (i) json += ',';
    json += '"', json += kEmotionNames[order[i]], json += '"';
  }
  json += "],\"primaryEmotion\":\"";
  json += x.primary_group >= 0 ? kEmotionGroupNames[x.primary_group] : "neutral";
  json += "\"}";
}

uint8_t rule_bit(std::string_view name) {
  for (int i = 0; i < 4; ++i)
    if (name == kGuardRuleNames[i]) return static_cast<uint8_t>(1u << i);
  return 0;
}

bool parse_model_calibration(std::string_view text, ModelCalibration* c, std::string* error) {
  const nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    *error = "model.json is not valid JSON";
    return false;
  }
  const auto th = j.find("thresholds");
  if (th == j.end() || !th->is_object()) {
    *error = "model.json has no \"thresholds\" object";
    return false;
  }
  for (int k = 0; k < kEmotionCount; ++k) {
    const auto v = th->find(kEmotionNames[k]);
    if (v == th->end() || !v->is_number()) {
      *error = std::string("model.json: no threshold for ") + kEmotionNames[k];
      return false;
    }
    c->thresholds[k] = v->get<float>();
  }
  const auto f = j.find("sentimentFusion");
  if (f == j.end() || !f->is_object()) {
    *error = "model.json has no \"sentimentFusion\" object";
    return false;
  }
  c->sentiment.negative_offset = f->value("negativeOffset", 0.f);
  c->sentiment.positive_offset = f->value("positiveOffset", 0.f);
  c->sentiment.lexicon_weight = f->value("lexiconWeight", 0.f);
  c->sentiment.word_weight = f->value("wordWeight", 0.f);
  c->sentiment.rule_guard = f->value("ruleGuard", false);
  c->sentiment.rules_decide_at = f->value("rulesDecideAt", 0.f);
  // An array of rule names (kGuardRuleNames) into *bits; absent: unchanged.
  const auto read_scope = [&](const char* key, uint8_t* bits) {
    const auto scope = f->find(key);
    if (scope == f->end()) return true;
    if (!scope->is_array()) {
      *error = std::string("model.json: \"") + key + "\" must be an array of rule names";
      return false;
    }
    *bits = 0;
    for (const auto& name : *scope) {
      const uint8_t bit = rule_bit(name.is_string() ? name.get<std::string>() : std::string());
      if (!bit) {
        *error = std::string("model.json: unknown rule in \"") + key + "\": " + name.dump();
        return false;
      }
      *bits |= bit;
    }
    return true;
  };
  return read_scope("ruleGuardScope", &c->sentiment.guard_scope) &&
         read_scope("ruleCapScope", &c->sentiment.cap_scope);
}

}  // namespace rapport

#include "model/features.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "text/utf8.h"

namespace rapport {

const std::array<const char*, kDenseFeatureCount> kDenseFeatureNames = {
    "lexicon_compound",  "lexicon_positive", "lexicon_negative", "lexicon_neutral",
    "cue_urgency",       "cue_churn_risk",   "cue_escalation",   "cue_repeat_contact",
    "cue_confusion",     "cue_gratitude",    "log_word_count",   "all_caps_share",
    "exclamation",       "question",         "max_positive_word", "max_negative_word",
};

namespace {

constexpr uint64_t kFnvOffset = 1469598103934665603ull;
constexpr uint64_t kFnvPrime = 1099511628211ull;

// The text one token contributes as a "word". Classes whose exact spelling
// carries no emotion (numbers, ids, links, handles) collapse to one marker so
// they do not flood the hash table with singletons.
std::string_view unit_text(const Token& t) {
  switch (t.kind) {
    case TokenKind::Number: return "<num>";
    case TokenKind::OrderId: return "<id>";
    case TokenKind::Url: return "<url>";
    case TokenKind::Email: return "<email>";
    case TokenKind::Mention: return "<user>";
    case TokenKind::Punct: {
      // "!!!!!!!" and "!!!" mean the same; keep at most 3 bytes of a run.
      std::string_view n = t.norm;
      return n.substr(0, std::min<size_t>(n.size(), 3));
    }
    default: return t.norm;
  }
}

bool wants_char_ngrams(const Token& t) {
  return t.kind == TokenKind::Word || t.kind == TokenKind::Hashtag;
}

class IdSink {
 public:
  IdSink(const FeatureConfig& c, std::vector<uint32_t>* ids) : c_(c), ids_(ids) {}
  bool full() const { return ids_->size() >= c_.max_ids; }
  void add(char kind, std::string_view text) {
    if (full()) return;
    ids_->push_back(static_cast<uint32_t>(feature_hash(kind, text, c_.seed) % c_.buckets));
  }

 private:
  const FeatureConfig& c_;
  std::vector<uint32_t>* ids_;
};

// Character n-grams of "<norm>", counted in code points, not bytes, so
// "café" and emoji-bearing words split on character boundaries.
void add_char_ngrams(std::string_view norm, IdSink* sink, const FeatureConfig& c,
                     std::string* scratch, std::vector<uint32_t>* starts) {
  scratch->assign("<");
  scratch->append(norm);
  scratch->push_back('>');
  starts->clear();
  for (size_t i = 0; i < scratch->size();) {
    starts->push_back(static_cast<uint32_t>(i));
    size_t len = 1;
    decode_utf8(*scratch, i, &len);
    i += len ? len : 1;
  }
  const size_t chars = starts->size();
  if (chars < static_cast<size_t>(c.char_min_word) + 2) return;  // "<" and ">" count too
  starts->push_back(static_cast<uint32_t>(scratch->size()));
  for (int n = c.char_min; n <= c.char_max; ++n) {
    if (static_cast<size_t>(n) > chars) break;
    // The whole "<word>" is already the unigram; skip that one n-gram.
    for (size_t s = 0; s + n <= chars; ++s) {
      if (s == 0 && s + n == chars) continue;
      const uint32_t b = (*starts)[s], e = (*starts)[s + n];
      sink->add('c', std::string_view(*scratch).substr(b, e - b));
    }
  }
}

}  // namespace

uint64_t feature_hash(char kind, std::string_view text, uint32_t seed) {
  uint64_t h = kFnvOffset ^ (static_cast<uint64_t>(seed) * 0x9E3779B97F4A7C15ull);
  h = (h ^ static_cast<unsigned char>(kind)) * kFnvPrime;
  for (unsigned char ch : text) h = (h ^ ch) * kFnvPrime;
  // Final avalanche (splitmix64 tail): FNV's low bits are weak for modulo.
  h ^= h >> 30;
  h *= 0xBF58476D1CE4E5B9ull;
  h ^= h >> 27;
  h *= 0x94D049BB133111EBull;
  h ^= h >> 31;
  return h;
}

void extract_sparse_features(const Tokenized& tokens, const FeatureConfig& config,
                             std::vector<uint32_t>* ids) {
  ids->clear();
  IdSink sink(config, ids);
  std::string scratch, bigram;
  std::vector<uint32_t> starts;
  std::string_view previous;
  bool have_previous = false;
  for (const Token& t : tokens.tokens) {
    if (sink.full()) break;
    const std::string_view unit = unit_text(t);
    if (unit.empty()) continue;
    sink.add('w', unit);
    if (wants_char_ngrams(t)) add_char_ngrams(t.norm, &sink, config, &scratch, &starts);
    if (t.flags & kAllCaps) sink.add('f', "<caps>");
    if (t.flags & kElongated) sink.add('f', "<elong>");
    if (config.word_bigrams && have_previous) {
      bigram.assign(previous);
      bigram.push_back(' ');
      bigram.append(unit);
      sink.add('b', bigram);
    }
    previous = unit;
    have_previous = true;
  }
  if (ids->empty()) sink.add('f', "<empty>");
}

void extract_rule_prior_ids(const Assessment& a, const FeatureConfig& config,
                            std::vector<uint32_t>* ids) {
  IdSink sink(config, ids);
  char strength[3] = {'?', '0', '\0'};
  for (const Evidence& e : a.evidence) {
    if (e.source.compare(0, 4, "cue:") == 0) {
      sink.add('r', e.source);
      continue;
    }
    // "n3": negative, |weight| about 3 (VADER's scale is 0..4).
    strength[0] = e.weight < 0 ? 'n' : 'p';
    strength[1] = static_cast<char>('1' + std::clamp(static_cast<int>(std::fabs(e.weight) + 0.5f) - 1, 0, 3));
    sink.add('v', std::string_view(strength, 2));
  }
  // The heuristic emotions (lexicon path) the analysis holds before a model
  // replaces them: only the clear ones, named.
  for (int k = 0; k + 1 < kEmotionCount; ++k) {
    if (a.emotions[k] >= 0.5f) sink.add('e', kEmotionNames[k]);
  }
}

void extract_dense_features(const Tokenized& tokens, const SentimentScore& score,
                            const std::vector<Evidence>& evidence,
                            const std::vector<Cue>& cues,
                            std::array<float, kDenseFeatureCount>* dense) {
  auto& d = *dense;
  d.fill(0.f);
  d[0] = score.compound;
  d[1] = score.positive;
  d[2] = score.negative;
  d[3] = score.neutral;
  static const char* const kCueOrder[] = {"urgency",        "churn_risk", "escalation",
                                          "repeat_contact", "confusion",  "gratitude"};
  for (const Cue& cue : cues) {
    for (int i = 0; i < 6; ++i) {
      if (cue.id == kCueOrder[i]) d[4 + i] = std::max(d[4 + i], std::clamp(cue.strength, 0.f, 1.f));
    }
  }
  int words = 0, caps = 0, bangs = 0, questions = 0;
  for (const Token& t : tokens.tokens) {
    if (t.kind == TokenKind::Word) {
      ++words;
      if (t.flags & kAllCaps) ++caps;
    } else if (t.kind == TokenKind::Punct) {
      for (char ch : t.norm) {
        bangs += ch == '!';
        questions += ch == '?';
      }
    }
  }
  d[10] = std::log1p(static_cast<float>(words)) / 4.f;
  d[11] = words ? static_cast<float>(caps) / words : 0.f;
  d[12] = std::min(1.f, bangs / 3.f);
  d[13] = std::min(1.f, questions / 2.f);
  for (const Evidence& e : evidence) {
    if (e.source.compare(0, 4, "cue:") == 0) continue;
    d[14] = std::max(d[14], std::min(1.f, e.weight / 4.f));
    d[15] = std::max(d[15], std::min(1.f, -e.weight / 4.f));
  }
}

void model_features_from_analysis(const AnalyzedMessage& m, const FeatureConfig& config,
                                  ModelFeatures* out) {
  const Tokenized tokens = tokenize(m.analyzed_text);
  extract_sparse_features(tokens, config, &out->ids);
  const Assessment& a = m.assessment;
  for (int copy = 0; copy < config.rule_prior_weight; ++copy) extract_rule_prior_ids(a, config, &out->ids);
  extract_dense_features(tokens, a.sentiment, a.evidence, a.cues, &out->dense);
}

ModelFeatures model_features_for_text(std::string_view raw_text, const FeatureConfig& config) {
  ModelFeatures out;
  model_features_from_analysis(analyze_message(raw_text), config, &out);
  return out;
}

}  // namespace rapport

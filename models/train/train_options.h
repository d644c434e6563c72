// rapport_train's command line and clock, read by main() and handed to each
// phase of the run. Header-only, like the other trainer helpers (see
// train_data.h).
#pragma once
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>

namespace rapport::train {

// Seconds on a steady clock: the progress lines print the time since start.
inline double now_s() {
  using C = std::chrono::steady_clock;
  return std::chrono::duration<double>(C::now().time_since_epoch()).count();
}

// The options as given, `--name value` -> values["name"], defaults filled in.
// An option with a default is always there; one without is read only after
// count() says it was given (at() throws otherwise, instead of the silent ""
// a mutable map's [] would hand back).
struct Options {
  std::map<std::string, std::string> values;
  const std::string& operator[](const std::string& name) const { return values.at(name); }
  size_t count(const std::string& name) const { return values.count(name); }
};

// Reads `--name value` pairs over the defaults below (the shipped recipe sets
// most of them: see scripts/train.sh). False, after saying why, on a word that
// is not a known option, an option without its value, or without --data and
// --out.
inline bool parse_options(int argc, char** argv, Options* out) {
  std::map<std::string, std::string>& arg = out->values;
  arg = {{"epochs", "10"}, {"buckets", "65536"},
         {"dim", "64"},    {"hidden", "128"},
         {"seed", "1"},    {"lr", "0.002"},
         {"lr-emb", "0.01"}, {"sentiment-weight", "1"},
         {"balance", "1"}, {"ambiguous", "neutral"},
         {"tune-offsets", "0"}, {"bag-dropout", "0"},
         {"bitext-weight", "1"}, {"word-weight", "0"},
         {"rule-guard", "0"}, {"cv-folds", "5"},
         {"weak-weight", "0"}, {"weak-banking77", "1"}, {"weak-lfs", "1"}, {"uci-weight", "0"}, {"xed-weight", "0"},
         {"ensemble", "1"}, {"average", "none"}, {"average-every", "2000"},
         {"average-start", "2"}, {"ema-decay", "0.9"},
         {"labels-weight", "1"}, {"labels-folds", "0"}, {"labels-fold", "0"}, {"fusion-choice", "rules"}, {"labels-repeat", "1"}, {"labels-emotion-repeat", "0"},
         {"calibrate-on", "support"}, {"labels-fold-by", "row"},
         {"init-vectors-max", "100000"}, {"init-vectors-scale", "1"},
         {"init-vectors-bigrams", "0"}, {"init-vectors-lr", "1"},
         {"init-vectors-freeze", "0"}};
  // Options without a default: read only when given.
  static const char* const kWithoutDefault[] = {
      "data", "out", "fixture", "support-dev", "labels", "oof-in", "oof-out", "dump", "sweep",
      "guard-scopes", "cap-scope", "pooling", "char-min", "char-max", "char-min-word", "rule-prior-weight",
      "init-vectors", "weak-combine", "weak-fit-labels", "weak-margin", "weak-fit-folds"};
  const auto known = [&](const std::string& name) {
    if (arg.count(name)) return true;  // has a default (or was given twice)
    for (const char* n : kWithoutDefault)
      if (name == n) return true;
    return false;
  };
  // A misspelt option would otherwise be trained without, and the run's
  // figures credited to an option that never took effect.
  for (int i = 1; i < argc; i += 2) {
    if (std::strncmp(argv[i], "--", 2) != 0 || !known(argv[i] + 2)) {
      std::fprintf(stderr, "rapport_train: argument %d, \"%s\": not an option of rapport_train\n", i, argv[i]);
      return false;
    }
    if (i + 1 == argc) {
      std::fprintf(stderr, "rapport_train: argument %d, \"%s\": no value follows\n", i, argv[i]);
      return false;
    }
    arg[argv[i] + 2] = argv[i + 1];
  }
  if (!arg.count("data") || !arg.count("out")) {
    std::fprintf(stderr, "usage: rapport_train --data DIR --out DIR [--fixture FILE] [--epochs N]\n");
    return false;
  }
  return true;
}

}  // namespace rapport::train

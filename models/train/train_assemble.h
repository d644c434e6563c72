// rapport_train's first phase: every row it trains on, tunes on and measures,
// read from --data and the team's label files, then featurized
// (assemble_training_rows, at the end). Header-only, like the other trainer
// helpers (see train_data.h).
//
// Order matters and is kept: the team's labels are read before the pools
// they take texts out of (Bitext's intent labels, the weak supervision), and
// the rows are appended to `train` in the order the shipped model was
// trained on (GoEmotions, Bitext, --uci/--xed, team labels, weak labels), so
// the same options give the same bytes.
#pragma once
#include <array>
#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "train_data.h"
#include "train_eval.h"
#include "train_label_model.h"
#include "train_labels.h"
#include "train_options.h"
#include "train_report.h"
#include "train_weak.h"

namespace rapport::train {

// The sets of one run, each featurized once assembled.
struct TrainingSets {
  std::vector<Example> train;       // every row trained on, in training-file order
  std::vector<Example> dev;         // GoEmotions dev: epoch selection, thresholds, fusion
  std::vector<Example> bitext_dev;  // Bitext rows held out of training (index % 10 == 0): measured
  std::vector<Example> tweeteval;   // TweetEval sentiment val: measured only
  // The in-domain dev set (--support-dev): fusion calibration (cross-validated)
  // and report only.
  std::vector<Example> support;
  // --labels-folds F --labels-fold K (development aid): the held-out
  // team-labelled rows, with their row index (over the files' rows in order)
  // and id, measured and written by --oof-out.
  std::vector<Example> labels_heldout;
  std::vector<size_t> labels_heldout_index;
  std::vector<std::string> labels_heldout_id;
  // --oof-in: every labelled row (index order) with its id and out-of-fold
  // predictions, for the fusion calibration on them (train_calibrate.h);
  // empty without --oof-in.
  bool oof = false;
  std::vector<Example> labels_all;
  std::vector<std::string> labels_all_id;
  Predictions labels_oof;
};

// The files under --data that more than one step below reads.
struct DataFiles {
  explicit DataFiles(const std::string& dir)
      : dir(dir), twcc_test(dir + "/twcc/test.json"), banking_train(dir + "/banking77/train.tsv"),
        bitext_csv(dir + "/bitext/customer_support_sample.csv") {}
  std::string dir, twcc_test, banking_train, bitext_csv;
};

struct LabelFile {
  std::string path;
  std::vector<LabelledTurn> rows;
};

// Team labels of in-domain customer text (train_labels.h), and which texts
// they take out of the pools that would otherwise label them.
struct TeamLabels {
  std::vector<TwccTurn> twcc_turns;  // every twcc test customer turn (the weak pool draws on them)
  std::vector<LabelFile> label_files;  // --labels: trained on
  // --weak-fit-labels: team-labelled files (never support-labelled/, the dev
  // set) that only fit the weighted label model of the weak supervision
  // (--weak-combine weighted, add_weak_rows); trained on only if also in --labels.
  std::vector<LabelFile> fit_files;
  std::set<std::string> team_labelled;   // ids of the --labels rows
  std::set<size_t> bitext_labelled_rows;  // Bitext csv rows among them
};

// --labels is a comma-separated list of files whose ids name twcc test
// customer turns, BANKING77 train queries or Bitext requests; the texts come
// from <data>. Labelled texts leave the pools that would otherwise label them
// (Bitext's intent labels, the weak supervision): the team's label replaces
// them. Returns the exit code, 0 when all was read.
inline int load_team_labels(const Options& arg, const DataFiles& files, TeamLabels* team) {
  std::string error;
  if (!load_twcc_turns_with_ids(files.twcc_test, "test", &team->twcc_turns)) {
    std::fprintf(stderr, "rapport_train: cannot read %s\n", files.twcc_test.c_str());
    return 1;
  }
  const std::string labels_list = arg.count("labels") ? arg["labels"] : "";
  const std::string fit_list = arg.count("weak-fit-labels") ? arg["weak-fit-labels"] : "";
  if (labels_list.empty() && fit_list.empty()) return 0;
  std::vector<IdText> texts = team->twcc_turns;
  std::vector<size_t> bitext_csv_row;
  const size_t bitext_from = [&] {
    if (!load_banking77_with_ids(files.banking_train, "banking77-train", &texts)) return size_t(0);
    const size_t from = texts.size();
    if (!load_bitext_with_ids(files.bitext_csv, &texts, &bitext_csv_row)) return size_t(0);
    return from;
  }();
  if (bitext_from == 0) {
    std::fprintf(stderr, "rapport_train: cannot read %s or %s\n", files.banking_train.c_str(),
                 files.bitext_csv.c_str());
    return 1;
  }
  const std::string sources = files.twcc_test + ", " + files.banking_train + " or " + files.bitext_csv;
  std::map<std::string, size_t> bitext_row_of;
  for (size_t i = bitext_from; i < texts.size(); ++i) bitext_row_of[texts[i].id] = bitext_csv_row[i - bitext_from];
  const auto read_files = [&](const std::string& list, std::vector<LabelFile>* out, std::set<std::string>* ids) {
    std::stringstream paths(list);
    for (std::string f; std::getline(paths, f, ',');) {
      out->push_back({f, {}});
      if (!load_labelled_turns(f, sources, texts, &out->back().rows, &error, ids)) {
        std::fprintf(stderr, "rapport_train: %s\n", error.c_str());
        return false;
      }
    }
    return true;
  };
  std::set<std::string> fit_ids;  // its own set: a fit file may also be in --labels
  if (!read_files(labels_list, &team->label_files, &team->team_labelled) ||
      !read_files(fit_list, &team->fit_files, &fit_ids))
    return 1;
  for (const std::string& id : team->team_labelled) {
    const auto it = bitext_row_of.find(id);
    if (it != bitext_row_of.end()) team->bitext_labelled_rows.insert(it->second);
  }
  return 0;
}

// The corpora: GoEmotions train/dev, Bitext (its team-labelled rows left
// out, so the team labels are read first), TweetEval val, the support dev set
// and the optional sentiment-only corpora. Returns the exit code.
inline int load_corpora(const Options& arg, const DataFiles& files, TeamLabels* team, TrainingSets* s,
                        Report* r) {
  const std::string& data = files.dir;
  std::string error;
  if (!load_sentiment_groups(data + "/goemotions/labels.txt",
                             data + "/goemotions/sentiment_groups.json", &error)) {
    std::fprintf(stderr, "rapport_train: %s\n", error.c_str());
    return 1;
  }
  // Dev is always grouped the way the benchmark groups it (ambiguous-only ->
  // neutral, mixed left out); --ambiguous only changes the training targets.
  g_ambiguous_is_neutral = true;
  const bool dev_ok = load_goemotions(data + "/goemotions/dev.tsv", &s->dev);
  g_ambiguous_is_neutral = arg["ambiguous"] == "neutral";
  if (const int rc = load_team_labels(arg, files, team)) return rc;
  if (!dev_ok || !load_goemotions(data + "/goemotions/train.tsv", &s->train) ||
      !load_bitext(files.bitext_csv, &s->train, &s->bitext_dev, &team->bitext_labelled_rows)) {
    std::fprintf(stderr, "rapport_train: cannot read GoEmotions or Bitext under %s\n", data.c_str());
    return 1;
  }
  load_tweeteval(data + "/tweeteval/sentiment", &s->tweeteval);
  if (arg.count("support-dev") && !load_support_dev(arg["support-dev"], &s->support, &error)) {
    std::fprintf(stderr, "rapport_train: %s\n", error.c_str());
    return 1;
  }
  // Bitext is templated requests (thousands of near-duplicates): a lower
  // weight keeps "where is my refund" from outvoting the words around it.
  for (Example& e : s->train)
    if (!e.has_emotions) e.sentiment_weight = std::stof(arg["bitext-weight"]);  // optional, measured only

  // Sentiment-only rows from other corpora (train_data.h, load_sentiment_tsv),
  // each off unless its weight is > 0: UCI review sentences (--uci-weight),
  // XED subtitle lines (--xed-weight).
  const struct {
    const char *option, *file;
    const SentimentTsv* spec;
  } sentiment_sources[] = {{"uci-weight", "uci_sentences/sentences.tsv", &kUciSentences},
                           {"xed-weight", "xed_en/annotated.tsv", &kXedPolarity}};
  for (const auto& source : sentiment_sources) {
    const float weight = std::stof(arg[source.option]);
    if (weight <= 0.f) continue;
    SentimentTsvCounts n;
    if (!load_sentiment_tsv(data + "/" + source.file, *source.spec, weight, &s->train, &error, &n)) {
      std::fprintf(stderr, "rapport_train: %s\n", error.c_str());
      return 1;
    }
    std::fprintf(stderr, "%s: %d negative, %d neutral, %d positive at weight %.2f; %d rows left out\n", source.file,
                 n.kept[0], n.kept[1], n.kept[2], weight, n.left_out);
    r->sentiment_sources[source.file] = {{"weight", round4(weight)}, {"rows", n.kept[0] + n.kept[1] + n.kept[2]}};
  }
  return 0;
}

// What the labelling functions (weak supervision, add_weak_rows) say of a
// team-labelled file's texts: rows are the team's label, columns the
// functions' (abstain last).
inline void print_weak_votes_of(const LabelFile& file, int lfs) {
  int m[3][4] = {};
  for (const LabelledTurn& t : file.rows) {
    const int8_t y = weak_label(analyze_message(t.text).assessment, nullptr, lfs, &t.text);
    ++m[t.sentiment][y == kNoSentiment ? 3 : y];
  }
  std::fprintf(stderr, "  weak labels of these rows (team neg/neu/pos x functions neg/neu/pos/abstain): "
               "%d %d %d %d | %d %d %d %d | %d %d %d %d\n", m[0][0], m[0][1], m[0][2], m[0][3], m[1][0],
               m[1][1], m[1][2], m[1][3], m[2][0], m[2][1], m[2][2], m[2][3]);
}

// The team-labelled rows: sentiment rows of weight --labels-weight, each
// --labels-repeat times (both comma lists, one value per --labels file, or
// one value for all). --labels-folds F --labels-fold K (development aid):
// train on the labelled rows outside fold K (index % F over the files' rows
// in order) and hold the fold out. Every row also goes to labels_all (for
// --oof-in). Prints what each file added and, with weak supervision on,
// print_weak_votes_of it. Returns the exit code.
inline int add_team_label_rows(const Options& arg, const TeamLabels& team, TrainingSets* s) {
  const std::vector<LabelFile>& label_files = team.label_files;
  if (label_files.empty()) return 0;
  const auto per_file = [&](const char* key) {
    std::vector<std::string> v;
    std::stringstream in(arg[key]);
    for (std::string x; std::getline(in, x, ',');) v.push_back(x);
    return v;
  };
  const std::vector<std::string> weights = per_file("labels-weight"), repeats = per_file("labels-repeat"),
                                 emotion_repeats = per_file("labels-emotion-repeat");
  for (const auto* values : {&weights, &repeats, &emotion_repeats})
    if (values->size() != 1 && values->size() != label_files.size()) {
      std::fprintf(stderr, "rapport_train: --labels-weight, --labels-repeat and --labels-emotion-repeat take one "
                           "value or one per --labels file\n");
      return 1;
    }
  const int folds = std::stoi(arg["labels-folds"]), fold = std::stoi(arg["labels-fold"]);
  // --labels-emotion-repeat N (one value, or one per file): the first N copies of a row also train the
  // emotion head, on the GoEmotions label that stands for its group
  // (group_label, train_labels.h), as a one-label GoEmotions row would.
  size_t index = 0;
  // --labels-fold-by conversation: a twcc turn's fold is that of its
  // conversation (the n-th conversation met, n % F), so no fold trains on
  // other turns of the conversation it is measured on; other ids, and
  // `row` (default), by row index.
  const bool by_conversation = arg["labels-fold-by"] == "conversation";
  std::map<std::string, size_t> conversation_ordinal;
  const auto fold_of = [&](size_t row, const std::string& id) -> size_t {
    if (!by_conversation || id.rfind("test-", 0) != 0) return row % folds;
    const std::string conversation = id.substr(0, id.rfind('-'));
    const auto it = conversation_ordinal.emplace(conversation, conversation_ordinal.size()).first;
    return it->second % folds;
  };
  for (size_t f = 0; f < label_files.size(); ++f) {
    const float w = std::stof(weights[weights.size() == 1 ? 0 : f]);
    // Each labelled row this many times (its loss spread over several steps
    // rather than one step of a large weight, which Adam's moments remember).
    const int repeat = std::stoi(repeats[repeats.size() == 1 ? 0 : f]);
    const int emotion_repeat = std::stoi(emotion_repeats[emotion_repeats.size() == 1 ? 0 : f]);
    int n[3] = {0, 0, 0};
    size_t held = 0;
    for (const LabelledTurn& t : label_files[f].rows) {
      Example e;
      e.text = t.text;
      e.sentiment = t.sentiment;
      e.sentiment_weight = w;
      s->labels_all.push_back(e), s->labels_all_id.push_back(t.id);
      const size_t row = index++;
      if (folds > 1 && static_cast<int>(fold_of(row, t.id)) == fold) {
        s->labels_heldout.push_back(std::move(e));
        s->labels_heldout_index.push_back(row), s->labels_heldout_id.push_back(t.id);
        ++held;
        continue;
      }
      ++n[e.sentiment];
      if (w > 0.f)
        for (int k = 0; k < repeat; ++k) {
          Example copy = e;
          if (k < emotion_repeat) {
            copy.has_emotions = true;
            copy.emotions = 1u << group_label(t.emotion_group);
          }
          s->train.push_back(std::move(copy));
        }
    }
    std::fprintf(stderr, "team labels: %s: %zu rows (%d negative, %d neutral, %d positive trained at "
                 "weight %.2f x %d; %zu held out)\n", label_files[f].path.c_str(), label_files[f].rows.size(),
                 n[0], n[1], n[2], w, repeat, held);
    if (std::stof(arg["weak-weight"]) > 0.f) print_weak_votes_of(label_files[f], std::stoi(arg["weak-lfs"]));
  }
  return 0;
}

// The label model of --weak-combine weighted (or posterior) fitted on the
// team-labelled `files`. Prints each function's coverage, precision and
// weight (pooled and per file) and, per file, how the majority vote and the
// weighted labels agree with the team, the weighted ones cross-fitted over
// `folds` folds of all rows so that no row is labelled by weights fitted on it.
inline LabelModel fit_weak_label_model(const std::vector<LabelFile>& files, int lfs, float margin, int folds,
                                       bool posterior) {
  std::vector<LfVotes> votes;
  std::vector<int8_t> truth;
  std::vector<size_t> file_end;
  for (const LabelFile& f : files) {
    for (const LabelledTurn& t : f.rows) {
      votes.push_back(lf_votes(analyze_message(t.text).assessment, lfs, &t.text));
      truth.push_back(t.sentiment);
    }
    file_end.push_back(votes.size());
  }
  const LabelModel model = fit_label_model(votes, truth, margin, posterior);
  print_label_model(model, "all --weak-fit-labels rows");
  std::vector<int8_t> majority(votes.size());
  for (size_t i = 0; i < votes.size(); ++i) majority[i] = majority_label(votes[i]);
  const std::vector<int8_t> weighted = cross_fitted_labels(votes, truth, folds, margin, posterior);
  std::fprintf(stderr, "weak labels against the team (team neg/neu/pos x weak neg/neu/pos/abstain; weighted "
               "cross-fitted over %d folds, margin %.2f):\n", folds, margin);
  for (size_t f = 0; f < files.size(); ++f) {
    const size_t from = f ? file_end[f - 1] : 0, to = file_end[f];
    const std::vector<LfVotes> fv(votes.begin() + from, votes.begin() + to);
    const std::vector<int8_t> ft(truth.begin() + from, truth.begin() + to);
    print_label_model(fit_label_model(fv, ft, margin, posterior), files[f].path.c_str());
    print_agreement(("majority " + files[f].path).c_str(), truth, majority, from, to);
    print_agreement(((posterior ? "posterior " : "weighted ") + files[f].path).c_str(), truth, weighted, from, to);
  }
  return model;
}

// Weak supervision: in-domain support text the team did not label (twcc test
// turns, BANKING77 train + test queries), labelled by the rules
// (train_weak.h). Off unless --weak-weight > 0. Returns the exit code.
inline int add_weak_rows(const Options& arg, const DataFiles& files, const TeamLabels& team, TrainingSets* s) {
  const float weak_weight = std::stof(arg["weak-weight"]);
  if (!(weak_weight > 0.f)) return 0;  // off (a NaN weight too)
  std::vector<Example> pool;
  // Texts the team labelled are left out: the team's label replaces the functions'.
  const auto add_unlabelled = [&](const IdText& t) {
    if (team.team_labelled.count(t.id)) return;
    Example e;
    e.text = t.text;
    pool.push_back(std::move(e));
  };
  for (const TwccTurn& t : team.twcc_turns) add_unlabelled(t);
  const bool banking = arg["weak-banking77"] == "1";
  if (banking) {
    std::vector<IdText> queries;
    if (!load_banking77_with_ids(files.banking_train, "banking77-train", &queries)) {
      std::fprintf(stderr, "rapport_train: cannot read %s\n", files.banking_train.c_str());
      return 1;
    }
    for (const IdText& q : queries) add_unlabelled(q);
    if (!load_banking77_texts(files.dir + "/banking77/test.tsv", &pool)) {
      std::fprintf(stderr, "rapport_train: cannot read banking77/test.tsv under %s\n", files.dir.c_str());
      return 1;
    }
  }
  // --weak-combine weighted: the functions' votes weighted by their
  // precision on the --weak-fit-labels rows (train_label_model.h) instead
  // of the majority vote; posterior: each vote counts for every class by
  // how often the team gave it; --weak-margin M: abstain unless the top
  // class leads by more than M.
  std::function<int8_t(const LfVotes&)> combine;
  const std::string how = arg.count("weak-combine") ? arg["weak-combine"] : "majority";
  if (how == "weighted" || how == "posterior") {
    if (team.fit_files.empty()) {
      std::fprintf(stderr, "rapport_train: --weak-combine weighted|posterior needs --weak-fit-labels FILE[,FILE...]\n");
      return 1;
    }
    const float margin = arg.count("weak-margin") ? std::stof(arg["weak-margin"]) : 0.f;
    const int folds = arg.count("weak-fit-folds") ? std::stoi(arg["weak-fit-folds"]) : 5;
    const LabelModel model =
        fit_weak_label_model(team.fit_files, std::stoi(arg["weak-lfs"]), margin, folds, how == "posterior");
    combine = [model](const LfVotes& v) { return weighted_label(model, v); };
  } else if (how != "majority") {
    std::fprintf(stderr, "rapport_train: --weak-combine majority|weighted|posterior\n");
    return 1;
  }
  const size_t unlabelled = pool.size();
  const std::array<int, 3> n =
      add_weakly_labelled(pool, weak_weight, &s->train, std::stoi(arg["weak-lfs"]), combine);
  std::fprintf(stderr, "weak supervision: %zu unlabelled texts -> %d negative, %d neutral, %d positive\n",
               unlabelled, n[0], n[1], n[2]);
  return 0;
}

// The feature hashing of --buckets and --char-*/--rule-prior-weight applied to
// every set, and the out-of-fold predictions of the labelled rows read
// (--oof-in, files written by runs with --labels-folds K --labels-fold k
// --oof-out): each row's probabilities come from a model trained without it,
// so the fusion can be calibrated on them as on unseen in-domain text
// (--calibrate-on, checked here, before the training it would waste).
// Returns the exit code.
inline int featurize_sets(const Options& arg, double t0, TrainingSets* s, FeatureConfig* fc) {
  fc->buckets = static_cast<uint32_t>(std::stoul(arg["buckets"]));
  if (arg.count("char-min")) fc->char_min = std::stoi(arg["char-min"]);
  if (arg.count("char-max")) fc->char_max = std::stoi(arg["char-max"]);
  if (arg.count("char-min-word")) fc->char_min_word = std::stoi(arg["char-min-word"]);
  if (arg.count("rule-prior-weight")) fc->rule_prior_weight = std::stoi(arg["rule-prior-weight"]);
  s->oof = arg.count("oof-in") > 0;
  if (!s->oof) s->labels_all.clear(), s->labels_all_id.clear();
  for (auto* set : {&s->train, &s->dev, &s->bitext_dev, &s->tweeteval, &s->support, &s->labels_heldout,
                    &s->labels_all})
    for (Example& e : *set) featurize(&e, *fc);
  std::string error;
  if (s->oof && !load_oof_predictions(arg["oof-in"], s->labels_all_id, &s->labels_oof.sentiment, &error)) {
    std::fprintf(stderr, "rapport_train: %s\n", error.c_str());
    return 1;
  }
  const std::string& calibrate_on = arg["calibrate-on"];
  if (calibrate_on != "support" && calibrate_on != "labels" && calibrate_on != "both") {
    std::fprintf(stderr, "rapport_train: --calibrate-on support|labels|both\n");
    return 2;
  }
  if (calibrate_on != "support" && !s->oof) {
    std::fprintf(stderr, "rapport_train: --calibrate-on %s needs --oof-in\n", calibrate_on.c_str());
    return 2;
  }
  std::fprintf(stderr, "features: %zu train, %zu dev, %zu bitext dev, %zu tweeteval (%.1fs)\n",
               s->train.size(), s->dev.size(), s->bitext_dev.size(), s->tweeteval.size(), now_s() - t0);
  return 0;
}

// The whole phase: read, label, weakly label, featurize. Returns the exit code.
inline int assemble_training_rows(const Options& arg, double t0, TrainingSets* s, FeatureConfig* fc, Report* r) {
  const DataFiles files(arg["data"]);
  TeamLabels team;
  if (const int rc = load_corpora(arg, files, &team, s, r)) return rc;
  if (const int rc = add_team_label_rows(arg, team, s)) return rc;
  if (const int rc = add_weak_rows(arg, files, team, s)) return rc;
  return featurize_sets(arg, t0, s, fc);
}

}  // namespace rapport::train

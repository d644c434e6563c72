// rapport_train: trains the emotion + sentiment classifier shipped in models/.
//
//   rapport_train --data ../shared/data --out build/model [--fixture FILE]
//                 [--epochs 10] [--buckets 65536] [--dim 64] [--hidden 128] [--seed 1]
//
// Features come from the core (model/features.h), exactly what inference uses.
// Model selection, thresholds and fusion are tuned on GoEmotions dev only;
// TweetEval sentiment val is only measured. Single-threaded, seeded: the same
// inputs give the same bytes. Writes model.weights.bin (read by
// models/train/export_onnx.py), model.meta.json, and optionally the parity fixture.
//
// main() runs the phases in order, each in its own header: the options
// (train_options.h), the rows (train_assemble.h), the member(s)
// (train_run.h), the thresholds and fusion (train_calibrate.h), the figures
// (train_measure.h), then the files below. A phase that fails has printed
// why; its exit code ends the run.
#include <fstream>
#include <string>
#include <vector>

#include "model/model_weights.h"
#include "train_assemble.h"
#include "train_calibrate.h"
#include "train_measure.h"
#include "train_options.h"
#include "train_report.h"
#include "train_run.h"

using namespace rapport;
using namespace rapport::train;

namespace {

// The weights (every member, for the ONNX export), model.meta.json (merged
// into models/model.json by export_onnx.py) and, with --fixture, the parity
// fixture the native and ONNX Runtime Web tests compare against.
void write_outputs(const Options& arg, const std::vector<ModelWeights>& best, const FeatureConfig& fc,
                   const Hyper& h, const Report& r) {
  const std::string& out = arg["out"];
  std::ofstream(out + "/model.weights.bin", std::ios::binary) << serialize_model_ensemble(best);
  std::ofstream(out + "/model.meta.json") << meta_json(r, fc, h, std::stoi(arg["epochs"]), g_ambiguous_is_neutral,
                                                       std::stof(arg["bitext-weight"])).dump(2) << "\n";
  if (arg.count("fixture"))
    std::ofstream(arg["fixture"]) << parity_fixture(best, fc, r).dump(1) << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  Options arg;
  if (!parse_options(argc, argv, &arg)) return 2;
  if (const int rc = set_rule_scopes(arg)) return rc;
  const double t0 = now_s();
  Report r;
  TrainingSets sets;
  FeatureConfig fc;
  if (const int rc = assemble_training_rows(arg, t0, &sets, &fc, &r)) return rc;
  Hyper h;
  std::vector<ModelWeights> best;
  if (const int rc = train_members(arg, sets.train, sets.dev, fc, t0, &h, &best, &r)) return rc;
  Calibration calibration;
  if (const int rc = calibrate_fusion(arg, sets, best, &calibration, &r)) return rc;
  measure_model(arg, sets, best, calibration, t0, &r);
  write_outputs(arg, best, fc, h, r);
  return 0;
}

#!/usr/bin/env bash
# Reproduces the shipped model: npm run train -- <data dir>
#   builds the native trainer (models/train/rapport_train.cc), trains on
#   GoEmotions train + Bitext + the team-labelled twcc test customer turns
#   (models/train/data/) + weakly labelled BANKING77 turns
#   (models/train/train_weak.h; selection and thresholds on GoEmotions dev;
#   sentiment fusion on support-labelled dev + GoEmotions dev, cross-validated),
#   exports models/model.onnx + models/model.json (models/train/export_onnx.py,
#   Debian python3-onnx) and rewrites the parity fixture
#   tests/fixtures/golden/model_parity.json. Single-threaded and seeded.
#
# Option (after the data dir): --calibrate-oof K [--calibrate-on labels|both|support]
#   first trains the same recipe K more times, each without one fold of the
#   team-labelled turns (fold = conversation), and keeps each fold's
#   predictions of its held-out turns; the shipped model's fusion is then
#   calibrated on those out-of-fold predictions (labels: instead of support
#   dev, which is then a true hold-out; both: pooled with it). EXPERIMENTS.md,
#   "Fusion calibrated on out-of-fold team labels".
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-../shared/data}"
shift || true
oof_folds=0
calibrate_on=labels
while [ $# -gt 0 ]; do
  case "$1" in
    --calibrate-oof) oof_folds="$2"; shift 2 ;;
    --calibrate-on) calibrate_on="$2"; shift 2 ;;
    *) echo "train: unknown option '$1' (--calibrate-oof K, --calibrate-on labels|both|support)" >&2; exit 2 ;;
  esac
done
if [ ! -f "$data/goemotions/train.tsv" ]; then
  echo "train: no GoEmotions data under '$data' (usage: npm run train -- <data dir>)" >&2
  exit 2
fi
# Debian's python3 has python3-onnx; a pyenv/venv python on PATH may not.
python=/usr/bin/python3
[ -x "$python" ] || python=python3
"$python" -c 'import onnx, numpy' 2>/dev/null || {
  echo "train: needs Debian python3-onnx and python3-numpy (apt-get install -y python3-onnx python3-numpy)" >&2
  exit 2
}

# The in-domain dev set calibrates the sentiment fusion (5-fold cross-validated
# figures in model.json); it is never trained on.
support_dev="$data/support-labelled/dev-customer.jsonl"
if [ ! -f "$support_dev" ]; then
  echo "train: no in-domain dev set '$support_dev' (the shipped fusion is calibrated on it)" >&2
  exit 2
fi

# The team's labels of the twcc test customer turns (ids and labels; texts
# from $data/twcc/test.json): in-domain sentiment rows.
labels=models/train/data/twcc-test-labels.jsonl

build=build/train
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j2 --target rapport_train
mkdir -p "$build/model"
# The hyperparameters of the shipped model (MODEL_CARD.md explains them).
recipe=(--buckets 50000 --dim 32 --hidden 128 --char-min 4 --char-max 4 --char-min-word 5 --epochs 3 --seed 1 \
  --lr 0.002 --lr-emb 0.01 --sentiment-weight 1 --balance 1 --ambiguous neutral \
  --bag-dropout 0.3 --tune-offsets 0 --word-weight 1 --rule-guard 1 --rule-prior-weight 2 \
  --weak-weight 0.15 --weak-lfs 2 \
  --labels "$labels" --labels-weight 3 --labels-repeat 20 --labels-emotion-repeat 1 \
  --guard-scopes all,negated+sarcasm+courtesy --cap-scope contrast \
  --support-dev "$support_dev" --cv-folds 5)
calibration=()
if [ "$oof_folds" -gt 1 ]; then
  oof_files=()
  for ((k = 0; k < oof_folds; k++)); do
    mkdir -p "$build/oof-$k"
    echo "train: out-of-fold model $((k + 1)) of $oof_folds (team-labelled turns of fold $k held out)" >&2
    "$build/rapport_train" --data "$data" --out "$build/oof-$k" "${recipe[@]}" \
      --labels-folds "$oof_folds" --labels-fold "$k" --labels-fold-by conversation \
      --oof-out "$build/oof-$k/heldout.txt" 2> "$build/oof-$k/train.log" || {
      cat "$build/oof-$k/train.log" >&2
      exit 1
    }
    oof_files+=("$build/oof-$k/heldout.txt")
  done
  calibration=(--oof-in "$(IFS=,; echo "${oof_files[*]}")" --calibrate-on "$calibrate_on")
fi
"$build/rapport_train" --data "$data" --out "$build/model" \
  --fixture tests/fixtures/golden/model_parity.json "${recipe[@]}" "${calibration[@]}"
"$python" models/train/export_onnx.py --weights "$build/model/model.weights.bin" \
  --meta "$build/model/model.meta.json" --data "$data" --labels "$labels" --out models

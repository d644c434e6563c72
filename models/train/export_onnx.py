#!/usr/bin/env python3
"""Writes models/model.onnx and models/model.json from rapport_train's output.

  export_onnx.py --weights build/model/model.weights.bin --meta build/model/model.meta.json
                 --data ../shared/data --out models

The graph (ONNX opset 13, run by onnxruntime-web's wasm backend) is the one
model_weights.h describes: an int8 embedding bag with per-row scales, a ReLU
hidden layer, 28 sigmoid emotion outputs and a 3-way sentiment softmax.
A weight dump of K > 1 members (rapport_train --ensemble K) becomes one graph
over the same inputs that outputs the mean of the members' emotion and
sentiment probabilities (ensemble_graph below).
A dump with a second pooling (RPW2, rapport_train --pooling attention|max)
adds that view of the gathered rows beside the mean (pool_nodes below);
the inputs stay the same, so the engine runs either graph unchanged.
Inputs, for a batch of N messages padded to L ids:
  ids     int32 [N, L]   hashed feature ids (padding: any id, weight 0)
  weights float [N, L]   1/n for each of a message's n ids, 0 for padding
  dense   float [N, F]   lexicon/cue features (model/features.h)
Uses Debian's python3-onnx and numpy only (no hand-written protobuf).
"""
import argparse
import hashlib
import json
import os
import struct
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

TRAINING_FILES = [
    "goemotions/train.tsv", "goemotions/dev.tsv", "goemotions/labels.txt",
    "goemotions/sentiment_groups.json", "bitext/customer_support_sample.csv",
    # Weakly labelled in-domain text (train.sh --weak-weight; models/train/train_weak.h).
    "twcc/test.json", "banking77/train.tsv", "banking77/test.tsv",
]
# Read for fusion calibration (cross-validated) and reported figures only, never trained on.
CALIBRATION_FILES = ["support-labelled/dev-customer.jsonl"]
# Poolings besides the mean (wasm/core/model/model_weights.h kPool*).
POOL_MEAN, POOL_ATTENTION, POOL_MAX = 0, 1, 2


def read_weights(path):
    """One member's arrays, or a list of them for an ensemble dump (RPE1)."""
    blob = open(path, "rb").read()
    if blob[:4] == b"RPE1":
        (count,) = struct.unpack_from("<I", blob, 4)
        offset, members = 8, []
        for _ in range(count):
            arrays, dense, emotions, sentiments, offset = read_member(path, blob, offset)
            members.append(arrays)
        if offset != len(blob):
            sys.exit(f"export-onnx: {path} has {len(blob) - offset} unexpected trailing bytes")
        return members, dense, emotions, sentiments
    arrays, dense, emotions, sentiments, offset = read_member(path, blob, 0)
    if offset != len(blob):
        sys.exit(f"export-onnx: {path} has {len(blob) - offset} unexpected trailing bytes")
    return [arrays], dense, emotions, sentiments


def read_member(path, blob, offset):
    magic = blob[offset:offset + 4]
    if magic not in (b"RPW1", b"RPW2"):
        sys.exit(f"export-onnx: {path} is not a Rapport weight dump")
    buckets, dim, dense, hidden, emotions, sentiments = struct.unpack_from("<6I", blob, offset + 4)
    offset += 28
    pooling = POOL_MEAN
    if magic == b"RPW2":  # a second pooling beside the mean (model_weights.h)
        (pooling,) = struct.unpack_from("<I", blob, offset)
        offset += 4
        if pooling not in (POOL_ATTENTION, POOL_MAX):
            sys.exit(f"export-onnx: {path} names an unknown pooling {pooling}")
    width = dim * (1 if pooling == POOL_MEAN else 2) + dense
    arrays = {}

    def take(name, dtype, shape):
        nonlocal offset
        count = int(np.prod(shape))
        arrays[name] = np.frombuffer(blob, dtype=dtype, count=count, offset=offset).reshape(shape)
        offset += count * np.dtype(dtype).itemsize

    take("embedding_q", np.int8, (buckets, dim))
    take("embedding_scale", np.float32, (buckets,))
    take("w1", np.float32, (hidden, width))
    take("b1", np.float32, (hidden,))
    take("w_emo", np.float32, (emotions, hidden))
    take("b_emo", np.float32, (emotions,))
    take("w_sent", np.float32, (sentiments, hidden))
    take("b_sent", np.float32, (sentiments,))
    if pooling == POOL_ATTENTION:
        take("attention_query", np.float32, (dim, 1))
    arrays["pooling"] = pooling  # not an initializer; build_graph takes it out
    return arrays, dense, emotions, sentiments, offset


def pool_nodes(p, q, pooling):
    """The second view of the rows beside their mean ([N, D] as q + "pool").
    Padding (bag weight 0) is masked out: its score or value becomes -1e30
    before the Softmax or ReduceMax, so it never wins and weighs exp(-huge) = 0."""
    node = helper.make_node
    nodes = [node("Greater", ["weights", "zero"], [q + "real"])]
    if pooling == POOL_ATTENTION:
        return nodes + [
            # score_i = (int8 row . q) * scale: [N,L,D] x [D,1] -> [N,L,1] -> [N,L]
            node("MatMul", [q + "rows", p + "attention_query"], [q + "score_q3"]),
            node("Squeeze", [q + "score_q3", "axis2"], [q + "score_q"]),
            node("Mul", [q + "score_q", q + "row_scale"], [q + "score"]),
            node("Where", [q + "real", q + "score", "minus_huge"], [q + "score_masked"]),
            node("Softmax", [q + "score_masked"], [q + "attention"], axis=1),
            # The attention weights take the row scale like the mean's bag weights.
            node("Mul", [q + "attention", q + "row_scale"], [q + "attention_weight"]),
            node("Unsqueeze", [q + "attention_weight", "axis1"], [q + "attention_weight3"]),
            node("MatMul", [q + "attention_weight3", q + "rows"], [q + "pool3"]),
            node("Squeeze", [q + "pool3", "axis1"], [q + "pool"]),
        ]
    return nodes + [
        node("Unsqueeze", [q + "row_scale", "axis2"], [q + "row_scale3"]),
        node("Mul", [q + "rows", q + "row_scale3"], [q + "rows_float"]),
        node("Unsqueeze", [q + "real", "axis2"], [q + "real3"]),
        node("Where", [q + "real3", q + "rows_float", "minus_huge"], [q + "rows_masked"]),
        node("ReduceMax", [q + "rows_masked"], [q + "pool"], axes=[1], keepdims=0),
    ]


def member_nodes(p, q, pooling=POOL_MEAN):
    """One model's nodes: initializer names prefixed p, outputs prefixed q."""
    node = helper.make_node
    bag = [q + "bag"] if pooling == POOL_MEAN else [q + "bag", q + "pool"]
    return [
        # Gather only the rows this batch needs, still int8; dequantize them.
        node("Gather", [p + "embedding_q", "ids"], [q + "rows_q"], axis=0),
        node("Gather", [p + "embedding_scale", "ids"], [q + "row_scale"], axis=0),
        node("Mul", [q + "row_scale", "weights"], [q + "row_weight"]),
        node("Cast", [q + "rows_q"], [q + "rows"], to=TensorProto.FLOAT),
        # [N,1,L] x [N,L,D] -> [N,1,D]: a batched MatMul (MLAS) is far faster
        # in ORT's wasm build than a broadcast Mul followed by ReduceSum.
        node("Unsqueeze", [q + "row_weight", "axis1"], [q + "row_weight3"]),
        node("MatMul", [q + "row_weight3", q + "rows"], [q + "bag3"]),
        node("Squeeze", [q + "bag3", "axis1"], [q + "bag"]),
    ] + ([] if pooling == POOL_MEAN else pool_nodes(p, q, pooling)) + [
        node("Concat", bag + ["dense"], [q + "x"], axis=1),
        node("Gemm", [q + "x", p + "w1", p + "b1"], [q + "h_pre"], transB=1),
        node("Relu", [q + "h_pre"], [q + "h"]),
        node("Gemm", [q + "h", p + "w_emo", p + "b_emo"], [q + "emo_logits"], transB=1),
        node("Sigmoid", [q + "emo_logits"], [q + "emotions"]),
        node("Gemm", [q + "h", p + "w_sent", p + "b_sent"], [q + "sent_logits"], transB=1),
        node("Softmax", [q + "sent_logits"], [q + "sentiment"], axis=1),
    ]


def build_graph(members, dense, emotions, sentiments):
    """One member: the graph above. K members (an ensemble): each member's
    graph over the same inputs (names prefixed m0_, m1_, ...), and the mean
    of their emotion probabilities and of their sentiment distributions
    (wasm/core/model ensemble_forward). (Tried: the members' tables side by
    side behind one Gather, their bags from one batched MatMul, block-diagonal
    dense layers: slower in ORT's wasm build than the separate members.)"""
    inits, nodes = [], []
    single = len(members) == 1
    pooled = False
    for m, a in enumerate(members):
        p = "" if single else f"m{m}_"
        a = dict(a)
        pooling = a.pop("pooling")
        pooled = pooled or pooling != POOL_MEAN
        inits += [numpy_helper.from_array(np.ascontiguousarray(v), p + name) for name, v in a.items()]
        nodes += member_nodes(p, p, pooling)
    inits.append(numpy_helper.from_array(np.array([1], dtype=np.int64), "axis1"))
    if pooled:  # only then, so a mean-only model keeps its bytes
        inits.append(numpy_helper.from_array(np.array([2], dtype=np.int64), "axis2"))
        inits.append(numpy_helper.from_array(np.array(0, dtype=np.float32), "zero"))
        inits.append(numpy_helper.from_array(np.array(-1e30, dtype=np.float32), "minus_huge"))
    if not single:
        node = helper.make_node
        nodes.append(node("Mean", [f"m{m}_emotions" for m in range(len(members))], ["emotions"]))
        nodes.append(node("Mean", [f"m{m}_sentiment" for m in range(len(members))], ["sentiment"]))
    inputs = [
        helper.make_tensor_value_info("ids", TensorProto.INT32, ["N", "L"]),
        helper.make_tensor_value_info("weights", TensorProto.FLOAT, ["N", "L"]),
        helper.make_tensor_value_info("dense", TensorProto.FLOAT, ["N", dense]),
    ]
    outputs = [
        helper.make_tensor_value_info("emotions", TensorProto.FLOAT, ["N", emotions]),
        helper.make_tensor_value_info("sentiment", TensorProto.FLOAT, ["N", sentiments]),
    ]
    graph = helper.make_graph(nodes, "rapport_emotions", inputs, outputs, inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)],
                              producer_name="rapport export_onnx.py")
    model.ir_version = 7  # what ONNX Runtime Web 1.30 and onnx 1.12 both accept
    onnx.checker.check_model(model)
    return model


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--weights", required=True)
    ap.add_argument("--meta", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--version", default="1.0.0")
    # Team labels kept in the repository (train.sh --labels), by repository path.
    ap.add_argument("--labels", action="append", default=[])
    args = ap.parse_args()

    members, dense, emotions, sentiments = read_weights(args.weights)
    model = build_graph(members, dense, emotions, sentiments)
    os.makedirs(args.out, exist_ok=True)
    onnx_path = os.path.join(args.out, "model.onnx")
    onnx.save(model, onnx_path)

    meta = json.load(open(args.meta))
    meta = {"name": "rapport-emotions", "version": args.version, "file": "model.onnx",
            "fileSha256": sha256(onnx_path), "fileBytes": os.path.getsize(onnx_path),
            "inputs": {"ids": "int32 [N, L]", "weights": "float32 [N, L]",
                       "dense": f"float32 [N, {dense}]"},
            "outputs": {"emotions": f"float32 [N, {emotions}] sigmoid",
                        "sentiment": f"float32 [N, {sentiments}] softmax"},
            **meta,
            "trainingData": {f: sha256(os.path.join(args.data, f)) for f in TRAINING_FILES},
            **({"trainingLabels": {f: sha256(f) for f in args.labels}} if args.labels else {}),
            "calibrationData": {f: sha256(os.path.join(args.data, f)) for f in CALIBRATION_FILES
                                if os.path.exists(os.path.join(args.data, f))}}
    with open(os.path.join(args.out, "model.json"), "w") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")
    print(f"export-onnx: wrote {onnx_path} ({meta['fileBytes']} bytes) and model.json")


if __name__ == "__main__":
    main()

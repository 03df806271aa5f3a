"""5-fold cross-validation of the speaker model, by article: for each fold,
train on the other four fifths (training/train.py), then score the held-out
fifth with ../shared/eval/score.py, copydesk running with that fold's
model. Prints each fold and the totals; with --floors, fails (exit 1) when
a total is below its floor.

    training/.venv/bin/python training/cv.py ../shared/corpus/polnear-train.jsonl

Folds are fixed by a hash of each article's id, so every run splits alike.
A change to a few candidates moves the figures by about ±.0006 through
retraining alone; --partitions N repeats the cross-validation over N
different splits (the first is the fixed one, the others salt the hash) and
prints their mean too, a steadier figure for comparing two builds. The
floors apply to the fixed split.
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import polnear  # noqa: E402
import train  # noqa: E402

ROOT = train.ROOT
FOLDS = 5


def fold_of(record_id, partition=0):
    """The fold of an article; partition 0 is the fixed split the floors use."""
    key = record_id if partition == 0 else f"{partition}:{record_id}"
    return int(hashlib.sha256(key.encode("utf-8")).hexdigest(), 16) % FOLDS


def score(score_py, gold_path, binary, model_path, tmp):
    """score.py's figures for `gold_path`, copydesk using `model_path`."""
    wrapper = os.path.join(tmp, "copydesk-with-model")
    with open(wrapper, "w", encoding="utf-8") as f:
        f.write("#!/bin/sh\n")
        f.write(f'cmd="$1"; shift\nexec "{binary}" "$cmd" --speaker-model "{model_path}" "$@"\n')
    os.chmod(wrapper, 0o755)
    out = subprocess.run([sys.executable, score_py, gold_path, "--bin", wrapper, "--json"],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def totals(results):
    """Micro-averaged figures over the folds, from each fold's counts."""
    gold = sum(r["gold_quotes"] for r in results)
    pred = sum(r["predicted_quotes"] for r in results)
    tp = sum(r["quotes"]["tp"] for r in results)
    e2e = sum(r["who_said_what"]["tp"] for r in results)

    def f1(t):
        p, r = t / pred, t / gold
        return 2 * p * r / (p + r) if p + r else 0.0

    return {
        "quotes_f1": round(f1(tp), 4),
        "speaker_accuracy": round(e2e / tp, 4),
        "who_said_what_f1": round(f1(e2e), 4),
    }


def cross_validate(a, records, partition):
    """The totals of one 5-fold cross-validation, split by `partition`."""
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(FOLDS):
            held = [r for r in records if fold_of(r["id"], partition) == k]
            rest = [r for r in records if fold_of(r["id"], partition) != k]
            model = os.path.join(tmp, f"model-{k}.txt")
            train.train(rest, a.bin, model, a.corpus, a.C, a.quotation_C)
            gold = os.path.join(tmp, f"fold-{k}.jsonl")
            with open(gold, "w", encoding="utf-8") as f:
                for r in held:
                    f.write(json.dumps(r) + "\n")
            res = score(a.score, gold, a.bin, model, tmp)
            results.append(res)
            print(f"split {partition} fold {k}: {len(held)} articles  "
                  f"quotes F1 {res['quotes']['F1']:.3f}  "
                  f"speaker accuracy {res['speaker_accuracy']:.3f}  "
                  f"who-said-what F1 {res['who_said_what']['F1']:.3f}", flush=True)
    t = totals(results)
    if partition:
        print(json.dumps({"cross-validation": t, "partition": partition}), flush=True)
    return t


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "copydesk"))
    ap.add_argument("--score", default=os.path.join(ROOT, "..", "shared", "eval", "score.py"))
    ap.add_argument("--C", type=float, default=train.C)
    ap.add_argument("--quotation-C", type=float, default=train.QUOTATION_C)
    ap.add_argument("--floors", help="a JSON file; its \"cross-validation\" entry holds the floors")
    ap.add_argument("--partitions", type=int, default=1,
                    help="repeat over this many splits and print their mean too (default 1)")
    a = ap.parse_args()
    records = polnear.load(a.corpus)
    every = [cross_validate(a, records, p) for p in range(max(1, a.partitions))]
    t = every[0]
    print(json.dumps({"cross-validation": t}))
    if len(every) > 1:
        mean = {k: round(sum(e[k] for e in every) / len(every), 4) for k in t}
        print(json.dumps({"cross-validation-mean": mean, "partitions": len(every)}))
    if a.floors:
        with open(a.floors, encoding="utf-8") as f:
            floors = json.load(f)["cross-validation"]
        low = {k: (t[k], v) for k, v in floors.items() if t[k] < v}
        for k, (got, floor) in low.items():
            print(f"cv.py: {k} {got} is below its floor {floor}", file=sys.stderr)
        if low:
            sys.exit(1)


if __name__ == "__main__":
    main()

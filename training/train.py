"""Trains copydesk's speaker model from annotated drafts and writes it as
src/analysis/speaker_model.txt (or --out).

    training/.venv/bin/python training/train.py ../shared/corpus/polnear-train.jsonl

What it learns: for each quotation copydesk finds and the annotators also
marked, which of copydesk's candidate speakers (`copydesk candidates
--rules`: the finders' readings, the sentence's subject, the speakers it
could carry from earlier) is the annotators' speaker. A logistic
regression weighs each candidate's features; copydesk takes the most likely
candidate when its probability reaches the threshold chosen here.

Deterministic: the same corpus and the same copydesk give the same file
(lbfgs, no random state, candidates in file order).
"""
import argparse
import os
import sys

import numpy as np
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import polnear  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_OUT = os.path.join(ROOT, "src", "analysis", "speaker_model.txt")
# Regularisation strength (inverse); chosen by 5-fold cross-validation on
# the train split (training/cv.py --grid).
C = 1.0


def feature_names(binary):
    import json
    import subprocess

    out = subprocess.run([binary, "candidates", "--feature-names"], capture_output=True,
                         text=True, check=True).stdout
    return json.loads(out)


def examples(records, candidates, n_features):
    """Rows (features), labels and the quote each row belongs to, for every
    quote copydesk finds that the annotators marked too (headline quotes
    aside: their finder is their own)."""
    rows, labels, groups = [], [], []
    quotes = []  # (record index, quote index, gold or None, [labels])
    for ri, r in enumerate(records):
        qs = candidates[r["id"]]
        matched, _ = polnear.align(r, qs)
        for qi, q in enumerate(qs):
            g = matched.get(qi)
            if q["display"] or g is None:
                continue
            oks = [polnear.speaker_right(g, c["start"], c["end"], c["name"])
                   for c in q["candidates"]]
            quotes.append((ri, qi, g, oks))
            for c, ok in zip(q["candidates"], oks):
                x = np.zeros(n_features, dtype=np.float32)
                x[c["features"]] = 1.0
                rows.append(x)
                labels.append(1 if ok else 0)
                groups.append(len(quotes) - 1)
    if not rows:
        return np.zeros((0, n_features), dtype=np.float32), np.zeros(0), np.zeros(0), quotes
    return np.vstack(rows), np.array(labels), np.array(groups), quotes


def fit(x, y, c=C):
    model = LogisticRegression(C=c, solver="lbfgs", max_iter=5000, tol=1e-8)
    model.fit(x, y)
    return model


def best_threshold(probabilities, groups, quotes):
    """The threshold that gets most quotes right on the training data: a
    quote is right when its most likely candidate is right and reaches the
    threshold, or when nothing reaches it and the annotators name nobody."""
    best = {}
    for gi, (_, _, g, oks) in enumerate(quotes):
        idx = np.nonzero(groups == gi)[0]
        if len(idx):
            k = idx[np.argmax(probabilities[idx])]
            best[gi] = (probabilities[k], oks[k - idx[0]])
        else:
            best[gi] = (0.0, False)
    candidates = sorted({0.0} | {round(p, 3) for p, _ in best.values()})
    scored = []
    for t in candidates:
        right = 0
        for gi, (_, _, g, _) in enumerate(quotes):
            p, ok = best[gi]
            if p >= t:
                right += ok
            else:
                right += g["speaker"] is None
        scored.append((right, -t))
    right, neg_t = max(scored)
    return -neg_t


def write(path, names, model, threshold, source):
    w = model.coef_[0]
    lines = [
        "# The speaker model: see speaker_model.rs for the format.",
        f"# Trained by training/train.py from {os.path.basename(source)}; do not edit by hand.",
        f"bias {float(model.intercept_[0])!r}",
        f"threshold {float(threshold)!r}",
    ]
    for name, weight in zip(names, w):
        if weight != 0.0:
            lines.append(f"{name} {float(weight)!r}")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def train(records, binary, out, source, c=C):
    names = feature_names(binary)
    cands = polnear.run_candidates(binary, records, ["--rules"])
    x, y, groups, quotes = examples(records, cands, len(names))
    model = fit(x, y, c)
    threshold = best_threshold(model.predict_proba(x)[:, 1], groups, quotes)
    write(out, names, model, threshold, source)
    return len(quotes), int(y.sum()), len(y)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "copydesk"))
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--C", type=float, default=C)
    a = ap.parse_args()
    records = polnear.load(a.corpus)
    n_quotes, n_pos, n_rows = train(records, a.bin, a.out, a.corpus, a.C)
    print(f"trained on {n_quotes} quotes, {n_rows} candidates ({n_pos} right); wrote {a.out}")


if __name__ == "__main__":
    main()

"""Trains copydesk's learned models from annotated drafts and writes them
as src/analysis/learned.txt (or --out).

    training/.venv/bin/python training/train.py ../shared/corpus/polnear-train.jsonl

What it learns, from `copydesk candidates --rules` (every quoted span
copydesk finds, and each one's candidate speakers: the finders' readings,
the people, pronouns and clause subjects near it, the speakers it could
carry from earlier):
- the speaker model: for each quotation the annotators also marked, which
  candidate is the annotators' speaker. A logistic regression weighs each
  candidate's features; copydesk takes the most likely when its
  probability reaches the threshold chosen here;
- the quotation model: which quoted spans the annotators marked as
  quotations at all (a title or a name in quotation marks is not one).

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
DEFAULT_OUT = os.path.join(ROOT, "src", "analysis", "learned.txt")
# Regularisation strength (inverse) of the speaker model; chosen by 5-fold
# cross-validation on the train split (training/cv.py --C).
C = 1.0
# The quotation model's: its pairs of facts are many and each is rare, so it
# is held a little tighter (training/cv.py --quotation-C; quotes F1 over
# copydesk's quoted spans .9701 at C=1, .9705 at .3, .9696 at .1: a
# marginal choice).
QUOTATION_C = 0.3


def feature_names(binary):
    """The speaker model's feature names and the quotation model's."""
    import json
    import subprocess

    out = subprocess.run([binary, "candidates", "--feature-names"], capture_output=True,
                         text=True, check=True).stdout
    names = json.loads(out)
    return names["speaker"], names["quotation"]


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


def quotation_examples(records, candidates, n_features):
    """Rows and labels for the quotation model: every quoted span outside
    headlines (copydesk reads a headline's quotes by rule), labelled by
    whether the annotators marked a quote there."""
    rows, labels = [], []
    for r in records:
        qs = candidates[r["id"]]
        matched, _ = polnear.align(r, qs)
        for qi, q in enumerate(qs):
            if q["display"]:
                continue
            x = np.zeros(n_features, dtype=np.float32)
            x[q["features"]] = 1.0
            rows.append(x)
            labels.append(1 if qi in matched else 0)
    return np.vstack(rows), np.array(labels)


def best_f1_threshold(probabilities, labels):
    """The threshold with the best F1 for the positive class."""
    best = (-1.0, 0.5)
    for t in sorted({round(p, 3) for p in probabilities}):
        pred = probabilities >= t
        tp = int((pred & (labels == 1)).sum())
        npred, ngold = int(pred.sum()), int((labels == 1).sum())
        if tp == 0:
            continue
        p, r = tp / npred, tp / ngold
        f1 = 2 * p * r / (p + r)
        best = max(best, (f1, -t))
    return -best[1]


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
    # Among thresholds within a tenth of a point of the best, the highest:
    # where a weak reading costs nothing to drop, name no speaker rather
    # than a doubtful one.
    best_right = max(right for right, _ in scored)
    slack = 0.001 * len(quotes)
    return max(-neg_t for right, neg_t in scored if right >= best_right - slack)


def model_lines(kind, names, model, threshold):
    lines = [
        f"bias.{kind} {float(model.intercept_[0])!r}",
        f"threshold.{kind} {float(threshold)!r}",
    ]
    for name, weight in zip(names, model.coef_[0]):
        if weight != 0.0:
            lines.append(f"{name} {float(weight)!r}")
    return lines


def write(path, source, *models):
    lines = [
        "# The learned models: see learned.rs for the format.",
        f"# Trained by training/train.py from {os.path.basename(source)}; do not edit by hand.",
    ]
    for m in models:
        lines += model_lines(*m)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def train(records, binary, out, source, c=C, quotation_c=QUOTATION_C):
    speaker_names, quotation_names = feature_names(binary)
    cands = polnear.run_candidates(binary, records, ["--rules"])
    x, y, groups, quotes = examples(records, cands, len(speaker_names))
    speaker = fit(x, y, c)
    speaker_threshold = best_threshold(speaker.predict_proba(x)[:, 1], groups, quotes)
    qx, qy = quotation_examples(records, cands, len(quotation_names))
    quotation = fit(qx, qy, quotation_c)
    quotation_threshold = best_f1_threshold(quotation.predict_proba(qx)[:, 1], qy)
    write(out, source,
          ("speaker", speaker_names, speaker, speaker_threshold),
          ("quotation", quotation_names, quotation, quotation_threshold))
    return len(quotes), int(y.sum()), len(y)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "copydesk"))
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--C", type=float, default=C)
    ap.add_argument("--quotation-C", type=float, default=QUOTATION_C)
    a = ap.parse_args()
    records = polnear.load(a.corpus)
    n_quotes, n_pos, n_rows = train(records, a.bin, a.out, a.corpus, a.C, a.quotation_C)
    print(f"trained on {n_quotes} quotes, {n_rows} candidates ({n_pos} right); wrote {a.out}")


if __name__ == "__main__":
    main()

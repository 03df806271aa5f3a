"""Trains copydesk's learned models from annotated drafts and writes them
as src/analysis/learned.txt (or --out).

    training/.venv/bin/python training/train.py ../shared/corpus/polnear-train.jsonl

What it learns, from `copydesk candidates --rules` (every quoted span
copydesk finds, and each one's candidate speakers: the finders' readings,
the people, pronouns and clause subjects near it, the speakers it could
carry from earlier):
- the speaker model: for each quotation the annotators also marked, which
  candidate is the annotators' speaker. A linear score weighs each
  candidate's features; it is learned as a ranking (a conditional logit:
  a softmax over the quote's candidates and "nobody", whose score is 0),
  so that the weights say which candidate beats which for the same quote,
  not how likely a candidate is on its own. copydesk takes the best
  candidate when its logistic probability against nobody, 1 / (1 +
  e^-score), reaches the threshold chosen here;
- the quotation model: which quoted spans the annotators marked as
  quotations at all (a title or a name in quotation marks is not one).

Deterministic: the same corpus and the same copydesk give the same file
(lbfgs from zeros, no random state, candidates in file order, one BLAS
thread).
"""
import argparse
import os
import sys

import numpy as np
from scipy.optimize import minimize
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

# One BLAS thread whatever the environment says: sums in one order, so the
# same data gives the same file.
threadpool_limits(1)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import polnear  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_OUT = os.path.join(ROOT, "src", "analysis", "learned.txt")
# Regularisation strength (inverse) of the speaker model; chosen by 5-fold
# cross-validation on the train split (training/cv.py --C). Speaker
# accuracy: .9230 at C=1, .9244 at 2, .9241 at 3, .9239 at 5 (the
# independent logistic regression it replaced, at C=1: .9187).
C = 2.0
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


def fit_logistic(x, y, c):
    model = LogisticRegression(C=c, solver="lbfgs", max_iter=5000, tol=1e-8)
    model.fit(x, y)
    return model


class RankingModel:
    """A conditional logit over each quote's candidates and "nobody" (score
    0): P(candidate i) = e^s_i / (1 + sum_j e^s_j), s = bias + w.x. With
    several right candidates (the same person twice), their probabilities
    add up; with none (the annotators name nobody, or nobody copydesk
    found), "nobody" is the answer. L2 penalty w.w / (2C), bias free, as
    scikit-learn's logistic regression has it."""

    def __init__(self, c):
        self.c = c

    def fit(self, x, y, groups):
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        n_groups = int(groups.max()) + 1 if len(groups) else 0
        has_right = np.bincount(groups, weights=y, minlength=n_groups) > 0
        lam = 1.0 / self.c

        def objective(theta):
            s = theta[0] + x @ theta[1:]
            top = max(0.0, float(s.max()))  # for exp's range; cancels out
            e = np.exp(s - top)
            nobody = np.exp(-top)
            total = np.bincount(groups, weights=e, minlength=n_groups) + nobody
            right = np.bincount(groups, weights=e * y, minlength=n_groups)
            right = np.where(has_right, right, nobody)
            loss = float(np.sum(np.log(total) - np.log(right)))
            # d loss / d s_i = P(i) - P(i | the answer is right)
            d = e / total[groups] - np.where(has_right[groups], e * y / right[groups], 0.0)
            w = theta[1:]
            grad = np.concatenate([[d.sum()], x.T @ d + lam * w])
            return loss + 0.5 * lam * float(w @ w), grad

        found = minimize(objective, np.zeros(x.shape[1] + 1), jac=True, method="L-BFGS-B",
                         options={"maxiter": 20000, "gtol": 1e-8, "ftol": 1e-15})
        if not found.success:
            raise RuntimeError(f"the speaker model did not converge: {found.message}")
        self.intercept_ = found.x[:1]
        self.coef_ = found.x[1:].reshape(1, -1)
        return self

    def probabilities(self, x):
        """Each candidate's probability against nobody alone, as copydesk
        computes it (learned.rs)."""
        return 1.0 / (1.0 + np.exp(-(self.intercept_[0] + x @ self.coef_[0])))


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
    # The threshold with the most quotes right (the highest of equals). No
    # speaker is no safer than a doubtful one: it is an unattributed-quote
    # warning. Taking the highest within a tenth of a point of the best, as
    # this once did, cost .0008 of cross-validated speaker accuracy and
    # left 8 more warnings on the (published) train stories.
    best_right = max(right for right, _ in scored)
    return max(-neg_t for right, neg_t in scored if right >= best_right)


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
    speaker = RankingModel(c).fit(x, y, groups)
    speaker_threshold = best_threshold(speaker.probabilities(x), groups, quotes)
    qx, qy = quotation_examples(records, cands, len(quotation_names))
    quotation = fit_logistic(qx, qy, quotation_c)
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

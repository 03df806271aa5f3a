"""Reading PolNeAR-style annotated drafts and lining copydesk's quotes and
candidate speakers up with the annotators' (the same rules as
../shared/eval/score.py, so that what is learned is what is scored).

Offsets in the corpus are Python code points; copydesk prints UTF-8 byte
offsets, converted here.
"""
import json
import os
import subprocess
import tempfile

STRIP = " \t\n\"“”‘’'.,;:?!"


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def byte_to_char(text):
    """Map every UTF-8 byte offset (including the end) to a code-point index."""
    m = {}
    b = 0
    for i, ch in enumerate(text):
        m[b] = i
        b += len(ch.encode("utf-8"))
    m[b] = len(text)
    return m


def segments(start, end, text):
    """Cut [start, end) at line breaks; keep pieces with a letter or digit."""
    out = []
    s = start
    for i in range(start, end):
        if text[i] == "\n":
            if any(c.isalnum() for c in text[s:i]):
                out.append((s, i))
            s = i + 1
    if any(c.isalnum() for c in text[s:end]):
        out.append((s, end))
    return out


def surname(name):
    words = [w.strip(".,’'s") for w in (name or "").split()]
    words = [w for w in words if len(w) >= 3 and w[:1].isupper()]
    return words[-1].lower() if words else None


def speaker_right(gold, start, end, name):
    """Whether a predicted speaker (its words at [start, end), its name) is
    the gold quote's, as score.py judges it."""
    if gold["speaker"] is None:
        return start is None
    if start is None:
        return False
    if min(end, gold["speaker_end"]) - max(start, gold["speaker_start"]) > 0:
        return True
    pname = (name or "").lower().strip()
    names = [gold.get("speaker") or "", gold.get("speaker_resolved_silver") or ""]
    names += gold.get("speaker_names") or []
    for n in names:
        n = n.lower().strip()
        if pname and n and (pname in n or n in pname):
            return True
        a, b = surname(name), surname(n.title())
        if a and b and a == b:
            return True
    return False


def run_candidates(binary, records, extra=()):
    """copydesk's quotes and candidates for each record, by id, with
    offsets in code points (`extra`: more arguments to `copydesk
    candidates`, such as `--rules`)."""
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        paths = {}
        for r in records:
            safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in r["id"])
            p = os.path.join(tmp, safe + ".txt")
            with open(p, "w", encoding="utf-8") as f:
                f.write(r["text"])
            paths[p] = r
        cmd = [binary, "candidates", *extra] + list(paths)
        proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
        for line in proc.stdout.splitlines():
            obj = json.loads(line)
            r = paths[obj["file"]]
            bmap = byte_to_char(r["text"])
            for q in obj["quotes"]:
                q["start"], q["end"] = bmap[q["start"]], bmap[q["end"]]
                for c in q["candidates"]:
                    c["start"], c["end"] = bmap[c["start"]], bmap[c["end"]]
            out[r["id"]] = obj["quotes"]
    return out


def align(record, quotes):
    """Pairs each of copydesk's quotes with the gold quote it overlaps most
    (segments cut at line breaks, each gold segment used once, as score.py
    does); returns {quote index: gold quote} and the gold segments left."""
    text = record["text"]
    gold = []
    for g in record["quotes"]:
        for s, e in segments(g["start"], g["end"], text):
            gold.append(dict(g, start=s, end=e))
    preds = []
    for qi, q in enumerate(quotes):
        for s, e in segments(q["start"], q["end"], text):
            preds.append((s, e, qi))
    pairs = []
    for gi, g in enumerate(gold):
        for pi, (s, e, _) in enumerate(preds):
            ov = min(g["end"], e) - max(g["start"], s)
            if ov > 0:
                pairs.append((ov, gi, pi))
    pairs.sort(reverse=True)
    used_g, used_p = set(), set()
    matched = {}
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        matched.setdefault(preds[pi][2], gold[gi])
    missed = [g for gi, g in enumerate(gold) if gi not in used_g]
    return matched, missed

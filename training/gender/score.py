#!/usr/bin/env python3
"""Scores the source count's gender decisions against the hand annotation.

The annotation (annotations-*.tsv: article id, speaker, gender as the text
states it, evidence) lists every quoted person of 144 PolNeAR train
articles: a, b and c the 72 on every ninth line from the first (read while
the evidence rules were written), d 36 more (every ninth from the fifth,
in the first 320 lines) annotated afterwards and held out until the
attribution round that read the misses of all 108, and e 36 more (every
ninth from the eighth, in the first 323 lines) annotated during that round
by a reader who never saw copydesk's output, and held out. This script runs copydesk on those articles
(`copydesk sources --input-format jsonl --format json`), matches each
annotated person to a source of the same article by surname, and reports:

- precision: of the genders copydesk gives (woman, man, nonbinary), the
  share the text agrees with. A person the annotation leaves unknown but
  copydesk genders (mostly from the given name) is counted apart: the
  annotation neither confirms nor contradicts it.
- coverage: of the people the text genders, the share copydesk gives the
  same gender.

    python3 training/gender/score.py ../shared/corpus/polnear-train.jsonl \
        --bin target/release/copydesk [--gender text-only] [--errors]
"""

import argparse
import csv
import glob
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def annotations(sets="abcde"):
    people = {}
    for path in sorted(glob.glob(os.path.join(HERE, "annotations-*.tsv"))):
        if os.path.basename(path)[len("annotations-")] not in sets:
            continue
        with open(path, encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                if row["speaker"] == "-":
                    people.setdefault(row["id"], [])
                    continue
                people.setdefault(row["id"], []).append(row)
    return people


def surname(name):
    words = [w for w in name.replace(".", " ").split() if w]
    while len(words) > 1 and words[-1].lower() in ("jr", "sr", "ii", "iii"):
        words.pop()
    if not words:
        return ""
    last = words[-1].lower()
    for possessive in ("’s", "'s", "’", "'"):
        if last.endswith(possessive):
            return last[: -len(possessive)]
    return last


def match(name, sources):
    """The source that is this person: the same name, else the same surname
    with no other given name (`Clinton` for `Bill Clinton` only when the
    story's Clinton source is not `Hillary Clinton`)."""
    same = [s for s in sources if s["name"].lower() == name.lower()]
    if same:
        return same
    # `Wasserman Schultz` for `Debbie Wasserman Schultz`.
    tail = [s for s in sources if len(s["name"].split()) > 1 and name.lower().endswith(" " + s["name"].lower())]
    if tail:
        return tail
    given = name.split()[0].lower() if len(name.split()) > 1 else None
    return [
        s
        for s in sources
        if surname(s["name"]) == surname(name)
        and (given is None or len(s["name"].split()) < 2 or s["name"].split()[0].lower() == given)
    ]


def run(bin_path, articles, gender):
    lines = "".join(
        json.dumps({"id": a["id"], "text": a["text"], "date": a.get("date")}) + "\n"
        for a in articles
    )
    cmd = [bin_path, "sources", "--input-format", "jsonl", "--format", "json", "-"]
    if gender:
        cmd += ["--gender", gender]
    out = subprocess.run(cmd, input=lines, capture_output=True, text=True, check=True).stdout
    desk = json.loads(out)
    return {story["id"]: story for story in desk["stories"]}


def score(gold, stories):
    counts = dict(right=0, wrong=0, unverified=0, covered=0, gendered=0, missing=0, missing_gendered=0, people=0)
    errors = []
    for article, people in gold.items():
        sources = stories.get(article, {}).get("sources", [])
        people_sources = [s for s in sources if s["kind"] == "person"]
        for person in people:
            counts["people"] += 1
            found = match(person["speaker"], people_sources)
            text_says = person["gender"] if person["gender"] in ("woman", "man", "nonbinary") else None
            if text_says:
                counts["gendered"] += 1
            if not found:
                counts["missing"] += 1
                counts["missing_gendered"] += bool(text_says)
                if text_says:
                    errors.append(("MISSED", article, person["speaker"], text_says, "-", "no source by this name"))
                continue
            said = found[0]["gender"]
            if said == "unknown":
                if text_says:
                    errors.append(("UNKNOWN", article, person["speaker"], text_says, said, found[0]["because"]))
                continue
            if text_says is None:
                counts["unverified"] += 1
                continue
            if said == text_says:
                counts["right"] += 1
                counts["covered"] += 1
            else:
                counts["wrong"] += 1
                errors.append(("WRONG", article, person["speaker"], text_says, said, found[0]["because"]))
    decided = counts["right"] + counts["wrong"]
    counts["precision"] = counts["right"] / decided if decided else 1.0
    counts["coverage"] = counts["covered"] / counts["gendered"] if counts["gendered"] else 0.0
    found = counts["gendered"] - counts["missing_gendered"]
    counts["coverage_of_found"] = counts["covered"] / found if found else 0.0
    return counts, errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus")
    parser.add_argument("--bin", required=True)
    parser.add_argument("--gender", choices=["names", "text-only"])
    parser.add_argument("--errors", action="store_true", help="print every wrong or missed gender")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--sets",
        default="abcde",
        help="which annotation files to score: a, b, c (read while the rules were written), d (annotated afterwards) and e (held out)",
    )
    args = parser.parse_args()
    gold = annotations(args.sets)
    with open(args.corpus, encoding="utf-8") as f:
        articles = [a for a in map(json.loads, f) if a["id"] in gold]
    if len(articles) != len(gold):
        sys.exit(f"{len(gold) - len(articles)} annotated articles are not in {args.corpus}")
    counts, errors = score(gold, run(args.bin, articles, args.gender))
    if args.json:
        print(json.dumps(counts))
    else:
        print(f"articles {len(gold)}  people {counts['people']}  gendered by the text {counts['gendered']}")
        print(f"precision {counts['precision']:.3f} ({counts['right']} right, {counts['wrong']} wrong)")
        print(
            f"coverage  {counts['coverage']:.3f} ({counts['covered']} of {counts['gendered']}); "
            f"of those found as a source {counts['coverage_of_found']:.3f}"
        )
        print(
            f"not found as a source {counts['missing']} ({counts['missing_gendered']} the text genders); "
            f"gendered where the annotation says unknown {counts['unverified']}"
        )
    if args.errors:
        for e in errors:
            print(*e, sep="\t")
    return counts


if __name__ == "__main__":
    main()

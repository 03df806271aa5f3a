#!/usr/bin/env python3
"""The seed article's sources, as issue 13 asks: Ben Wallace, Sergei Lavrov
and Boris Johnson, each a man with evidence (Boris Johnson on his given
name alone, labelled so), the Russian government as an organisation, no
woman quoted, and Liz Truss named but no source.

Usage: copydesk sources --format json SEED | seed_sources.py
"""
import json
import sys

story = json.load(sys.stdin)
sources = {s["name"]: s for s in story["sources"]}
problems = []
expected = {
    "Ben Wallace": ("person", "man", "title"),
    "Sergei Lavrov": ("person", "man", "title"),
    "Boris Johnson": ("person", "man", "given-name"),
    "the Russian government": ("organisation", "unknown", None),
}
for name, (kind, gender, decided_by) in expected.items():
    s = sources.get(name)
    if s is None:
        problems.append(f"{name} is not a source")
    elif (s["kind"], s["gender"], s["decided_by"]) != (kind, gender, decided_by):
        problems.append(f"{name}: {s['kind']}, {s['gender']} by {s['decided_by']}; expected {kind}, {gender} by {decided_by}")
    elif gender != "unknown" and not s["evidence"]:
        problems.append(f"{name}: no evidence listed")
if set(sources) != set(expected):
    problems.append(f"sources are {sorted(sources)}; expected {sorted(expected)}")
if story["totals"]["women"] or story["totals"]["women_words"]:
    problems.append("a woman is counted as quoted")
for p in problems:
    print("seed sources:", p, file=sys.stderr)
print("seed sources:", "; ".join(f"{n} ({s['kind']}, {s['gender']})" for n, s in sources.items()))
sys.exit(1 if problems else 0)

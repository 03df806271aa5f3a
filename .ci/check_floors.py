#!/usr/bin/env python3
"""Compare score.py's --json figures against the floors in .ci/floors.json.

Usage: check_floors.py FLOORS.json NAME SCORES.json

NAME is a key of FLOORS.json ("seed", "polnear-dev"); SCORES.json is what
`score.py GOLD --json` printed. Prints each figure beside its floor and exits
1 if any is below its floor (2 on a usage error). Floors only ever go up.
"""
import json
import sys

# floors.json key -> how to read it from score.py's output
FIGURES = {
    "who_said_what_f1": lambda s: s["who_said_what"]["F1"],
    "quotes_f1": lambda s: s["quotes"]["F1"],
    "resolved_speaker_accuracy": lambda s: s["resolved_speaker_accuracy"],
    "speaker_accuracy": lambda s: s["speaker_accuracy"],
    # training/gender/score.py --json
    "gender_precision": lambda s: s["precision"],
    "gender_coverage": lambda s: s["coverage"],
    "gender_coverage_of_found": lambda s: s["coverage_of_found"],
}


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    floors_path, name, scores_path = sys.argv[1:]
    with open(floors_path, encoding="utf-8") as f:
        floors = json.load(f)
    if name not in floors:
        print(f"check_floors: no floors for {name!r} in {floors_path}", file=sys.stderr)
        return 2
    with open(scores_path, encoding="utf-8") as f:
        text = f.read().strip()
    try:
        scores = json.loads(text.splitlines()[-1])
    except (IndexError, ValueError) as e:
        print(f"check_floors: cannot read the scores for {name}: {e}\n{text}", file=sys.stderr)
        return 2
    failed = False
    for key, floor in floors[name].items():
        if key not in FIGURES:
            print(f"check_floors: unknown figure {key!r} in {floors_path}", file=sys.stderr)
            return 2
        value = FIGURES[key](scores)
        ok = value is not None and value >= floor
        failed |= not ok
        print(f"  {name:12} {key:27} {value!s:>6}  floor {floor:<5}  {'ok' if ok else 'BELOW FLOOR'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

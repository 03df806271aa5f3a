#!/usr/bin/env python3
"""Count who gets a voice in an archive too big for one machine, with Dask.

    python count.py ARCHIVE.jsonl [ARCHIVE.jsonl ...] [--scheduler tcp://HOST:8786]
                    [--copydesk PATH] [--blocksize 64MiB] [--gender names|text-only]

The archive is JSON Lines, one story a line: {"id": ..., "text": ..., "date": ...}
(a glob, or a URL that fsspec reads, works too). Dask cuts it into partitions
of about --blocksize bytes at line ends; each partition is piped to

    copydesk sources --input-format jsonl --format json --totals -

on a worker (the map step; `--totals` keeps no story's row, so each run's
memory and output stay small however big its partition), and the `totals`
and `months` each run gives are
added up field by field (the reduce step): every field of a tally is a whole
number, so the sums are the whole archive's count. The shares are worked out
from the sums at the end, as copydesk works them out from its totals.

Prints one JSON object: {"totals", "months", "shares", "gender"}, the same as
`copydesk sources --format json` on the whole archive less its per-story list.
Exit status 0; 1 when lines of the archive were not stories (copydesk's
messages are repeated on stderr, with line numbers counted in their
partition); 2 when a partition could not be counted.
"""

import argparse
import json
import math
import os
import subprocess
import sys

import dask.bag as db
from dask.distributed import Client, LocalCluster, get_worker


def count_partition(lines, copydesk, gender):
    """The map step: one partition's lines through copydesk, its counts back."""
    command = [copydesk, "sources", "--input-format", "jsonl", "--format", "json", "--totals"]
    if gender:
        command += ["--gender", gender]
    command.append("-")
    # surrogateescape gives back the bytes the archive had, so copydesk
    # itself reports a line that is not UTF-8.
    archive = "".join(lines).encode("utf-8", "surrogateescape")
    run = subprocess.run(command, input=archive, capture_output=True)
    said = run.stderr.decode("utf-8", "replace").splitlines()
    if run.returncode not in (0, 1):  # 1: lines that were not stories, skipped
        raise RuntimeError(f"{' '.join(command)} exited {run.returncode}: " + "\n".join(said))
    desk = json.loads(run.stdout)
    return [{
        "totals": desk["totals"],
        "months": desk["months"],
        # copydesk reports its default policy when it counted nothing.
        "gender": [desk["gender"]] if desk["totals"]["stories"] else [],
        "said": said,
        "skipped": run.returncode == 1,
        "partitions": 1,
        "workers": [worker_name()],
    }]


def worker_name():
    try:
        return get_worker().address
    except ValueError:  # not on a dask.distributed worker (a local scheduler)
        return "local"


def add_tallies(a, b):
    """Two tallies added field by field (every field is a whole number)."""
    return {field: a.get(field, 0) + b.get(field, 0) for field in {**a, **b}}


def add_counts(a, b):
    """The reduce step: two partitions' counts added."""
    months = dict(a["months"])
    for month, tally in b["months"].items():
        months[month] = add_tallies(months.get(month, {}), tally)
    return {
        "totals": add_tallies(a["totals"], b["totals"]),
        "months": months,
        "gender": sorted(set(a["gender"]) | set(b["gender"])),
        "said": a["said"] + b["said"],
        "skipped": a["skipped"] or b["skipped"],
        "partitions": a["partitions"] + b["partitions"],
        "workers": sorted(set(a["workers"]) | set(b["workers"])),
    }


def round3(x):
    """Rounded to three places, halves away from zero, as copydesk rounds."""
    return math.floor(x * 1000.0 + 0.5) / 1000.0


def shares(t):
    """The shares copydesk works out from a tally (src/source_count/mod.rs,
    `Shares::of`): of the named people, and women's share of the words quoted
    from individuals; null when there is nothing to share out."""
    def share(part, whole):
        return round3(part / whole) if whole else None
    individual_words = t["women_words"] + t["men_words"] + t["nonbinary_words"] + t["unknown_words"]
    return {
        "women": share(t["women"], t["people"]),
        "men": share(t["men"], t["people"]),
        "nonbinary": share(t["nonbinary"], t["people"]),
        "unknown": share(t["unknown"], t["people"]),
        "women_of_words": share(t["women_words"], individual_words),
    }


def count_archive(paths, copydesk, blocksize, gender=None):
    """The archive's count, on the cluster the current Dask client talks to."""
    lines = db.read_text(paths, blocksize=blocksize, linedelimiter="\n", errors="surrogateescape")
    whole = lines.map_partitions(count_partition, copydesk, gender).fold(add_counts).compute()
    genders = whole["gender"]
    return {
        "totals": whole["totals"],
        "months": dict(sorted(whole["months"].items())),
        "shares": shares(whole["totals"]),
        # as copydesk says it: one policy, or "mixed"; its default for nothing
        "gender": genders[0] if len(genders) == 1 else "mixed" if genders else "names",
    }, whole


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("archives", nargs="+", help="JSON Lines archives (paths, globs or URLs)")
    parser.add_argument("--scheduler", help="address of a dask.distributed scheduler "
                        "(default: a LocalCluster of 2 workers, 1 thread each)")
    parser.add_argument("--copydesk", default="copydesk",
                        help="the copydesk binary on the workers (default: copydesk on PATH)")
    parser.add_argument("--blocksize", default="64MiB", help="bytes of archive a partition (default: 64MiB)")
    parser.add_argument("--gender", choices=["names", "text-only"],
                        help="passed to copydesk sources (default: the copydesk.toml of the workers' folder, else names)")
    args = parser.parse_args()
    copydesk = args.copydesk
    if os.sep in copydesk:  # a path, not a name on PATH: the workers' folder may differ
        copydesk = os.path.abspath(copydesk)

    cluster = None
    if not args.scheduler:
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None)
    try:
        with Client(args.scheduler or cluster):
            result, whole = count_archive(args.archives, copydesk, args.blocksize, args.gender)
    except (RuntimeError, OSError, ValueError) as e:
        print(f"count.py: {e}", file=sys.stderr)
        return 2
    finally:
        if cluster is not None:
            cluster.close()
    print(json.dumps(result))
    for line in whole["said"]:
        print(line, file=sys.stderr)
    print(f"count.py: {result['totals'].get('stories', 0)} stories in {whole['partitions']} partition(s) "
          f"on {len(whole['workers'])} worker(s)", file=sys.stderr)
    return 1 if whole["skipped"] else 0


if __name__ == "__main__":
    sys.exit(main())

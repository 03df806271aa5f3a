"""count.py on a real Dask LocalCluster (2 workers, several partitions) gives
the same totals and months as `copydesk sources` counting the whole archive
in one process.

    COPYDESK_BIN=target/release/copydesk python -m pytest examples/archive-count

The stories are made up here from a few templates (invented places, people and
quotes), with speakers of each kind and gender evidence, over several months.
"""

import json
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
COPYDESK = os.environ.get("COPYDESK_BIN") or shutil.which("copydesk") or str(REPO / "target/release/copydesk")

sys.path.insert(0, str(HERE))
import count  # the example itself, for its helpers

PLACES = ["Carrow Bay", "Wendlebury", "Polcrane", "Hessingford", "Marrick Vale", "Tollbridge"]
THINGS = [
    ("ferry", "ferry timetable", "the crossing will run hourly"),
    ("market", "Saturday market", "stalls will move to the quay"),
    ("pool", "swimming pool", "the pool will close for repairs"),
    ("school", "school day", "lessons will start at half past eight"),
    ("bridge", "footbridge", "the footbridge will be rebuilt in steel"),
]
WOMEN = ["Elspeth Varga", "Morwenna Tallis", "Ingrid Ashdown", "Priya Colquhoun", "Delphine Oakes"]
MEN = ["Tobias Grint", "Callum Rowse", "Desmond Ifield", "Arturo Penvose", "Lionel Brackett"]
OTHERS = ["Sasha Merrow", "Robin Tenby", "Kit Halloran"]  # given names that say little
ORGS = ["the town council", "the harbour trust", "the bus company", "the parish board"]
QUOTES = [
    "We have waited long enough for this",
    "Nobody asked the people who live here",
    "It will cost more than anyone has admitted",
    "The plan is sound and the money is there",
    "I would like to see the figures first",
    "This is the best news the town has had in years",
    "We will keep everyone informed as the work goes on",
    "Families will notice the difference by the summer",
]


def story(rng, n):
    """One invented story: a headline and four or five quoted sources."""
    place = rng.choice(PLACES)
    short, thing, change = rng.choice(THINGS)
    woman, man, other = rng.choice(WOMEN), rng.choice(MEN), rng.choice(OTHERS)
    org, org2 = rng.sample(ORGS, 2)
    q = rng.sample(QUOTES, 6)
    paras = [f"{place} {short} to change from next month", f"In {place}, {change}, officials said on Tuesday."]
    form = n % 4
    if form == 0:  # courtesy titles
        paras.append(f"Ms {woman}, who runs the {thing}, said the change was overdue. "
                     f"“{q[0]},” Ms {woman.split()[1]} said.")
        paras.append(f"“{q[1]},” said Mr {man}, a neighbour. “{q[2]}.”")
    elif form == 1:  # pronouns
        paras.append(f"{woman} has used the {thing} for twenty years. “{q[0]},” she said.")
        paras.append(f"{man}, a shopkeeper, disagreed. “{q[1]},” he said. “{q[2]}.”")
    elif form == 2:  # role nouns and a given name alone
        paras.append(f"“{q[0]},” said a spokeswoman for {org2}.")
        paras.append(f"“{q[1]},” said {man}, the chairman of the residents' group.")
    else:  # a name that says nothing, an anonymous source
        paras.append(f"“{q[0]},” said {other}, who lives nearby.")
        paras.append(f"A resident, who asked not to be named, said: “{q[1]}.”")
    paras.append(f"“{q[3]},” {org} said in a statement.")
    if n % 3 == 0:
        # Nobody is named for this one: a quote on its own after a paragraph
        # of narrative (right after a statement it would read as more of it).
        paras.append("Work is due to start in the spring.")
        paras.append(f"“{q[4]}.”")
    if n % 5 == 0:
        paras.append(f"{woman.split()[0]} {woman.split()[1]} said: “{q[5]}.”")
    return "\n\n".join(paras) + "\n"


def archive_lines(count_of=60, seed=13):
    rng = random.Random(seed)
    months = ["2025-11", "2025-12", "2026-01", "2026-02"]
    lines = []
    for n in range(count_of):
        line = {"id": f"story-{n:03}", "text": story(rng, n)}
        if n % 7 != 6:  # some stories have no date
            month = rng.choice(months)
            day = 1 + n % 28
            line["date"] = f"{month}-{day:02}" if n % 5 else f"{month.replace('-', '/')}/{day:02}"
        lines.append(json.dumps(line, ensure_ascii=n % 2 == 0))
        if n == 30:
            lines.append("")  # a blank line is skipped, not an error
    return lines


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    path = tmp_path_factory.mktemp("archive") / "desk.jsonl"
    path.write_text("\n".join(archive_lines()) + "\n", encoding="utf-8")
    return path


def copydesk_whole(path, *extra):
    with open(path, "rb") as archive:
        run = subprocess.run([COPYDESK, "sources", "--input-format", "jsonl", "--format", "json", *extra, "-"],
                             stdin=archive, capture_output=True, check=True)
    return json.loads(run.stdout)


def count_py(path, *extra):
    run = subprocess.run([sys.executable, str(HERE / "count.py"), str(path), "--copydesk", COPYDESK, *extra],
                         capture_output=True, text=True, timeout=240)
    return run


def test_the_archive_is_worth_counting(archive):
    """The made-up stories give every kind of source and gender evidence."""
    whole = copydesk_whole(archive)
    t = whole["totals"]
    assert t["stories"] == 60
    for field in ("women", "men", "unknown", "roles", "organisations", "anonymous",
                  "women_words", "men_words", "organisation_words", "unattributed_quotes"):
        assert t[field] > 0, field
    assert len(whole["months"]) == 4
    assert sum(m["stories"] for m in whole["months"].values()) < t["stories"]  # some undated
    decided = {s["decided_by"] for story in whole["stories"] for s in story["sources"]}
    assert {"title", "pronoun", "role-noun", "given-name"} <= decided


def test_partitions_on_a_local_cluster_add_up_to_the_whole(archive):
    run = count_py(archive, "--blocksize", "3kB")
    assert run.returncode == 0, run.stderr
    counted = json.loads(run.stdout)
    parts = re.search(r"(\d+) stories in (\d+) partition\(s\) on (\d+) worker\(s\)", run.stderr)
    assert parts, run.stderr
    assert int(parts[2]) >= 3 and int(parts[3]) == 2, parts[0]

    whole = copydesk_whole(archive)
    assert counted["totals"] == whole["totals"]
    assert counted["months"] == whole["months"]
    assert list(counted["months"]) == list(whole["months"])
    assert counted["shares"] == whole["shares"]
    assert counted["gender"] == whole["gender"]
    for tally in [counted["totals"], *counted["months"].values()]:
        assert all(isinstance(v, int) for v in tally.values())


def test_the_gender_policy_is_passed_to_every_partition(archive):
    run = count_py(archive, "--blocksize", "4kB", "--gender", "text-only")
    assert run.returncode == 0, run.stderr
    counted = json.loads(run.stdout)
    whole = copydesk_whole(archive, "--gender", "text-only")
    assert counted["gender"] == whole["gender"] == "text-only"
    assert counted["totals"] == whole["totals"]
    assert counted["months"] == whole["months"]
    assert counted["totals"]["unknown"] > copydesk_whole(archive)["totals"]["unknown"]


def test_a_line_that_is_no_story_is_reported_and_skipped(tmp_path):
    lines = archive_lines(12, seed=5)
    lines.insert(4, '{"id": "broken", "text": ')
    path = tmp_path / "desk.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = count_py(path, "--blocksize", "2kB")
    assert run.returncode == 1, run.stderr
    assert "standard input" in run.stderr  # copydesk's own message, passed on
    counted = json.loads(run.stdout)
    assert counted["totals"]["stories"] == 12
    whole = subprocess.run([COPYDESK, "sources", "--input-format", "jsonl", "--format", "json", str(path)],
                           capture_output=True)
    assert whole.returncode == 1
    assert counted["totals"] == json.loads(whole.stdout)["totals"]


def test_shares_round_as_copydesk_rounds():
    assert count.round3(0.0005) == 0.001  # halves away from zero, as Rust's f64::round
    assert count.round3(2 / 3) == 0.667
    empty = dict.fromkeys(["people", "women", "men", "nonbinary", "unknown", "women_words",
                           "men_words", "nonbinary_words", "unknown_words"], 0)
    assert count.shares(empty) == dict.fromkeys(["women", "men", "nonbinary", "unknown", "women_of_words"])


def test_each_partition_answers_with_its_totals_alone(archive, monkeypatch):
    """The map step runs `copydesk sources --totals`: no story's row comes
    back from a worker, whatever the size of its partition."""
    lines = archive.read_text(encoding="utf-8").splitlines(keepends=True)
    commands = []
    real_run = subprocess.run

    def spy(args, **kwargs):
        commands.append(args)
        return real_run(args, **kwargs)

    monkeypatch.setattr(count.subprocess, "run", spy)
    [part] = count.count_partition(lines[:10], COPYDESK, None)
    assert part["totals"]["stories"] == 10
    assert "--totals" in commands[0] and commands[0][-1] == "-", commands
    run = real_run([COPYDESK, "sources", "--input-format", "jsonl", "--format", "json", "--totals", str(archive)],
                   capture_output=True, check=True)
    assert len(run.stdout) < 4000, "the totals alone are small"
    assert sorted(json.loads(run.stdout)) == ["gender", "months", "shares", "totals"]

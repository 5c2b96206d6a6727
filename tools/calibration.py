#!/usr/bin/env python3
"""How far Usher's confidence can be trusted: of the answers given at or above a confidence, how many are
right, on a question set in the graders' format (`[[case]]` tables with `q`, `kind` and `must`).

It runs `usher ask --json --batch` once, grades each answer as the shared grader does (an `in` case is
right when matched and every `must` group has an alternative in the answer; an `out` case when not
matched), and prints, for each confidence band, how many answers were given and how many were right.

Usage:
  python3 tools/calibration.py --cases QUESTIONS.toml [--now RFC3339] [--cmd "target/release/usher ..."]
"""

import argparse
import json
import re
import shlex
import subprocess
import sys
import tomllib


def normalise(text):
    text = text.lower()
    text = re.sub("[\u2010-\u2015\u2212]", "-", text)
    text = re.sub("[\u2018\u2019\u201b`\u00b4]", "'", text)
    text = re.sub("[\u201c\u201d\u201e]", '"', text)
    return re.sub(r"\s+", " ", text)


def right(case, reply):
    if case["kind"] == "out":
        return not reply["matched"]
    answer = normalise(reply["answer"])
    return reply["matched"] and all(
        any(normalise(alt) in answer for alt in group) for group in case.get("must", [])
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", required=True)
    parser.add_argument("--now", default="2026-11-29T12:00:00Z")
    parser.add_argument("--cmd", help="default: target/release/usher ask --json --batch; --now NOW is added unless set")
    parser.add_argument("--at", type=float, default=0.9, help="the confidence reported on (default 0.9)")
    args = parser.parse_args()
    with open(args.cases, "rb") as f:
        cases = tomllib.load(f)["case"]
    cmd = args.cmd or "target/release/usher ask --json --batch"
    # The moment is passed to any command that does not set its own, so "--now" is never silently dropped.
    if not any(arg == "--now" or arg.startswith("--now=") for arg in shlex.split(cmd)):
        cmd += f" --now {args.now}"
    questions = "".join(c["q"].replace("\n", " ") + "\n" for c in cases)
    out = subprocess.run(shlex.split(cmd), input=questions, capture_output=True, text=True, check=True)
    replies = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    if len(replies) != len(cases):
        sys.exit(f"{len(cases)} questions but {len(replies)} answers")
    bands = [(args.at, 1.01), (0.7, args.at), (0.5, 0.7), (0.0, 0.5)]
    print(f"{'confidence':<12} {'answered':>8} {'right':>6} {'share':>7}")
    for low, high in bands:
        given = [
            (c, r) for c, r in zip(cases, replies) if r["matched"] and low <= r["confidence"] < high
        ]
        good = sum(right(c, r) for c, r in given)
        share = f"{100 * good / len(given):.1f}%" if given else "-"
        label = f">= {low:.2f}" if high > 1 else f"{low:.2f}-{high:.2f}"
        print(f"{label:<12} {len(given):>8} {good:>6} {share:>7}")
    declined = [(c, r) for c, r in zip(cases, replies) if not r["matched"]]
    good = sum(right(c, r) for c, r in declined)
    print(f"{'declined':<12} {len(declined):>8} {good:>6}")
    wrong = [(c, r) for c, r in zip(cases, replies) if r["matched"] and r["confidence"] >= args.at and not right(c, r)]
    for c, r in wrong:
        print(f"wrong at {r['confidence']:.2f}: {c['q']!r} -> {r.get('topic')}")


main()

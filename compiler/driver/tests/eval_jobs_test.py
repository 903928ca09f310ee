#!/usr/bin/env python3
"""gaic eval -j N gives byte for byte the output (and exit code) of -j 1.

    eval_jobs_test.py GAIC REPO_ROOT WORK_DIR

Input: the example GenerationEvents and every bad-input line (input errors, a blank line,
CRLF endings), repeated so that many chunks are in flight, plus one line longer than the
16 MiB document limit and a last line without a newline; read from a file and from a pipe.
"""
import os
import subprocess
import sys


def main():
    gaic, root, work = sys.argv[1:4]
    events = os.path.join(root, "examples", "events")
    lines = []
    for name in ("generation_event.jsonl", "bad-input.jsonl"):
        with open(os.path.join(events, name), "rb") as f:
            lines += f.read().splitlines()
    body = []
    for i in range(150):
        for j, line in enumerate(lines):
            body.append(line + (b"\r" if (i + j) % 7 == 0 else b""))
        if i == 75:
            body.append(b"{\"x\":\"" + b"a" * (17 << 20) + b"\"}")
    data = b"\n".join(body)  # the last line has no newline
    os.makedirs(work, exist_ok=True)
    path = os.path.join(work, "eval_jobs_input.jsonl")
    with open(path, "wb") as f:
        f.write(data)
    base = [gaic, "eval", os.path.join(root, "policies"), "--entry", "GenerationEvent",
            "--now", "2025-10-01T12:00:00+08:00"]
    results = {}
    for jobs in (1, 2, 4):
        r = subprocess.run(base + ["--input", path, "-j", str(jobs)], capture_output=True)
        results["file -j %d" % jobs] = (r.returncode, r.stdout, r.stderr)
        r = subprocess.run(base + ["--input", "-", "-j", str(jobs)], input=data, capture_output=True)
        results["pipe -j %d" % jobs] = (r.returncode, r.stdout, r.stderr)
    code, out, err = results["file -j 1"]
    if code != 1:
        sys.exit("expected exit 1 (input errors present), got %d: %s" % (code, err.decode()))
    got = out.count(b"\n")
    if got != len(body):
        sys.exit("expected %d output lines, got %d" % (len(body), got))
    if b'"error"' not in out or b'"effect":"deny"' not in out:
        sys.exit("expected both decisions and input errors in the output")
    for name, result in results.items():
        if result != (code, out, err):
            sys.exit("%s differs from -j 1 (exit %d, %d bytes of output)" % (name, result[0], len(result[1])))
    print("ok: %d lines, -j 2 and -j 4 identical to -j 1 (file and pipe)" % len(body))


if __name__ == "__main__":
    main()

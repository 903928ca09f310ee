#!/usr/bin/env python3
"""gaic eval -j N gives byte for byte the output (and exit code) of -j 1.

    eval_jobs_test.py GAIC REPO_ROOT WORK_DIR

Input: the example GenerationEvents and every bad-input line (input errors, a blank line,
CRLF endings), repeated so that many chunks are in flight, plus one line longer than the
16 MiB document limit and a last line without a newline; read from a file and from a pipe.
Then, for the byte ranges -j N reads a regular file in (RANGE bytes each): lines ending
around range boundaries (a '\n' just before, at and after a boundary, a CRLF split by
one, empty lines there), a 300 KB line across boundaries, with and without a final
newline, an empty file and a lone newline; read from a file, a pipe and standard input
redirected from the file at an offset. Then lines over 1 MiB (evaluated one at a time by
one Session; from a file they stay in the file until then) under several --max-line-bytes.
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
    boundary_cases(base, lines, work)


RANGE = 256 << 10  # kRangeBytes in eval_ranges.h


def filler(length, crlf):
    """An input-error line of exactly `length` bytes before its '\n' (CR included)."""
    pad = length - len(b'{"x":""}') - (1 if crlf else 0)
    return b'{"x":"' + b"a" * pad + b'"}' + (b"\r" if crlf else b"")


def boundary_input(lines):
    """Lines whose '\n' falls at RANGE*k + delta for several deltas, with and without CR."""
    body = bytearray()
    k = 0
    for delta, crlf, empty in ((-2, False, False), (-1, False, False), (0, False, False), (1, False, False),
                               (0, True, False), (1, True, False), (-1, False, True), (0, False, True)):
        k += 1
        target = RANGE * k + delta  # index of the '\n'
        i = 0
        while len(body) + len(lines[i % len(lines)]) + 1 + 40 < target:
            body += lines[i % len(lines)] + b"\n"
            i += 1
        body += filler(target - len(body), crlf) + b"\n"
        if empty:
            body += b"\n\r\n"
    body += filler(300 << 10, False) + b"\n"  # across a boundary
    body += lines[0] + b"\r\n" + lines[1]
    return bytes(body)


def run_all(base, data, work, name, offset=0):
    path = os.path.join(work, "eval_jobs_%s.jsonl" % name)
    with open(path, "wb") as f:
        f.write(data)
    results = {}
    for jobs in (1, 2, 4):
        r = subprocess.run(base + ["--input", path, "-j", str(jobs)], capture_output=True)
        results["file -j %d" % jobs] = (r.returncode, r.stdout, r.stderr)
        r = subprocess.run(base + ["--input", "-", "-j", str(jobs)], input=data[offset:], capture_output=True)
        results["pipe -j %d" % jobs] = (r.returncode, r.stdout, r.stderr)
        with open(path, "rb") as f:
            f.seek(offset)
            r = subprocess.run(base + ["--input", "-", "-j", str(jobs)], stdin=f, capture_output=True)
        results["stdin file -j %d" % jobs] = (r.returncode, r.stdout, r.stderr)
    os.remove(path)
    if offset == 0:
        expected = results["file -j 1"]
    else:
        expected = results["pipe -j 1"]
        del results["file -j 1"], results["file -j 2"], results["file -j 4"]
    want_lines = data[offset:].count(b"\n") + (0 if data[offset:].endswith(b"\n") or not data[offset:] else 1)
    if expected[1].count(b"\n") != want_lines:
        sys.exit("%s: expected %d output lines, got %d" % (name, want_lines, expected[1].count(b"\n")))
    for case, result in results.items():
        if result != expected:
            sys.exit("%s: %s differs from -j 1 (exit %d, %d bytes of output)" % (name, case, result[0], len(result[1])))
    print("ok: %s: %d lines identical (file, pipe, stdin from the file)" % (name, want_lines))


def boundary_cases(base, lines, work):
    data = boundary_input(lines)
    run_all(base, data, work, "boundaries")
    run_all(base, data + b"\n", work, "boundaries_final_newline")
    run_all(base, data, work, "boundaries_at_offset", offset=data.index(b"\n", RANGE // 3) + 1)
    run_all(base, b"", work, "empty")
    run_all(base, b"\n", work, "newline")
    run_all(base, lines[0], work, "one_line")
    long_line_cases(base, lines, work)


BIG = 1 << 20  # kBigLineBytes in range_reader.h: longer lines are evaluated one at a time


def long_line_cases(base, lines, work):
    """Lines over BIG (valid, input errors, CRLF, exactly at BIG, a last one without a
    newline) under the default limit and limits at, between and below them."""
    valid_big = b" " * (3 << 20) + lines[0]
    body = []
    for i, line in enumerate([valid_big + b"\r", filler(2 << 20, False), filler(BIG, False), filler(BIG + 1, True),
                              filler(BIG - 1, False), valid_big]):
        body += [lines[(i + k) % len(lines)] for k in range(40)]
        body.append(line)
    body += [lines[1], valid_big]
    data = b"\n".join(body)
    run_all(base, data, work, "long_lines")
    for limit in (BIG, 2500000, 3000):
        run_all(base + ["--max-line-bytes", str(limit)], data, work, "long_lines_limit_%d" % limit)
    run_all(base + ["--max-line-bytes", "3000"], boundary_input(lines), work, "boundaries_limit_3000")


if __name__ == "__main__":
    main()

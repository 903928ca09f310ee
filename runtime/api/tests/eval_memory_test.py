#!/usr/bin/env python3
"""gaic eval streams: peak RSS stays bounded on a large input, one output line per input line.

  eval_memory_test.py GAIC POLICY_DIR WORK_DIR [INPUT_MB] [LIMIT_MB]

Writes INPUT_MB (default 50) of JSON lines (small decisions, input errors, blank lines and
1 MB lines) to WORK_DIR, runs `gaic eval` on it, counts the output lines while they stream,
and checks the child's peak RSS (getrusage RUSAGE_CHILDREN) is under LIMIT_MB (default 200).
"""
import os
import resource
import subprocess
import sys


def generate(path, megabytes):
    base = ('{"at":"2024-06-01T10:00:00Z","customer":{"id":"c%d","age":%d},"channel":"web",'
            '"amount":%d.5,"ship_by":"2024-06-02"}\n')
    big_items = ",".join(['"' + "y" * 60 + '"'] * 16000)  # ~1 MB line
    big = ('{"at":"2024-06-01T10:00:00Z","customer":{"id":"big","age":40},"channel":"app",'
           '"amount":1,"items":[%s]}\n' % big_items).encode()
    lines = 0
    target = megabytes << 20
    with open(path, "wb") as f:
        written = 0
        i = 0
        while written < target:
            i += 1
            if i % 5000 == 0:
                chunk = big
            elif i % 997 == 0:
                chunk = b"\n"  # blank line: an input error
            elif i % 101 == 0:
                chunk = b'{"at":"nope"}\n'
            else:
                chunk = (base % (i, 10 + i % 60, i % 3000)).encode()
            f.write(chunk)
            written += len(chunk)
            lines += 1
    return lines


def main():
    gaic, policy, work = sys.argv[1:4]
    megabytes = int(sys.argv[4]) if len(sys.argv) > 4 else 50
    limit_mb = int(sys.argv[5]) if len(sys.argv) > 5 else 200
    os.makedirs(work, exist_ok=True)
    path = os.path.join(work, "eval_memory_input.jsonl")
    lines = generate(path, megabytes)
    proc = subprocess.Popen([gaic, "eval", policy, "--entry", "Order", "--input", path,
                             "--now", "2024-06-01T12:00:00Z"], stdout=subprocess.PIPE)
    out_lines = errors = 0
    for line in proc.stdout:
        out_lines += 1
        if line.startswith(b'{"line":'):
            errors += 1
    code = proc.wait()
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0
    os.remove(path)
    print("input %d MB, %d lines -> %d output lines (%d input errors), exit %d, peak RSS %.1f MB"
          % (megabytes, lines, out_lines, errors, code, peak_mb))
    ok = out_lines == lines and code == 1 and errors > 0 and peak_mb < limit_mb
    if not ok:
        print("FAIL: expected %d output lines, exit 1, peak RSS under %d MB" % (lines, limit_mb))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

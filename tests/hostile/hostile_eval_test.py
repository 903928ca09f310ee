#!/usr/bin/env python3
"""`gaic eval` over 10,000 hostile lines: one output line per input line, in order, no crash,
bounded memory (issue 7, docs/reliability.md).

  hostile_eval_test.py GAIC POLICY_DIR WORK_DIR [--engines interp,jit] [--limit-mb 200]
  hostile_eval_test.py --generate OUT        # only write the file

The file is generated deterministically (seeded): valid orders, truncated JSON, wrong types,
integers beyond 64 bits, invalid UTF-8, NUL bytes, 1,000-deep nesting, 10 MB lines (a valid
one padded with spaces, a 10 MB string, a 2.6M-element array, one of 20 MB beyond the
document limit), blank lines and CR line ends. For each engine (and with `-j 2` when
`gaic eval` has that option) it checks: exit status 1 (there are input errors) and no
signal; exactly one output line per input line; every output line is JSON; an error line
names its own line number; each valid line's decision equals the decision of the same line
evaluated alone; the child's peak RSS (wait4) is under the limit.
"""
import json
import os
import random
import subprocess
import sys

LINES = 10_000
NOW = "2024-06-01T12:00:00Z"
MB = 1 << 20


def order(rng, i):
    return {
        "at": "2024-06-01T10:00:00Z",
        "customer": {"id": "c%d" % i, "age": rng.randint(10, 70), "verified": rng.random() < 0.3},
        "channel": rng.choice(["web", "app", "store"]),
        "amount": rng.choice([1, 20.5, 999.99, 1500, 2500.25]),
        "items": ["i"] * rng.randint(0, 6),
        "ship_by": rng.choice(["2024-06-02", "2024-09-30", None]),
    }


def dump(value):
    return json.dumps(value, separators=(",", ":")).encode()


def wrong_type(rng, i):
    o = order(rng, i)
    field, value = rng.choice([
        ("amount", "lots"), ("channel", 3), ("customer", []), ("items", {"a": 1}),
        ("ship_by", 20240602), ("at", True), ("channel", "picture"), ("ship_by", "2023-02-30"),
    ])
    o[field] = value
    return dump(o)


def beyond_64_bits(rng, i):
    big = rng.choice(["18446744073709551616", "-9223372036854775809", "1" + "0" * 40])
    return dump(order(rng, i)).replace(b'"age":', b'"age":' + big.encode() + b",\"x\":", 1)


def invalid_utf8(rng, i):
    bad = rng.choice([b"\xff", b"\xc0\xaf", b"\xed\xa0\x80", b"\xe2\x82", b"\xf8\x88\x80\x80\x80"])
    return dump(order(rng, i)).replace(b'"c%d"' % i, b'"c' + bad + b'"', 1)


def nul_bytes(rng, i):
    line = dump(order(rng, i))
    where = rng.choice(["string", "outside", "start"])
    if where == "string":
        return line.replace(b'"c%d"' % i, b'"c\x00d"', 1)
    if where == "outside":
        return line.replace(b",", b",\x00", 1)
    return b"\x00" + line


def deep(rng, i):
    if rng.random() < 0.5:
        return b'{"items":' + b"[" * 1000 + b"]" * 1000 + b"}"
    return b'{"customer":' + b'{"a":' * 1000 + b"1" + b"}" * 1001


def truncated(rng, i):
    line = dump(order(rng, i))
    return line[: rng.randint(1, len(line) - 1)]


def huge_lines():
    padded = b" " * (10 * MB) + b'{"at":"2024-06-01T10:00:00Z","customer":{"id":"pad","age":15},' \
        b'"channel":"web","amount":5}'
    string = b'{"at":"2024-06-01T10:00:00Z","customer":{"id":"' + b"s" * (10 * MB) + \
        b'","age":40},"channel":"web","amount":5}'
    array = b'{"at":"2024-06-01T10:00:00Z","customer":{"id":"a","age":40},"channel":"web",' \
        b'"amount":5,"items":[' + b",".join([b'"x"'] * (2_600_000)) + b"]}"
    too_long = b'{"customer":{"id":"' + b"t" * (20 * MB) + b'"}}'
    return [padded, string, array, too_long]


def generate(path):
    rng = random.Random(20261130)
    kinds = [truncated, wrong_type, beyond_64_bits, invalid_utf8, nul_bytes, deep]
    huge = huge_lines()
    huge_at = {1234: huge[0], 3456: huge[1], 5678: huge[2], 7890: huge[3]}
    valid = []
    with open(path, "wb") as f:
        for i in range(LINES):
            if i in huge_at:
                line = huge_at[i]
            elif i % 97 == 0:
                line = rng.choice([b"", b"   ", b"\r", b"null", b"[]", b"\xef\xbb\xbf"])
            elif rng.random() < 0.35:
                line = dump(order(rng, i))
                if rng.random() < 0.1:
                    line += b"\r"
                valid.append(i)
            else:
                line = rng.choice(kinds)(rng, i)
            assert b"\n" not in line
            f.write(line + b"\n")
    return valid


def run(cmd, out_path):
    with open(out_path, "wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE)
        stderr = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, stderr, usage.ru_maxrss / 1024.0  # MB


def read_output(path):
    with open(path, "rb") as f:
        return f.read().split(b"\n")[:-1]


def check(label, code, stderr, lines, expected_valid, limit_mb, rss):
    failures = []
    if code != 1:
        failures.append("exit %d (expected 1: some lines are input errors); stderr: %r" % (code, stderr[:500]))
    if len(lines) != LINES:
        failures.append("%d output lines for %d input lines" % (len(lines), LINES))
    for n, line in enumerate(lines[:LINES], 1):
        try:
            value = json.loads(line)
        except ValueError:
            failures.append("output line %d is not JSON: %r" % (n, line[:200]))
            continue
        if "error" in value and value.get("line") != n:
            failures.append("output line %d reports line %r" % (n, value.get("line")))
        if n - 1 in expected_valid and line != expected_valid[n - 1]:
            failures.append("line %d: %r != alone %r" % (n, line[:200], expected_valid[n - 1][:200]))
        if len(failures) > 10:
            break
    if rss >= limit_mb:
        failures.append("peak RSS %.1f MB >= %d MB" % (rss, limit_mb))
    print("%s: %d lines out, exit %d, peak RSS %.1f MB" % (label, len(lines), code, rss))
    for f in failures:
        print("  FAIL " + f)
    return not failures


def main(argv):
    if len(argv) in (3, 4) and argv[1] == "--generate":
        valid = generate(argv[2])
        if len(argv) == 4:
            with open(argv[3], "w") as f:
                f.write("\n".join(map(str, valid)) + "\n")
        return 0
    gaic, policy, work = argv[1:4]
    engines = ["interp", "jit"]
    limit_mb = 200
    rest = argv[4:]
    while rest:
        if rest[0] == "--engines":
            engines = rest[1].split(",")
        elif rest[0] == "--limit-mb":
            limit_mb = int(rest[1])
        rest = rest[2:]
    os.makedirs(work, exist_ok=True)
    hostile = os.path.join(work, "hostile.jsonl")
    valid_path = os.path.join(work, "valid.index")
    # Generated in a child, and read back line by line, so that this process stays small:
    # a forked child's peak RSS (wait4) counts what it inherited before exec.
    subprocess.run([sys.executable, __file__, "--generate", hostile, valid_path], check=True)
    with open(valid_path) as f:
        valid = [int(n) for n in f.read().split()]
    alone_in = os.path.join(work, "valid.jsonl")
    wanted = set(valid)
    with open(hostile, "rb") as f, open(alone_in, "wb") as out:
        for i, line in enumerate(f):
            if i in wanted:
                out.write(line)
        line = None
    help_text = subprocess.run([gaic, "eval", "--help"], capture_output=True).stdout
    ok = True
    for engine in engines:
        base = [gaic, "eval", policy, "--entry", "Order", "--now", NOW, "--engine", engine]
        alone_out = os.path.join(work, "valid.%s.out" % engine)
        code, stderr, _ = run(base + ["--input", alone_in], alone_out)
        alone = read_output(alone_out)
        if code != 0 or len(alone) != len(valid):
            print("valid lines alone (%s): exit %d, %d lines for %d: %r" % (engine, code, len(alone), len(valid),
                                                                          stderr[:500]))
            return 1
        expected = dict(zip(valid, alone))
        variants = [("", [])] + ([(" -j 2", ["-j", "2"])] if b"--jobs" in help_text else [])
        for suffix, extra in variants:
            out = os.path.join(work, "hostile.%s.out" % engine)
            code, stderr, rss = run(base + extra + ["--input", hostile], out)
            ok &= check("gaic eval --engine %s%s" % (engine, suffix), code, stderr, read_output(out), expected,
                        limit_mb, rss)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""Runs golden tests: each case's command output must equal its .golden file.

A testdata directory holds cases: `NAME.gai` (a one-file bundle) or a directory `NAME/`
(a multi-file bundle), each with its expected output in `NAME.golden` beside it. The
command comes from the first line of the case file, `// RUN: <command>` (for a directory:
`NAME/RUN`, or the first line of its first .gai file in path order), else from
`testdata/RUN`. In the command `gaic` is the built driver and `{}` the case path relative
to the testdata directory, which is the working directory; it runs under `sh -c`. The
golden holds stdout, then stderr, then a final line `[exit N]`.

A command holding `{engine}` runs once per engine (`interp`, then `jit`; `--engines` or
$GAI_GOLDEN_ENGINES to choose), with `{engine}` replaced by its name, and every run must
give the same golden: the engines' decisions are identical by contract. With --update the
golden is written only when all engines agree.

  golden.py --gaic build/compiler/driver/gaic DIR...           check; exit 1 on a failure
  golden.py --gaic build/compiler/driver/gaic --update DIR...  rewrite the goldens
"""

import argparse
import concurrent.futures
import difflib
import os
import re
import shlex
import subprocess
import sys

RUN_PREFIX = "// RUN:"
GAIC_WORD = re.compile(r"(?<![\w./-])gaic(?![\w./-])")
TIMEOUT_SECONDS = 120
ENGINE_PLACEHOLDER = "{engine}"
DEFAULT_ENGINES = ("interp", "jit")


class Case:
    def __init__(self, testdata, name, path):
        self.testdata = testdata  # absolute testdata directory
        self.name = name          # NAME
        self.path = path          # case path relative to testdata: NAME.gai or NAME

    @property
    def golden_path(self):
        return os.path.join(self.testdata, self.name + ".golden")

    def label(self):
        return os.path.join(os.path.relpath(self.testdata), self.path)


def first_line(path):
    try:
        with open(path, "r", encoding="utf-8", errors="replace") as f:
            return f.readline().rstrip("\r\n")
    except OSError:
        return ""


def run_line_of(path):
    line = first_line(path).lstrip("\ufeff")
    if line.startswith(RUN_PREFIX):
        return line[len(RUN_PREFIX):].strip()
    return None


def gai_files_under(directory):
    found = []
    for root, dirs, files in os.walk(directory):
        dirs.sort()
        for f in files:
            if f.endswith(".gai"):
                found.append(os.path.relpath(os.path.join(root, f), directory))
    return sorted(found, key=lambda p: p.encode("utf-8"))


def command_of(case):
    full = os.path.join(case.testdata, case.path)
    if os.path.isdir(full):
        run_file = os.path.join(full, "RUN")
        if os.path.isfile(run_file):
            return first_line(run_file).strip() or None
        files = gai_files_under(full)
        command = run_line_of(os.path.join(full, files[0])) if files else None
    else:
        command = run_line_of(full)
    if command:
        return command
    default = os.path.join(case.testdata, "RUN")
    if os.path.isfile(default):
        return first_line(default).strip() or None
    return None


def find_cases(testdata):
    cases = []
    for entry in sorted(os.listdir(testdata)):
        full = os.path.join(testdata, entry)
        if os.path.isfile(full) and entry.endswith(".gai"):
            cases.append(Case(testdata, entry[: -len(".gai")], entry))
        elif os.path.isdir(full) and (gai_files_under(full)
                                       or os.path.isfile(full + ".golden")):
            cases.append(Case(testdata, entry, entry))
    return cases


def expand(command, case, gaic, engine=None):
    command = GAIC_WORD.sub(lambda _: shlex.quote(gaic), command)
    if engine is not None:
        command = command.replace(ENGINE_PLACEHOLDER, engine)
    return command.replace("{}", shlex.quote(case.path))


def runs_of(command, engines):
    """The engines a command runs under: [None] when it names none."""
    if command is not None and ENGINE_PLACEHOLDER in command:
        return list(engines)
    return [None]


def run_case(case, gaic, engine=None):
    """Returns (actual output, error text or None)."""
    command = command_of(case)
    if command is None:
        return None, "no command: add a '// RUN:' first line or a testdata/RUN file"
    env = dict(os.environ, LC_ALL="C.UTF-8", TZ="UTC", NO_COLOR="1", GAIC=gaic)
    try:
        proc = subprocess.run(["sh", "-c", expand(command, case, gaic, engine)], cwd=case.testdata,
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, env=env, timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        return None, "timed out after %d s" % TIMEOUT_SECONDS
    out = (proc.stdout + proc.stderr).decode("utf-8", errors="backslashreplace")
    if out and not out.endswith("\n"):
        out += "\n"
    return out + "[exit %d]\n" % proc.returncode, None


def read_golden(case):
    try:
        with open(case.golden_path, "r", encoding="utf-8", newline="") as f:
            return f.read()
    except FileNotFoundError:
        return None


def check_case(case, gaic, update, engines=DEFAULT_ENGINES):
    """Returns (ok, report text): every engine's run against the one golden."""
    outputs = []
    for engine in runs_of(command_of(case), engines):
        actual, error = run_case(case, gaic, engine)
        label = case.label() + (" [engine %s]" % engine if engine else "")
        if error:
            return False, "FAIL %s: %s\n" % (label, error)
        outputs.append((label, actual))
    if update and len(outputs) > 1 and any(o[1] != outputs[0][1] for o in outputs):
        report = "FAIL %s: the engines disagree; golden not updated\n" % case.label()
        for label, actual in outputs[1:]:
            report += "".join(difflib.unified_diff(outputs[0][1].splitlines(True), actual.splitlines(True),
                                                   outputs[0][0], label))
        return False, report
    results = [check_output(case, label, actual, update) for label, actual in outputs]
    return all(ok for ok, _ in results), "".join(report for _, report in results)


def check_output(case, label, actual, update):
    expected = read_golden(case)
    if update:
        if expected == actual:
            return True, ""
        with open(case.golden_path, "w", encoding="utf-8", newline="") as f:
            f.write(actual)
        return True, "updated %s\n" % os.path.relpath(case.golden_path)
    if expected is None:
        return False, "FAIL %s: missing %s (run with --update)\n" % (
            label, os.path.relpath(case.golden_path))
    if expected == actual:
        return True, ""
    diff = difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                os.path.relpath(case.golden_path), "actual")
    return False, "FAIL %s\n%s" % (label, "".join(diff))


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Run golden tests.")
    parser.add_argument("dirs", nargs="+", metavar="TESTDATA", help="testdata directories")
    parser.add_argument("--gaic", default=os.environ.get("GAIC"),
                        help="path of the built gaic (default: $GAIC)")
    parser.add_argument("--update", action="store_true", help="rewrite the goldens")
    parser.add_argument("-j", "--jobs", type=int, default=2, help="cases run in parallel")
    parser.add_argument("--engines", default=os.environ.get("GAI_GOLDEN_ENGINES", ",".join(DEFAULT_ENGINES)),
                        help="engines a command with {engine} runs under, comma-separated "
                             "(default: $GAI_GOLDEN_ENGINES or interp,jit)")
    return parser.parse_args(argv)


def main(argv):
    args = parse_args(argv)
    if not args.gaic:
        print("golden.py: no driver: pass --gaic PATH or set GAIC", file=sys.stderr)
        return 2
    gaic = os.path.abspath(args.gaic)
    engines = [e for e in args.engines.split(",") if e]
    if not engines:
        print("golden.py: --engines names no engine", file=sys.stderr)
        return 2
    if not os.access(gaic, os.X_OK):
        print("golden.py: %s is not an executable" % gaic, file=sys.stderr)
        return 2
    cases = []
    for d in args.dirs:
        if not os.path.isdir(d):
            print("golden.py: %s is not a directory" % d, file=sys.stderr)
            return 2
        cases.extend(find_cases(os.path.abspath(d)))
    with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as pool:
        results = list(pool.map(lambda c: check_case(c, gaic, args.update, engines), cases))
    failed = 0
    for ok, report in results:
        sys.stdout.write(report)
        failed += 0 if ok else 1
    print("%d passed, %d failed" % (len(results) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

#!/usr/bin/env python3
"""Every diagnostic code in compiler/diagnostics/diagnostics.def must be produced by at
least one golden test: some `.golden` file of the repository reports it, as text
(`error[E0101]`, `warning[W0001]`), JSON (`"code": "E0101"`) or a SARIF result
(`"ruleId": "E0101"`). A code merely listed (say, among SARIF rules) does not count.

  diagnostics_coverage.py [REPO_ROOT]    prints the missing codes; exit 1 if any
"""

import os
import re
import sys

DIAG_LINE = re.compile(r'^\s*DIAG\(\s*(\w+)\s*,\s*"([EW]\d{4})"')
SKIP_DIRS = {".git", "node_modules"}
CODE = r"([EW]\d{4})"
REPORTED = re.compile(r"(?:(?<![\w])(?:error|warning)\[%s\]|\"code\":\s*\"%s\"|\"ruleId\":\s*\"%s\")"
                      % (CODE, CODE, CODE))


def declared_codes(def_path):
    codes = []
    with open(def_path, encoding="utf-8") as f:
        for line in f:
            m = DIAG_LINE.match(line)
            if m:
                codes.append((m.group(2), m.group(1)))
    return codes


def golden_text(root):
    chunks = []
    for dirpath, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS and not d.startswith("build")]
        for name in files:
            if name.endswith(".golden"):
                with open(os.path.join(dirpath, name), encoding="utf-8", errors="replace") as f:
                    chunks.append(f.read())
    return "\n".join(chunks)


def main(argv):
    root = os.path.abspath(argv[1] if len(argv) > 1 else
                           os.path.join(os.path.dirname(__file__), ".."))
    codes = declared_codes(os.path.join(root, "compiler", "diagnostics", "diagnostics.def"))
    if not codes:
        print("no DIAG lines found in diagnostics.def")
        return 1
    text = golden_text(root)
    reported = {next(g for g in m.groups() if g) for m in REPORTED.finditer(text)}
    missing = [(code, name) for code, name in codes if code not in reported]
    for code, name in missing:
        print("missing: %s %s" % (code, name))
    print("%d of %d diagnostic codes have a golden test" % (len(codes) - len(missing), len(codes)))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""Tests scripts/golden.py against a stand-in driver (a shell script), in a temp dir."""

import os
import subprocess
import sys
import tempfile
import textwrap
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
RUNNER = os.path.join(ROOT, "scripts", "golden.py")

FAKE_GAIC = textwrap.dedent("""\
    #!/bin/sh
    echo "out: $*"
    echo "err: $(pwd | sed 's|.*/||')" >&2
    case "$*" in *fail*) exit 1;; esac
    exit 0
    """)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


class GoldenRunnerTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.gaic = os.path.join(self.dir, "fake gaic")
        write(self.gaic, FAKE_GAIC)
        os.chmod(self.gaic, 0o755)
        self.testdata = os.path.join(self.dir, "testdata")
        write(os.path.join(self.testdata, "one.gai"), "// RUN: gaic check {}\npackage a\n")
        write(os.path.join(self.testdata, "bad.gai"), "package a\n")
        write(os.path.join(self.testdata, "multi", "b.gai"), "package b\n")
        write(os.path.join(self.testdata, "multi", "a.gai"), "// RUN: gaic fail {}\npackage a\n")
        write(os.path.join(self.testdata, "RUN"), "gaic dump ast {}\n")

    def tearDown(self):
        self.tmp.cleanup()

    def run_runner(self, *args, env=None):
        return subprocess.run([sys.executable, RUNNER, *args], capture_output=True, text=True,
                              env=env or os.environ)

    def test_update_then_check_passes(self):
        r = self.run_runner("--gaic", self.gaic, "--update", self.testdata)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(read(os.path.join(self.testdata, "one.golden")),
                         "out: check one.gai\nerr: testdata\n[exit 0]\n")
        self.assertEqual(read(os.path.join(self.testdata, "bad.golden")),
                         "out: dump ast bad.gai\nerr: testdata\n[exit 0]\n")
        # A directory case takes the RUN line of its first file in path order.
        self.assertEqual(read(os.path.join(self.testdata, "multi.golden")),
                         "out: fail multi\nerr: testdata\n[exit 1]\n")
        r = self.run_runner("--gaic", self.gaic, self.testdata)
        self.assertEqual(r.returncode, 0, r.stdout)
        self.assertIn("3 passed, 0 failed", r.stdout)

    def test_mismatch_prints_diff_and_fails(self):
        self.run_runner("--gaic", self.gaic, "--update", self.testdata)
        write(os.path.join(self.testdata, "one.golden"), "out: check one.gai\n[exit 0]\n")
        r = self.run_runner("--gaic", self.gaic, self.testdata)
        self.assertEqual(r.returncode, 1)
        self.assertIn("FAIL", r.stdout)
        self.assertIn("+err: testdata", r.stdout)
        self.assertIn("2 passed, 1 failed", r.stdout)

    def test_missing_golden_fails(self):
        r = self.run_runner("--gaic", self.gaic, self.testdata)
        self.assertEqual(r.returncode, 1)
        self.assertIn("missing", r.stdout)
        self.assertIn("0 passed, 3 failed", r.stdout)

    def test_case_without_command_fails(self):
        os.remove(os.path.join(self.testdata, "RUN"))
        r = self.run_runner("--gaic", self.gaic, "--update", self.testdata)
        self.assertEqual(r.returncode, 1)
        self.assertIn("bad.gai: no command", r.stdout)

    def test_driver_from_environment_and_usage_errors(self):
        env = dict(os.environ, GAIC=self.gaic)
        self.assertEqual(self.run_runner("--update", self.testdata, env=env).returncode, 0)
        env.pop("GAIC")
        self.assertEqual(self.run_runner(self.testdata, env=env).returncode, 2)
        self.assertEqual(self.run_runner("--gaic", self.gaic, "/nonexistent").returncode, 2)

    def test_engine_placeholder_runs_each_engine_against_one_golden(self):
        write(os.path.join(self.testdata, "one.gai"),
              "// RUN: echo {engine} >> engines.log; gaic check {}\npackage a\n")
        r = self.run_runner("--gaic", self.gaic, "--update", self.testdata)
        self.assertEqual(r.returncode, 0, r.stdout)
        self.assertEqual(read(os.path.join(self.testdata, "engines.log")), "interp\njit\n")
        self.assertEqual(read(os.path.join(self.testdata, "one.golden")),
                         "out: check one.gai\nerr: testdata\n[exit 0]\n")
        r = self.run_runner("--gaic", self.gaic, "--engines", "jit", self.testdata)
        self.assertEqual(r.returncode, 0, r.stdout)
        self.assertEqual(read(os.path.join(self.testdata, "engines.log")), "interp\njit\njit\n")

    def test_engines_that_disagree_fail_and_are_not_written(self):
        write(os.path.join(self.testdata, "one.gai"), "// RUN: gaic check {engine}\npackage a\n")
        r = self.run_runner("--gaic", self.gaic, "--update", self.testdata)
        self.assertEqual(r.returncode, 1)
        self.assertIn("the engines disagree", r.stdout)
        self.assertFalse(os.path.exists(os.path.join(self.testdata, "one.golden")))
        write(os.path.join(self.testdata, "one.golden"), "out: check interp\nerr: testdata\n[exit 0]\n")
        r = self.run_runner("--gaic", self.gaic, self.testdata)
        self.assertEqual(r.returncode, 1)
        self.assertIn("one.gai [engine jit]\n", r.stdout)
        self.assertNotIn("[engine interp]", r.stdout)


if __name__ == "__main__":
    unittest.main()

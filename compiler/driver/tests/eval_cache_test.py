#!/usr/bin/env python3
"""gaic eval leaves its optimised JIT code in the cache, however short its input.

    eval_cache_test.py GAIC REPO_ROOT WORK_DIR

A JIT compile that misses the cache returns on unoptimised code and optimises in the
background; gaic eval waits for that before it exits, so the next run finds the object.
With an empty cache directory: one line (-j 1, then -j 2 in a second empty directory)
leaves one cached object and the same output as a run without a cache; a second run
adds nothing and answers the same.
"""
import os
import shutil
import subprocess
import sys


def cached(directory):
    return sorted(os.path.join(d, f) for d, _, files in os.walk(directory) for f in files)


def main():
    gaic, root, work = sys.argv[1:4]
    events = os.path.join(root, "examples", "events", "generation_event.jsonl")
    with open(events, "rb") as f:
        line = f.readline()
    base = [gaic, "eval", os.path.join(root, "policies"), "--entry", "GenerationEvent",
            "--now", "2025-10-01T12:00:00+08:00", "--engine", "jit"]
    env = dict(os.environ)
    env.pop("GAI_JIT_TIERED", None)
    want = subprocess.run(base + ["--no-cache"], input=line, capture_output=True, env=env)
    if want.returncode != 0 or want.stdout.count(b"\n") != 1:
        sys.exit("gaic eval --no-cache failed (exit %d): %s" % (want.returncode, want.stderr.decode()))
    for jobs in ("1", "2"):
        cache = os.path.join(work, "eval_cache_j" + jobs)
        shutil.rmtree(cache, ignore_errors=True)
        os.makedirs(cache)
        for run in ("first", "second"):
            r = subprocess.run(base + ["--cache-dir", cache, "-j", jobs], input=line, capture_output=True, env=env)
            if (r.returncode, r.stdout, r.stderr) != (want.returncode, want.stdout, want.stderr):
                sys.exit("-j %s, %s run: output differs from --no-cache (exit %d): %s"
                         % (jobs, run, r.returncode, r.stderr.decode()))
            files = cached(cache)
            if len(files) != 1:
                sys.exit("-j %s, %s run: expected one cached object, found %s" % (jobs, run, files))
        shutil.rmtree(cache)
    print("ok: one line, -j 1 and -j 2: the optimised object is cached, output unchanged")


if __name__ == "__main__":
    main()

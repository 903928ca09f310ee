#!/usr/bin/env python3
"""Runs the libFuzzer targets of a GAI_FUZZ build for a bounded time each (README.md here).

    fuzz.py --build DIR [--seconds N] [--fresh] [--jobs N] [TARGET...]

TARGET is check, decide or bind (default: all three). Seeds are generated from the
repository's tests into DIR/fuzz/seeds/TARGET on every run. The working corpus is
DIR/fuzz/corpus/TARGET (kept between runs), or with --fresh an emptied DIR/fuzz/fresh/TARGET
(what the ctest entries use). A crash, leak, timeout, out-of-memory or engine mismatch is
kept in DIR/fuzz/artifacts/TARGET/ (crash-*, leak-*, timeout-*, oom-*) and the full log in
DIR/fuzz/logs/TARGET.log; the exit status is then 1. Reproduce: BINARY ARTIFACT.
"""
import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent

# name -> (binary relative to the build dir, max_len, per-input timeout in s, dictionaries)
TARGETS = {
    "check": ("tests/fuzz/gai_check_fuzz", 16384, 10, ["gai.dict"]),
    "decide": ("tests/fuzz/gai_decide_fuzz", 4096, 30, ["gai.dict", "json.dict"]),
    "bind": ("runtime/core/gai_rt_bind_fuzz", 4096, 10, ["json.dict"]),
}

# Inputs the binding fixture (runtime/core/fuzz/bind_fuzz.cpp) accepts or nearly accepts.
BIND_SEEDS = [
    '{"n":1}',
    '{"n":-9223372036854775808,"s":"x","d":"2024-02-29","t":"2025-10-01T12:00:00+08:00"}',
    '{"n":0,"m":["text","image"],"ss":["a","b"],"sf":[1.5,-0.0,1e308]}',
    '{"n":2,"labels":[{"ok":true,"ratio":0.5},{"ok":false}],"label":{"ok":true,"ratio":null}}',
    '{"n":3,"u":"15d","s":null,"d":null,"label":null}',
    '{"n":1e3}',
    '{"n":"1"}',
]

MAX_SEED_LINES = 16
GENERATOR_SEEDS = 32


def repo_files(suffix):
    """Files of the repository with this suffix, skipping build directories and .git."""
    found = []
    for dirpath, dirnames, filenames in os.walk(ROOT):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("build") and not d.startswith("."))
        found.extend(Path(dirpath) / f for f in sorted(filenames) if f.endswith(suffix))
    spec = ROOT.parent / "shared" / "spec"
    if suffix == ".gai" and spec.is_dir():
        found.extend(sorted(spec.glob("*.gai")))
    return found


def jsonl_lines(path):
    return [l for l in path.read_text(encoding="utf-8", errors="replace").splitlines() if l.strip()]


def write_seeds(directory, seeds):
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    for i, data in enumerate(seeds):
        (directory / f"seed-{i:04d}").write_bytes(data)
    return len(seeds)


def seeds_for(name):
    gai_files = repo_files(".gai")
    if name == "check":
        return [p.read_bytes() for p in gai_files]
    if name == "decide":
        seeds = []
        for p in gai_files:
            inputs = sorted(p.parent.glob("*.jsonl"))
            lines = []
            for q in inputs:
                lines.extend(jsonl_lines(q))
            lines = lines[:MAX_SEED_LINES] or ["{}"]
            seeds.append(p.read_bytes() + b"\n%%\n" + "\n".join(lines).encode() + b"\n")
        # Generator mode (first byte 0): fixed pseudo-random draws for the program generator.
        rng = random.Random(7)
        seeds.extend(b"\x00" + bytes(rng.randrange(256) for _ in range(rng.choice([16, 64, 256, 1024])))
                     for _ in range(GENERATOR_SEEDS))
        return seeds
    lines = [l.encode() for q in repo_files(".jsonl") for l in jsonl_lines(q)]
    return lines + [s.encode() for s in BIND_SEEDS]


def dictionary(build, name, dicts):
    out = build / "fuzz" / f"{name}.dict"
    out.write_text("".join((HERE / d).read_text(encoding="utf-8") for d in dicts), encoding="utf-8")
    return out


def sanitizer_env():
    env = dict(os.environ)
    env["GAI_CACHE_DIR"] = ""  # every fuzzed program is new: no JIT object cache on disk
    env.setdefault("ASAN_OPTIONS", "abort_on_error=0:detect_leaks=1:allocator_may_return_null=1")
    env.setdefault("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1")
    supp = HERE / "lsan.supp"
    if supp.exists():
        env.setdefault("LSAN_OPTIONS", f"suppressions={supp}:print_suppressions=0")
    return env


def summarize(name, log, seconds_taken):
    runs = re.findall(r"stat::number_of_executed_units:\s+(\d+)", log)
    new = re.findall(r"stat::new_units_added:\s+(\d+)", log)
    status = re.findall(r"#\d+\s+\w+\s+cov: (\d+) ft: (\d+) corp: (\d+)", log)
    done = re.findall(r"Done (\d+) runs in (\d+) second", log)
    execs = runs[-1] if runs else (done[-1][0] if done else "?")
    cov = f"cov {status[-1][0]}, ft {status[-1][1]}, corpus {status[-1][2]}" if status else "no coverage line"
    return f"fuzz/{name}: {execs} executions in {seconds_taken:.0f} s; {cov}; {new[-1] if new else '?'} new units"


def run_target(args, build, name):
    binary, max_len, timeout, dicts = TARGETS[name]
    exe = build / binary
    if not exe.exists():
        print(f"fuzz/{name}: {exe} is not built (configure with -DGAI_SANITIZE=ON -DGAI_FUZZ=ON)", file=sys.stderr)
        return False
    base = build / "fuzz"
    seeds = base / "seeds" / name
    count = write_seeds(seeds, seeds_for(name))
    corpus = base / ("fresh" if args.fresh else "corpus") / name
    if args.fresh and corpus.exists():
        shutil.rmtree(corpus)
    artifacts = base / "artifacts" / name
    for d in (corpus, artifacts, base / "logs"):
        d.mkdir(parents=True, exist_ok=True)
    before = set(artifacts.iterdir())
    cmd = [str(exe), f"-max_total_time={args.seconds}", f"-max_len={max_len}", f"-timeout={timeout}",
           "-rss_limit_mb=2048", "-malloc_limit_mb=1024", "-print_final_stats=1", "-detect_leaks=1",
           f"-artifact_prefix={artifacts}/", f"-dict={dictionary(build, name, dicts)}"]
    if args.jobs > 1:
        cmd.append(f"-fork={args.jobs}")
    cmd += [str(corpus), str(seeds)]
    print(f"==> fuzz/{name}: {args.seconds} s, {count} seeds, corpus {corpus}", flush=True)
    log_path = base / "logs" / f"{name}.log"
    start = time.monotonic()
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=sanitizer_env(),
                              timeout=args.seconds + 600)
        log, rc = proc.stdout.decode("utf-8", "replace"), proc.returncode
    except subprocess.TimeoutExpired as e:
        log, rc = (e.stdout or b"").decode("utf-8", "replace") + "\nfuzz.py: the run did not end in time\n", -1
    taken = time.monotonic() - start
    log_path.write_text(log, encoding="utf-8")
    found = sorted(set(artifacts.iterdir()) - before)
    print(summarize(name, log, taken), flush=True)
    if rc == 0 and not found:
        return True
    print(f"fuzz/{name}: FAILED (exit {rc}); log {log_path}", flush=True)
    for f in found:
        print(f"  kept input: {f}   reproduce: {exe} {f}", flush=True)
    tail = log.splitlines()[-60:]
    print("\n".join(tail), flush=True)
    return False


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", required=True, type=Path, help="a build configured with GAI_FUZZ=ON")
    parser.add_argument("--seconds", type=int, default=600, help="per target (default 600)")
    parser.add_argument("--fresh", action="store_true", help="start from the seeds only, in a scratch corpus")
    parser.add_argument("--jobs", type=int, default=1, help="parallel fuzzing processes per target (-fork)")
    parser.add_argument("targets", nargs="*", help="check, decide, bind (default: all)")
    args = parser.parse_args()
    names = args.targets or list(TARGETS)
    unknown = [n for n in names if n not in TARGETS]
    if unknown:
        parser.error(f"unknown target(s) {', '.join(unknown)}; known: {', '.join(TARGETS)}")
    build = args.build.resolve()
    results = [run_target(args, build, n) for n in names]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())

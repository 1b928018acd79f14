#!/usr/bin/env python3
"""Compare usagelens with the reference tools on one corpus, in one run (DESIGN.md section 8).

What it does:
  1. corpus: reuses or generates `../shared/bench/gen.py --out $CORPUS --size-mb 1024 --files 400 --seed 1 --zstd`
     (reused when its manifest.json has the same seed, size and file count) and makes two folders of
     symlinks next to it, `$CORPUS.views/plain` (*.jsonl) and `$CORPUS.views/zst` (*.jsonl.zst), so each
     tool reads only one kind;
  2. build: the C references (`make -C ../shared/bench`), usagelens (`swift build -c release --static-swift-stdlib`, as `make build`) and DuckDB
     (imported, else `pip install duckdb==1.4.4`; skipped with a reason if it cannot be installed);
  3. time: warms the page cache, then runs every configuration once per round, alternating the tools, and
     keeps the best wall time and the peak RSS of each:
       usagelens daily --json --tz UTC --threads 1|2            plain and zst
       yajl_sum -p, 1 process and 2 processes on balanced halves plain and zst
       duck_query.py --threads 1|2 --schema explicit --dedup     plain and zst
  4. memory per stored event: usagelens also runs on samples/ and on a slice of the corpus (its largest file per
     thread: the same per-worker fixed costs, read buffers and the .zst decoder's window, with few events);
     B/event marginal = (peak RSS - slice's) / (events - slice's) is what the budget line checks, B/event over
     samples/ is shown beside it;
  5. prints a Markdown table (for docs/performance.md) and the budget verdicts of DESIGN.md section 8;
  6. checks that every tool's per-model totals agree exactly with each other and with the manifest.

Run from the repository root:
  make compare                                  # full 1 GiB corpus, 3 rounds
  python3 benchmarks/compare.py --quick         # 64 MiB / 40 files corpus, 1 round (smoke test)
  python3 benchmarks/compare.py --corpus /tmp/corpus --rounds 2

Options: --corpus DIR (or USAGELENS_CORPUS; default /tmp/usagelens-corpus), --size-mb N, --files N,
--rounds N, --quick, --no-build (use binaries built earlier), --check (exit 1 when a budget line FAILs).
The exit status is 1 on a disagreement between tools, on a failed step, or with --check on a budget FAIL;
otherwise 0 (the budget is a report).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED_BENCH = os.path.join(os.path.dirname(REPO), "shared", "bench")
BIN_DIR = "/tmp/usagelens-bench-bin"
DEFAULT_CORPUS = "/tmp/usagelens-corpus"
TIME = "/usr/bin/time"  # GNU time, for peak RSS (-f %M)
DUCKDB_PIN = "duckdb==1.4.4"
SEED = 1

FIELDS = ("input_tokens", "output_tokens", "cache_write_tokens", "cache_read_tokens", "events")


def log(msg: str) -> None:
    print(f"compare: {msg}", file=sys.stderr, flush=True)


def die(msg: str) -> None:
    log(msg)
    sys.exit(1)


# ---------------------------------------------------------------------------------------------- options

def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=os.environ.get("USAGELENS_CORPUS", DEFAULT_CORPUS),
                    help="corpus folder (default: $USAGELENS_CORPUS or %(default)s)")
    ap.add_argument("--size-mb", type=float, default=None, help="corpus size in MiB (default 1024)")
    ap.add_argument("--files", type=int, default=None, help="corpus file count (default 400)")
    ap.add_argument("--rounds", type=int, default=None, help="timing rounds (default 3)")
    ap.add_argument("--quick", action="store_true",
                    help="64 MiB / 40 files in the folder CORPUS-quick, 1 round: a fast smoke test")
    ap.add_argument("--no-build", action="store_true", help="skip the builds, use the binaries already built")
    ap.add_argument("--check", action="store_true", help="exit 1 when a budget line FAILs")
    a = ap.parse_args()
    if a.quick:
        a.corpus = a.corpus.rstrip("/") + "-quick"
        a.size_mb = 64.0 if a.size_mb is None else a.size_mb
        a.files = 40 if a.files is None else a.files
        a.rounds = 1 if a.rounds is None else a.rounds
    a.size_mb = 1024.0 if a.size_mb is None else a.size_mb
    a.files = 400 if a.files is None else a.files
    a.rounds = 3 if a.rounds is None else a.rounds
    a.corpus = os.path.abspath(a.corpus)
    if a.rounds < 1:
        die("--rounds must be at least 1")
    return a


# ---------------------------------------------------------------------------------------------- 1. corpus

def load_manifest(corpus: str) -> dict | None:
    try:
        with open(os.path.join(corpus, "manifest.json")) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def manifest_matches(m: dict | None, size_mb: float, files: int) -> bool:
    return (m is not None and m.get("format") == "claude" and m.get("seed") == SEED and m.get("files") == files
            and float(m.get("size_mb_requested", -1)) == float(size_mb) and "zstd_bytes" in m)


def ensure_corpus(corpus: str, size_mb: float, files: int) -> dict:
    m = load_manifest(corpus)
    if manifest_matches(m, size_mb, files):
        log(f"reusing corpus {corpus}")
    else:
        if os.path.isdir(corpus) and os.listdir(corpus):
            die(f"{corpus} is not empty and holds no corpus generated with --seed {SEED} --size-mb {size_mb:g} "
                f"--files {files} --zstd; delete it or pass another --corpus")
        log(f"generating corpus {corpus} ({size_mb:g} MiB, {files} files)")
        run_checked([sys.executable, os.path.join(SHARED_BENCH, "gen.py"), "--out", corpus,
                     "--size-mb", f"{size_mb:g}", "--files", str(files), "--seed", str(SEED), "--zstd"],
                    quiet=True)
        m = load_manifest(corpus)
        if not manifest_matches(m, size_mb, files):
            die(f"gen.py did not write the expected manifest in {corpus}")
    for e in m["per_file"]:
        for name in (e["file"], e["file"] + ".zst"):
            if not os.path.isfile(os.path.join(corpus, name)):
                die(f"{corpus}/{name} is missing; delete {corpus} to regenerate it")
    return m


def make_views(corpus: str, manifest: dict) -> tuple[str, str]:
    """Two folders of symlinks, one per input kind: usagelens must see only one of them."""
    views = corpus.rstrip("/") + ".views"
    shutil.rmtree(views, ignore_errors=True)
    plain, zst = os.path.join(views, "plain"), os.path.join(views, "zst")
    os.makedirs(plain)
    os.makedirs(zst)
    for e in manifest["per_file"]:
        os.symlink(os.path.join(corpus, e["file"]), os.path.join(plain, e["file"]))
        os.symlink(os.path.join(corpus, e["file"] + ".zst"), os.path.join(zst, e["file"] + ".zst"))
    return plain, zst


def split_halves(manifest: dict) -> tuple[list[str], list[str]]:
    """Splits the file list in two halves of about equal uncompressed size (largest first, greedy)."""
    halves: tuple[list[str], list[str]] = ([], [])
    sizes = [0, 0]
    for e in sorted(manifest["per_file"], key=lambda e: (-e["bytes"], e["file"])):
        i = 0 if sizes[0] <= sizes[1] else 1
        halves[i].append(e["file"])
        sizes[i] += e["bytes"]
    return halves


def warm_cache(dirs: list[str]) -> None:
    log("warming the page cache")
    for d in dirs:
        for name in sorted(os.listdir(d)):
            with open(os.path.join(d, name), "rb") as f:
                while f.read(1 << 22):
                    pass


# ---------------------------------------------------------------------------------------------- 2. build

def run_checked(cmd: list[str], cwd: str | None = None, quiet: bool = False) -> str:
    log("$ " + " ".join(cmd))
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if p.returncode != 0:
        sys.stderr.write(p.stdout)
        die(f"failed ({p.returncode}): {' '.join(cmd)}")
    if not quiet and p.stdout.strip():
        sys.stderr.write(p.stdout[-2000:])
    return p.stdout


def build_tools(no_build: bool) -> tuple[str, str]:
    """Returns (usagelens, yajl_sum) paths. usagelens is copied out of .build so that a parallel
    rebuild in the same work tree cannot swap the binary between timed runs."""
    yajl_sum = os.path.join(BIN_DIR, "yajl_sum")
    usagelens = os.path.join(BIN_DIR, "usagelens")
    if not no_build:
        run_checked(["bash", "scripts/setup.sh"], cwd=REPO)
        run_checked(["make", "-C", SHARED_BENCH, f"OUT={BIN_DIR}"], quiet=True)
        swift = os.environ.get("SWIFT", "swift")
        run_checked([swift, "build", "-c", "release", "--static-swift-stdlib", "--product", "usagelens"], cwd=REPO,
                    quiet=True)
        os.makedirs(BIN_DIR, exist_ok=True)
        tmp = usagelens + ".tmp"
        shutil.copy2(os.path.join(REPO, ".build", "release", "usagelens"), tmp)
        os.replace(tmp, usagelens)
    for b in (usagelens, yajl_sum):
        if not os.access(b, os.X_OK):
            die(f"{b} is missing; run without --no-build")
    return usagelens, yajl_sum


def ensure_duckdb() -> tuple[str | None, str]:
    """Returns (version, note); version is None when DuckDB cannot be used."""
    probe = [sys.executable, "-c", "import duckdb; print(duckdb.__version__)"]
    p = subprocess.run(probe, capture_output=True, text=True)
    if p.returncode == 0:
        return p.stdout.strip(), "already installed"
    for spec in (DUCKDB_PIN, "duckdb"):
        log(f"$ {sys.executable} -m pip install {spec}")
        i = subprocess.run([sys.executable, "-m", "pip", "install", "-q", spec], capture_output=True, text=True)
        if i.returncode == 0:
            p = subprocess.run(probe, capture_output=True, text=True)
            if p.returncode == 0:
                return p.stdout.strip(), f"pip install {spec}"
        why = (i.stderr or i.stdout).strip().splitlines()
        log(f"pip install {spec} failed: {why[-1] if why else 'no output'}")
    return None, "cannot be imported or installed with pip (see the messages above); DuckDB rows skipped"


# ---------------------------------------------------------------------------------------------- 3. timing

@dataclass
class Proc:
    cmd: list[str]
    stdout: str
    stderr: str
    maxrss_kb: int


def start(cmd: list[str]):
    """Starts cmd under GNU time for its peak RSS: os.wait4 on a child of this Python process would report
    at least the RSS of Python itself, which the child inherits until exec."""
    out, err = tempfile.TemporaryFile("w+"), tempfile.TemporaryFile("w+")
    rss = tempfile.NamedTemporaryFile("w+", suffix=".rss")
    p = subprocess.Popen([TIME, "-f", "%M", "-o", rss.name] + cmd, stdout=out, stderr=err,
                         stdin=subprocess.DEVNULL)
    return p, cmd, out, err, rss


def finish(handle) -> Proc:
    p, cmd, out, err, rss = handle
    p.wait()
    out.seek(0)
    err.seek(0)
    rss.seek(0)
    text = rss.read().strip().splitlines()
    r = Proc(cmd, out.read(), err.read(), int(text[-1]) if text and text[-1].isdigit() else 0)
    for f in (out, err, rss):
        f.close()
    if p.returncode != 0:
        sys.stderr.write(r.stderr[-3000:])
        die(f"exit {p.returncode}: {' '.join(cmd)[:300]}")
    return r


def run_timed(cmds: list[list[str]]) -> tuple[float, int, list[Proc]]:
    """Runs the commands concurrently; returns (wall time until the last exits, max peak RSS in KB, procs)."""
    t0 = time.perf_counter()
    handles = [start(c) for c in cmds]
    for h in handles:
        h[0].wait()
    wall = time.perf_counter() - t0
    procs = [finish(h) for h in handles]
    return wall, max(p.maxrss_kb for p in procs), procs


@dataclass
class Config:
    tool: str          # "usagelens", "yajl_sum -p", "DuckDB"
    input: str         # "plain" or "zst"
    cores: int         # threads or processes
    cmds: list[list[str]]
    best: float = float("inf")
    rss_kb: int = 0
    query_s: float = float("inf")     # DuckDB only: in-process query time
    totals: dict | None = None        # per-model totals of the first run
    errors: list[str] = field(default_factory=list)
    cache: str = ""                   # usagelens: "" (--no-cache), "cold", "warm" or "append 1 MB"
    prepare: object = None            # run before each timed run, untimed (sets the cache's state up)
    stdout: str = ""                  # the append run's last output

    @property
    def label(self) -> str:
        name = {"usagelens": "usagelens daily", "DuckDB": "DuckDB (explicit + dedup)"}.get(self.tool, self.tool)
        if self.cache:
            name += f" ({self.cache} cache)"
        elif self.tool == "usagelens":
            name += " (--no-cache)"
        unit = "process" if self.tool == "yajl_sum -p" else "thread"
        plural = "" if self.cores == 1 else ("es" if unit == "process" else "s")
        return f"{name}, {self.input}, {self.cores} {unit}{plural}"


def make_configs(usagelens: str, yajl_sum: str, duck: bool, plain: str, zst: str,
                 halves: tuple[list[str], list[str]]) -> list[Config]:
    cfgs = []
    dirs = {"plain": plain, "zst": zst}
    for inp, d in dirs.items():
        for t in (1, 2):
            cfgs.append(Config("usagelens", inp, t, [[usagelens, "daily", "--json", "--tz", "UTC",
                                                       "--threads", str(t), "--no-cache", d]]))
    cfgs += cache_configs(usagelens, plain)
    for inp, d in dirs.items():
        ext = ".zst" if inp == "zst" else ""
        everything = [os.path.join(d, f + ext) for h in halves for f in h]
        cfgs.append(Config("yajl_sum -p", inp, 1, [[yajl_sum, "-p"] + everything]))
        cfgs.append(Config("yajl_sum -p", inp, 2, [[yajl_sum, "-p"] + [os.path.join(d, f + ext) for f in h]
                                                    for h in halves]))
    if duck:
        dq = os.path.join(SHARED_BENCH, "duck_query.py")
        for inp, d in dirs.items():
            src = ["--src", f"{d}/*.jsonl"] if inp == "plain" else ["--src", f"{d}/*.jsonl.zst",
                                                                     "--compression", "zstd"]
            for t in (1, 2):
                cfgs.append(Config("DuckDB", inp, t, [[sys.executable, dq, "--threads", str(t), "--schema",
                                                        "explicit", "--dedup"] + src]))
    return cfgs


APPEND_BYTES = 1 << 20


def cache_configs(usagelens: str, plain: str) -> list[Config]:
    """The per-file cache on the plain corpus at 2 threads (DESIGN 9): cold (an empty cache, written as it
    reads), warm (nothing changed since the last run: the run's snapshot), and after appending 1 MB of whole
    lines to one file (the snapshot plus what that file added). Each has its own cache folder; the append
    reads a view of the corpus in which one file is a copy, reset before every timed run."""
    base = plain.rstrip("/") + "-cache"
    view = base + "-append-view"
    shutil.rmtree(view, ignore_errors=True)
    os.makedirs(view)
    names = sorted(os.listdir(plain))
    grown = names[len(names) // 2]
    for n in names:
        if n != grown:
            os.symlink(os.path.realpath(os.path.join(plain, n)), os.path.join(view, n))
    original = os.path.realpath(os.path.join(plain, grown))
    # Whole lines from another file of the corpus, about 1 MB.
    extra = bytearray()
    with open(os.path.realpath(os.path.join(plain, names[0])), "rb") as f:
        for line in f:
            if len(extra) + len(line) > APPEND_BYTES:
                break
            extra += line

    def run(d: str, cache: str) -> list[str]:
        return [usagelens, "daily", "--json", "--tz", "UTC", "--threads", "2", "--cache-dir", cache, d]

    cold_dir, warm_dir, append_dir = base + "-cold", base + "-warm", base + "-append"

    def cold() -> None:
        shutil.rmtree(cold_dir, ignore_errors=True)

    def warm() -> None:
        if not os.path.isdir(warm_dir):
            subprocess.run(run(plain, warm_dir), stdout=subprocess.DEVNULL, check=True)
        subprocess.run(run(plain, warm_dir), stdout=subprocess.DEVNULL, check=True)

    def append() -> None:
        shutil.copyfile(original, os.path.join(view, grown))
        subprocess.run(run(view, append_dir), stdout=subprocess.DEVNULL, check=True)
        with open(os.path.join(view, grown), "ab") as f:
            f.write(extra)

    for d in (cold_dir, warm_dir, append_dir):
        shutil.rmtree(d, ignore_errors=True)
    return [Config("usagelens", "plain", 2, [run(plain, cold_dir)], cache="cold", prepare=cold),
            Config("usagelens", "plain", 2, [run(plain, warm_dir)], cache="warm", prepare=warm),
            Config("usagelens", "plain", 2, [run(view, append_dir)], cache=f"append {len(extra) / 1e6:.1f} MB",
                   prepare=append)]


def measure(cfgs: list[Config], rounds: int) -> None:
    for r in range(rounds):
        # alternate the tools inside a round and rotate the starting point between rounds
        order = cfgs[r % len(cfgs):] + cfgs[:r % len(cfgs)]
        for c in order:
            if c.prepare:
                c.prepare()
            wall, rss, procs = run_timed(c.cmds)
            c.best = min(c.best, wall)
            c.rss_kb = max(c.rss_kb, rss)
            if c.tool == "DuckDB":
                m = re.search(r"query ([0-9.]+)s", procs[0].stderr)
                if m:
                    c.query_s = min(c.query_s, float(m.group(1)))
            totals = parse_totals(c.tool, procs)
            if c.cache.startswith("append"):
                # Other totals than the corpus's: compared with a --no-cache run of its view instead.
                c.stdout = procs[0].stdout
            elif c.totals is None:
                c.totals = totals
            elif totals != c.totals:
                c.errors.append(f"round {r + 1} gave other totals than round 1")
            log(f"round {r + 1}/{rounds}: {c.label}: {wall:.3f} s, {rss / 1024:.0f} MB")


def baseline_rss(usagelens: str) -> dict[int, int]:
    """Peak RSS (KB) of usagelens on the small samples/ folder, per thread count."""
    out = {}
    for t in (1, 2):
        _, rss, _ = run_timed([[usagelens, "daily", "--json", "--tz", "UTC", "--threads", str(t),
                                os.path.join(REPO, "samples")]])
        out[t] = rss
    return out


@dataclass
class Slice:
    """usagelens on the `threads` largest files of the corpus: the same fixed costs as the full run (one
    worker per file, each with its read buffer and, for .zst, its decoder window as large as the compressor
    chose), with few events."""
    rss_kb: int
    events: int


def slice_rss(usagelens: str, corpus: str, manifest: dict) -> dict[tuple[str, int], Slice]:
    """Per (input, threads): peak RSS and events on a slice of one largest file per thread."""
    largest = [e["file"] for e in sorted(manifest["per_file"], key=lambda e: (-e["bytes"], e["file"]))]
    out = {}
    for inp in ("plain", "zst"):
        for t in (1, 2):
            d = os.path.join(corpus.rstrip("/") + ".views", f"slice-{inp}-{t}")
            shutil.rmtree(d, ignore_errors=True)
            os.makedirs(d)
            ext = ".zst" if inp == "zst" else ""
            for f in largest[:t]:
                os.symlink(os.path.join(corpus, f + ext), os.path.join(d, f + ext))
            best = None
            for _ in range(2):
                _, rss, procs = run_timed([[usagelens, "daily", "--json", "--tz", "UTC", "--threads", str(t), d]])
                best = rss if best is None else min(best, rss)
            events = sum(r["events"] for r in parse_totals("usagelens", procs).values())
            out[(inp, t)] = Slice(best, events)
    return out


def marginal_bytes_per_event(c: "Config", slices: dict[tuple[str, int], Slice]) -> float | None:
    """(peak RSS - peak RSS of the slice) / (events - events of the slice): what one more stored event costs."""
    s = slices.get((c.input, c.cores))
    events = usagelens_events(c)
    if s is None or not events or events <= s.events:
        return None
    return (c.rss_kb - s.rss_kb) * 1024 / (events - s.events)


# ---------------------------------------------------------------------------------------------- 5. agreement

def norm_model(name: str) -> str:
    return re.sub(r"-\d{8}$", "", name)


def add(totals: dict, model: str, vals: tuple[int, ...]) -> None:
    row = totals.setdefault(norm_model(model), dict.fromkeys(FIELDS, 0))
    for k, v in zip(FIELDS, vals):
        row[k] += v


def parse_totals(tool: str, procs: list[Proc]) -> dict:
    """Per-model {field: int} from one run's output (summed over the processes of a split run)."""
    totals: dict = {}
    for p in procs:
        if tool == "usagelens":
            doc = json.loads(p.stdout)
            for b in doc["buckets"]:
                for m in b["models"]:
                    add(totals, m["model"], tuple(int(m[k]) for k in FIELDS))
        elif tool == "yajl_sum -p":
            # header "model lines input output cache_creation cache_read", then rows, then "objects ..."
            for line in p.stdout.splitlines()[1:]:
                f = line.split()
                if len(f) != 6 or not all(x.isdigit() for x in f[1:]):
                    break
                lines, inp, out, cc, cr = map(int, f[1:])
                add(totals, f[0], (inp, out, cc, cr, lines))
        else:  # DuckDB: model, n, input, output, cache_creation, cache_read (tab separated)
            for line in p.stdout.splitlines():
                f = line.split("\t")
                if len(f) != 6:
                    continue
                n, inp, out, cc, cr = (int(x) if x not in ("None", "") else 0 for x in f[1:])
                add(totals, f[0], (inp, out, cc, cr, n))
    return totals


def manifest_totals(manifest: dict) -> dict:
    totals: dict = {}
    for model, d in manifest["per_model_dedup_by_message_id_request_id"].items():
        add(totals, model, (d["input_tokens"], d["output_tokens"], d["cache_creation_input_tokens"],
                            d["cache_read_input_tokens"], d["lines"]))
    return totals


def usagelens_events(cfg: Config) -> int:
    return sum(r["events"] for r in (cfg.totals or {}).values())


def check_agreement(cfgs: list[Config], manifest: dict) -> list[str]:
    truth = manifest_totals(manifest)
    problems = []
    for c in cfgs:
        problems += [f"{c.label}: {e}" for e in c.errors]
        if c.cache.startswith("append"):
            cmd = [x for x in c.cmds[0] if x != "--cache-dir" and x != c.cmds[0][c.cmds[0].index("--cache-dir") + 1]]
            plain = subprocess.run(cmd[:-1] + ["--no-cache", cmd[-1]], capture_output=True, text=True)
            if plain.stdout != c.stdout:
                problems.append(f"{c.label}: output differs from --no-cache on the same files")
            continue
        got = c.totals or {}
        for model in sorted(set(truth) | set(got)):
            t, g = truth.get(model), got.get(model)
            if t != g:
                rows = ", ".join(f"{k} {(g or {}).get(k, 0):,} (manifest {(t or {}).get(k, 0):,})"
                                 for k in FIELDS if (g or {}).get(k, 0) != (t or {}).get(k, 0))
                problems.append(f"{c.label}: {model}{'' if g else ' missing'}{'' if t else ' not in manifest'}: "
                                f"{rows}")
    return problems


# ---------------------------------------------------------------------------------------------- 4. report

def find(cfgs: list[Config], tool: str, inp: str, cores: int, cache: str = "") -> Config | None:
    return next((c for c in cfgs if (c.tool, c.input, c.cores) == (tool, inp, cores)
                 and (c.cache == cache or cache == "append" and c.cache.startswith("append"))), None)


def ratio(c: Config, ref: Config | None) -> str:
    return f"{c.best / ref.best:.2f}x" if ref else "–"


def print_table(cfgs: list[Config], manifest: dict, base: dict[int, int], slices: dict, ctx: dict) -> None:
    nbytes = manifest["bytes"]
    print(f"### usagelens vs references, {ctx['date']}\n")
    print(f"- machine: {ctx['cpu']}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; "
          f"load average before timing {ctx['load']}")
    print(f"- corpus: {ctx['corpus']} — {nbytes:,} bytes plain ({nbytes / 2**20:.0f} MiB), "
          f"{manifest['zstd_bytes']:,} bytes zstd, {manifest['files']} files, {manifest['lines']:,} lines; "
          f"gen.py --seed {manifest['seed']} --size-mb {manifest['size_mb_requested']:g} --files {manifest['files']}")
    print(f"- usagelens {ctx['usagelens_version']} (git {ctx['git']}); DuckDB {ctx['duckdb']}; "
          f"best of {ctx['rounds']} round(s), warm page cache, tools alternated")
    print("- seconds: wall time of the whole process (DuckDB: python startup and import included; "
          "its in-process query time is in the last column); MB/s = uncompressed bytes / s / 1e6; "
          "ratios are time ratios at equal cores and the same input (below 1 = faster); "
          "2 processes = two yajl_sum -p on halves of the files balanced by size, wall time until both "
          "finish, RSS the larger of the two; B/event over samples/ = (peak RSS - RSS on samples/) / events; "
          "B/event marginal = (peak RSS - RSS on a slice of one largest file per thread) / (events - events of "
          "the slice): the slice carries the same per-worker fixed costs (read buffers, the .zst decoder's "
          "window), so this is what a stored event costs\n")
    print("| configuration | seconds | MB/s | vs yajl_sum -p | vs DuckDB | peak RSS MB | B/event over samples/ "
          "| B/event marginal | DuckDB query s |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for c in cfgs:
        y = find(cfgs, "yajl_sum -p", c.input, c.cores)
        d = find(cfgs, "DuckDB", c.input, c.cores)
        bpe, marginal = "–", "–"
        if c.tool == "usagelens" and usagelens_events(c):
            bpe = f"{(c.rss_kb - base[c.cores]) * 1024 / usagelens_events(c):.1f}"
            m = marginal_bytes_per_event(c, slices)
            marginal = f"{m:.1f}" if m is not None else "–"
        q = f"{c.query_s:.3f}" if c.tool == "DuckDB" and c.query_s != float("inf") else "–"
        print(f"| {c.label} | {c.best:.3f} | {nbytes / c.best / 1e6:,.0f} | {ratio(c, y)} | {ratio(c, d)} | "
              f"{c.rss_kb / 1024:.1f} | {bpe} | {marginal} | {q} |")
    print(f"\nusagelens baseline RSS on samples/: {base[1] / 1024:.1f} MB (1 thread), "
          f"{base[2] / 1024:.1f} MB (2 threads); events counted: {usagelens_events(find(cfgs, 'usagelens', 'plain', 1)):,}")
    print("usagelens on the slices (peak RSS, events): " + "; ".join(
        f"{inp} {t} thread{'s' if t > 1 else ''}: {s.rss_kb / 1024:.1f} MB, {s.events:,}"
        for (inp, t), s in sorted(slices.items())))


def budget(cfgs: list[Config], manifest: dict, slices: dict) -> list[tuple[str, bool | None, str]]:
    """Returns (check, passed or None when it could not be measured, detail)."""
    nbytes = manifest["bytes"]
    out: list[tuple[str, bool | None, str]] = []
    u1 = find(cfgs, "usagelens", "plain", 1)
    out.append(("usagelens plain, 1 thread >= 1 GB/s", nbytes / u1.best >= 1e9,
                f"{nbytes / u1.best / 1e9:.2f} GB/s"))
    for cores in (1, 2):
        u, y = find(cfgs, "usagelens", "plain", cores), find(cfgs, "yajl_sum -p", "plain", cores)
        out.append((f"usagelens <= 1.25x yajl_sum -p at {cores} core{'s' if cores > 1 else ''} (plain)",
                    u.best <= 1.25 * y.best, f"{u.best / y.best:.2f}x ({u.best:.3f} s vs {y.best:.3f} s)"))
    for inp in ("plain", "zst"):
        for t in (1, 2):
            u, d = find(cfgs, "usagelens", inp, t), find(cfgs, "DuckDB", inp, t)
            name = f"usagelens faster than DuckDB at {t} thread{'s' if t > 1 else ''} ({inp})"
            if d is None:
                out.append((name, None, "DuckDB not available"))
            else:
                q = f"; DuckDB query alone {d.query_s:.3f} s = {u.best / d.query_s:.2f}x" \
                    if d.query_s != float("inf") else ""
                out.append((name, u.best < d.best,
                            f"{u.best / d.best:.2f}x ({u.best:.3f} s vs {d.best:.3f} s wall{q})"))
    cold, warm, grown = (find(cfgs, "usagelens", "plain", 2, k) for k in ("cold", "warm", "append"))
    if cold and warm and grown:
        out.append(("warm cache daily --json <= 50 ms and <= 1/40 of the cold run (plain, 2 threads)",
                    warm.best <= 0.050 and warm.best * 40 <= cold.best,
                    f"{warm.best * 1000:.0f} ms, 1/{cold.best / warm.best:.0f} of cold ({cold.best:.3f} s)"))
        out.append((f"{grown.cache} to one file <= 1/10 of the cold run", grown.best * 10 <= cold.best,
                    f"{grown.best * 1000:.0f} ms, 1/{cold.best / grown.best:.1f} of cold"))
    per = []
    for c in cfgs:
        if c.tool == "usagelens" and not c.cache.startswith("append") and (m := marginal_bytes_per_event(c, slices)) is not None:
            per.append((m, c))
    if per:
        worst, wc = max(per, key=lambda x: x[0])
        out.append(("bytes per stored event < 64, marginal (every usagelens row)", worst < 64,
                    f"worst {worst:.1f} B/event ({wc.label})"))
    else:
        out.append(("bytes per stored event < 64, marginal (every usagelens row)", None, "not measured"))
    return out


def print_budget(lines: list[tuple[str, bool | None, str]]) -> None:
    print("\n### Budget (DESIGN.md section 8)\n")
    for name, ok, detail in lines:
        verdict = "SKIP" if ok is None else ("PASS" if ok else "FAIL")
        print(f"- {verdict}: {name}: {detail}")


# ---------------------------------------------------------------------------------------------- main

def context(a: argparse.Namespace, usagelens: str, duck_version: str | None, duck_note: str) -> dict:
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), cpu)
    except OSError:
        pass
    git = subprocess.run(["git", "-C", REPO, "describe", "--always", "--dirty"], capture_output=True, text=True)
    ver = subprocess.run([usagelens, "--version"], capture_output=True, text=True)
    return {"cpu": cpu, "corpus": a.corpus, "rounds": a.rounds, "date": time.strftime("%Y-%m-%d"),
            "git": git.stdout.strip() or "?", "usagelens_version": ver.stdout.strip() or "?",
            "duckdb": f"{duck_version} ({duck_note})" if duck_version else f"skipped: {duck_note}",
            "load": " ".join(f"{x:.2f}" for x in os.getloadavg())}


def main() -> int:
    a = parse_args()
    if not os.access(TIME, os.X_OK):
        die(f"{TIME} (GNU time, for peak RSS) is missing: apt-get install -y time")
    manifest = ensure_corpus(a.corpus, a.size_mb, a.files)
    plain, zst = make_views(a.corpus, manifest)
    halves = split_halves(manifest)

    usagelens, yajl_sum = build_tools(a.no_build)
    duck_version, duck_note = ensure_duckdb()
    if duck_version is None:
        log(f"DuckDB {duck_note}")

    warm_cache([plain, zst])
    ctx = context(a, usagelens, duck_version, duck_note)
    if os.getloadavg()[0] > 0.5:
        log(f"load average {ctx['load']}: something else is running, timings may be noisy")
    base = baseline_rss(usagelens)
    slices = slice_rss(usagelens, a.corpus, manifest)
    cfgs = make_configs(usagelens, yajl_sum, duck_version is not None, plain, zst, halves)
    measure(cfgs, a.rounds)

    print_table(cfgs, manifest, base, slices, ctx)
    verdicts = budget(cfgs, manifest, slices)
    print_budget(verdicts)

    problems = check_agreement(cfgs, manifest)
    print()
    if problems:
        print("agreement: FAILED (per-model totals after stripping a trailing -YYYYMMDD from model names)")
        for p in problems:
            print(f"- {p}")
        return 1
    print(f"agreement: OK ({len(cfgs)} configurations and the manifest agree on "
          f"{', '.join(FIELDS)} for {len(manifest_totals(manifest))} models)")
    if a.check and any(ok is False for _, ok, _ in verdicts):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

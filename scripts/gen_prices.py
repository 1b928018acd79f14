#!/usr/bin/env python3
"""Generate usagelens' built-in price table from LiteLLM's price file.

Refresh the table (downloads the latest `litellm` wheel with pip, needs network):

    python3 scripts/gen_prices.py

Pin a version with `--litellm-version 1.109.1`, or use an already extracted file
with `--litellm-json PATH/litellm/model_prices_and_context_window_backup.json`.
Then review `git diff Sources/UsageLensCore/Pricing/BuiltinPriceTable+Data.swift`.

Input:  `litellm/model_prices_and_context_window_backup.json` from the `litellm`
        wheel (USD per token), plus the hand-kept `scripts/retired_prices.json`
        (USD per million tokens) for retired models LiteLLM no longer lists.
Output: `Sources/UsageLensCore/Pricing/BuiltinPriceTable+Data.swift`, a Swift raw
        string literal holding JSON in USD per MILLION tokens:

    {"source": "litellm X.Y.Z", "models": {"<provider>/<model>": {
        "input": 3, "output": 15, "cache_read": 0.3, "cache_write": 3.75,
        "cache_write_1h": 6, "threshold_tokens": 200000, "above": {...},
        "source": "litellm:<original key>"}, ...}}

Key normalisation must stay identical to the Swift runtime rule applied to model
names found in logs (see `normalise_model`). Stdlib only; output is deterministic
(sorted keys, one model per line).
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUTPUT_PATH = os.path.join(
    REPO_ROOT, "Sources", "UsageLensCore", "Pricing", "BuiltinPriceTable+Data.swift"
)
RETIRED_PATH = os.path.join(REPO_ROOT, "scripts", "retired_prices.json")
WHEEL_MEMBER = "litellm/model_prices_and_context_window_backup.json"
MAX_OUTPUT_BYTES = 250_000

# LiteLLM `litellm_provider` -> our canonical provider. First-party APIs only:
# resellers / routers / clouds (openrouter, bedrock, azure, vertex_ai-anthropic_models,
# together_ai, fireworks_ai, groq, ...) are deliberately absent.
PROVIDER_MAP = {
    "anthropic": "anthropic",
    "openai": "openai",
    "text-completion-openai": "openai",
    "gemini": "google",
    "vertex_ai-language-models": "google",
    "deepseek": "deepseek",
    "mistral": "mistral",
    "codestral": "mistral",  # Mistral's own codestral endpoint
    "xai": "xai",
    "cohere_chat": "cohere",
    "moonshot": "moonshot",
    "zai": "zai",
    "minimax": "minimax",
}

# Key prefixes ("<prefix>/model") that count as the provider itself, besides the
# LiteLLM provider name. Any other prefix (e.g. "vertex_ai/xai/...", "low/1024-x-1024/")
# means the entry is skipped.
EXTRA_PREFIXES = {
    "vertex_ai-language-models": {"vertex_ai"},
    "text-completion-openai": {"openai"},
}

# "chat"/"responses" per the brief; "completion" too because it is the only mode
# text-completion-openai entries have (gpt-3.5-turbo-instruct, davinci-002, ...).
# No other mapped provider has completion-mode entries. Entries with no mode are
# accepted when they carry token prices.
MODES = {"chat", "responses", "completion"}

# LiteLLM field -> our field (base prices).
BASE_FIELDS = [
    ("input_cost_per_token", "input"),
    ("output_cost_per_token", "output"),
    ("cache_read_input_token_cost", "cache_read"),
    ("cache_creation_input_token_cost", "cache_write"),
    ("cache_creation_input_token_cost_above_1hr", "cache_write_1h"),
]
# Long-context tier: "<litellm base field>_above_<N>k_tokens". Batch/flex/priority
# variants (suffixes such as _batches, _flex, _priority) never match these names.
TIER_INPUT_RE = re.compile(r"^input_cost_per_token_above_(\d+)k_tokens$")

# Runtime normalisation rule (mirrored in Swift): repeat until no change.
_SUFFIX_RES = [
    re.compile(r"-\d{8}$"),
    re.compile(r"@\d{8}$"),
    re.compile(r"-\d{4}-\d{2}-\d{2}$"),
    re.compile(r"-latest$"),
    re.compile(r"-preview$"),
]


def normalise_model(name: str) -> str:
    """Lower-case, keep the part after the last '/', strip date/-latest/-preview suffixes."""
    model = name.lower().rsplit("/", 1)[-1]
    while True:
        before = model
        for rx in _SUFFIX_RES:
            model = rx.sub("", model)
        if model == before:
            return model


def per_million(value) -> float | int | None:
    """USD/token -> USD/million tokens, rounded to 10 significant digits."""
    if value is None or isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    x = float(f"{float(value) * 1e6:.10g}")
    return int(x) if x.is_integer() else x


def convert_entry(entry: dict) -> dict | None:
    out = {}
    for src, dst in BASE_FIELDS:
        v = per_million(entry.get(src))
        if v is not None:
            out[dst] = v
    if "input" not in out or "output" not in out:
        return None
    tiers = sorted(
        int(m.group(1))
        for f in entry
        for m in [TIER_INPUT_RE.match(f)]
        if m and per_million(entry[f]) is not None
    )
    if tiers:
        n = tiers[0]  # several tiers never occur for the mapped providers; take the lowest
        above = {}
        for src, dst in BASE_FIELDS:
            if dst not in out:
                # A tier price without a base price (e.g. vertex gemini-2.5-pro's
                # cache_creation_input_token_cost_above_200k_tokens) is dropped so that
                # "above" never prices a field the base tier leaves unpriced.
                continue
            if src == "cache_creation_input_token_cost_above_1hr":
                tier_src = f"cache_creation_input_token_cost_above_1hr_above_{n}k_tokens"
            else:
                tier_src = f"{src}_above_{n}k_tokens"
            v = per_million(entry.get(tier_src))
            above[dst] = out[dst] if v is None else v  # missing: fall back to the base price
        out["threshold_tokens"] = n * 1000
        out["above"] = above
    return out


def select_litellm(data: dict):
    """Return ({key: entry}, stats) from the LiteLLM price dict."""
    candidates: dict[str, list] = {}
    for orig_key in sorted(data):
        entry = data[orig_key]
        if not isinstance(entry, dict):
            continue
        lp = entry.get("litellm_provider")
        if lp not in PROVIDER_MAP:
            continue
        mode = entry.get("mode")
        if mode is not None and mode not in MODES:
            continue
        if "/" in orig_key:
            prefix = orig_key.rsplit("/", 1)[0].lower()
            if prefix not in {lp, PROVIDER_MAP[lp]} | EXTRA_PREFIXES.get(lp, set()):
                continue
        converted = convert_entry(entry)
        if converted is None:
            continue
        key = f"{PROVIDER_MAP[lp]}/{normalise_model(orig_key)}"
        candidates.setdefault(key, []).append((orig_key, converted))

    models = {}
    collisions = 0
    differing = []
    for key, cands in candidates.items():
        norm = key.split("/", 1)[1]

        def rank(c):
            orig = c[0]
            return (
                orig.lower().rsplit("/", 1)[-1] == norm,  # already the normalised name
                "/" not in orig,  # provider-prefix-free key
                orig,  # lexicographically greatest (newest date)
            )

        best = max(cands, key=rank)
        if len(cands) > 1:
            collisions += 1
            if any(c[1] != best[1] for c in cands):
                differing.append((key, best[0], [c[0] for c in cands if c[1] != best[1]]))
        entry = dict(best[1])
        entry["source"] = f"litellm:{best[0]}"
        models[key] = entry
    return models, collisions, differing


def load_retired():
    with open(RETIRED_PATH, encoding="utf-8") as f:
        retired = json.load(f)
    return retired["models"]


def fmt_model_line(key: str, entry: dict) -> str:
    return (
        "    "
        + json.dumps(key)
        + ": "
        + json.dumps(entry, sort_keys=True, separators=(", ", ": "), ensure_ascii=True)
    )


def render_json(source: str, models: dict) -> str:
    lines = [fmt_model_line(k, models[k]) for k in sorted(models)]
    return (
        "{\n"
        + f'  "source": {json.dumps(source)},\n'
        + '  "models": {\n'
        + ",\n".join(lines)
        + "\n  }\n}"
    )


def render_swift(version: str, body: str) -> str:
    return (
        f"// Generated by scripts/gen_prices.py from LiteLLM {version} "
        "model_prices_and_context_window_backup.json\n"
        "// plus scripts/retired_prices.json. Do not edit by hand; rerun the script.\n"
        "extension BuiltinPriceTable {\n"
        "    /// The built-in price table as JSON (USD per million tokens).\n"
        '    static let json = #"""\n'
        f"{body}\n"
        '"""#\n'
        "}\n"
    )


def version_beside(json_path: str) -> str | None:
    """Version from a litellm-<v>.dist-info or litellm-<v>-*.whl next to the extracted
    litellm/ package (i.e. in the directory the wheel was unzipped into), if any."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(json_path)))
    wheels = sorted(glob.glob(os.path.join(root, "litellm-*.whl")))
    if len(wheels) == 1:
        return os.path.basename(wheels[0]).split("-")[1]
    for d in sorted(glob.glob(os.path.join(root, "litellm-*.dist-info"))):
        meta = os.path.join(d, "METADATA")
        if os.path.exists(meta):
            with open(meta, encoding="utf-8") as f:
                for line in f:
                    if line.startswith("Version:"):
                        return line.split(":", 1)[1].strip()
    return None


def download_litellm(version: str | None, tmpdir: str) -> tuple[str, str]:
    spec = f"litellm=={version}" if version else "litellm"
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
           "-d", tmpdir, spec]
    print("+ " + " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, check=True, stdout=sys.stderr)
    wheels = sorted(glob.glob(os.path.join(tmpdir, "litellm-*.whl")))
    if not wheels:
        sys.exit("gen_prices: pip download produced no litellm wheel")
    wheel = wheels[-1]
    wheel_version = os.path.basename(wheel).split("-")[1]
    with zipfile.ZipFile(wheel) as zf:
        zf.extract(WHEEL_MEMBER, tmpdir)
    return os.path.join(tmpdir, WHEEL_MEMBER), wheel_version


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--litellm-json", help="use this model_prices_and_context_window_backup.json")
    ap.add_argument("--litellm-version",
                    help="litellm version to download; with --litellm-json, the version label "
                         "(default: read from a litellm-*.dist-info or litellm-*.whl beside the litellm/ folder)")
    ap.add_argument("--output", default=OUTPUT_PATH, help="Swift file to write")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmpdir:
        if args.litellm_json:
            path = args.litellm_json
            version = args.litellm_version or version_beside(path) or "unknown"
        else:
            path, version = download_litellm(args.litellm_version, tmpdir)
        with open(path, encoding="utf-8") as f:
            data = json.load(f)

    models, collisions, differing = select_litellm(data)
    litellm_count = len(models)

    # Retired models: used only when LiteLLM lacks the key. LiteLLM wins otherwise,
    # so a retired entry silently stops mattering once LiteLLM lists the model again.
    retired_added, retired_shadowed = [], []
    for key, entry in sorted(load_retired().items()):
        if key in models:
            retired_shadowed.append(key)
        else:
            models[key] = entry
            retired_added.append(key)

    body = render_json(f"litellm {version}", models)
    json.loads(body)  # must parse
    if '"""#' in body or "\\#" in body:
        sys.exit("gen_prices: JSON contains a sequence that breaks the Swift raw string")
    swift = render_swift(version, body)
    size = len(swift.encode("utf-8"))
    if size > MAX_OUTPUT_BYTES:
        sys.exit(f"gen_prices: output is {size} bytes (> {MAX_OUTPUT_BYTES}); trim fields/modes")

    os.makedirs(os.path.dirname(args.output), exist_ok=True)
    with open(args.output, "w", encoding="utf-8", newline="\n") as f:
        f.write(swift)

    per_provider = Counter(k.split("/", 1)[0] for k in models)
    print(f"LiteLLM {version}: {litellm_count} entries; retired list: {len(retired_added)} added, "
          f"{len(retired_shadowed)} superseded by LiteLLM; total {len(models)}")
    print("per provider: " + ", ".join(f"{p} {n}" for p, n in sorted(per_provider.items())))
    print(f"collisions resolved: {collisions} keys ({len(differing)} with differing prices)")
    for key, chosen, others in differing:
        print(f"  {key}: chose {chosen} over {', '.join(others)}")
    if retired_added:
        print("retired added: " + ", ".join(retired_added))
    if retired_shadowed:
        print("retired superseded by LiteLLM: " + ", ".join(retired_shadowed))
    print(f"wrote {args.output} ({size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env bash
# Side-by-side benchmark of script-convert, the zhconv crate and PyPI opencc 1.4.2
# on the same inputs (native), plus script-convert compiled to wasm32 under Node's V8.
# Usage: crates/script-convert/bench/run.sh [ROUNDS]     (prints markdown tables)
# Needs: cargo, python3 with opencc==1.4.2 (optional), node (optional), brotli/gzip.
set -euo pipefail
ROUNDS=${1:-5}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
WORK=${BENCH_WORK:-/tmp/script-convert-bench}
mkdir -p "$WORK"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target/engine-bench}

echo "## Machine"
echo
echo "- $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- $(rustc --version), node $(node --version 2>/dev/null || echo absent)"
echo

# Dictionaries.
(cd "$ROOT" && cargo run -q --release --bin article-widget -- dict build --out "$WORK/dict" 2>/dev/null)

# Inputs: ~10 MB each. Traditional = the seed article repeated; Simplified = its
# t2s conversion; Mixed = the golden-test corpus (dictionary keys, mixed scripts).
SEED=$ROOT/crates/script-convert/tests/corpus/seed.txt
if [ ! -s "$WORK/trad.txt" ]; then
  for _ in $(seq 1700); do cat "$SEED"; done > "$WORK/trad.txt"
  (cd "$ROOT" && cargo run -q --release --bin article-widget -- convert --config t2s "$WORK/trad.txt") > "$WORK/simp.txt"
  for _ in $(seq 10); do cat "$ROOT/crates/script-convert/tests/corpus/corpus.txt"; done > "$WORK/mixed.txt"
fi

echo "## Dictionary sizes (bytes)"
echo
echo "| file | raw | gzip -9 | brotli -q 11 |"
echo "|---|---|---|---|"
for f in "$WORK"/dict/*.scd; do
  echo "| $(basename "$f") | $(stat -c %s "$f") | $(gzip -9c "$f" | wc -c) | $(brotli -q 11 -c "$f" | wc -c) |"
done
echo

echo "## Native throughput (best of $ROUNDS), news text"
echo
(cd "$HERE/native" && cargo build -q --release)
"$CARGO_TARGET_DIR/release/script-convert-bench" "$WORK/dict" "$WORK/trad.txt" "$WORK/simp.txt" "$ROUNDS"
echo
if python3 -c 'import opencc' 2>/dev/null; then
  python3 "$HERE/python_opencc.py" "$WORK/trad.txt" "$WORK/simp.txt" "$ROUNDS" | tail -n +3
fi
echo
echo "## Native throughput (best of $ROUNDS), mixed corpus (dictionary keys, mixed scripts)"
echo
"$CARGO_TARGET_DIR/release/script-convert-bench" "$WORK/dict" "$WORK/mixed.txt" "$WORK/mixed.txt" "$ROUNDS"
echo

echo "## Automaton crate vs custom structure (st group, native)"
echo
"$CARGO_TARGET_DIR/release/daachorse_cmp" "$ROOT/data/opencc" "$WORK/dict" "$WORK/simp.txt"
echo

if command -v node >/dev/null; then
  echo "## WebAssembly under Node (V8), best of $ROUNDS"
  echo
  (cd "$HERE/wasm" && cargo build -q --release --target wasm32-unknown-unknown)
  WASM="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/script_convert_wasm_bench.wasm"
  echo "wasm module (engine + a C-ABI wrapper, opt-level 3): $(stat -c %s "$WASM") bytes, brotli $(brotli -q 11 -c "$WASM" | wc -c) bytes"
  echo
  node "$HERE/run.mjs" "$WASM" "$WORK/dict" "$WORK/trad.txt" "$WORK/simp.txt" "$ROUNDS"
fi

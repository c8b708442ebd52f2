#!/usr/bin/env bash
# Runs each cargo-fuzz target for SECONDS (default 60) from the committed corpus, with a 1 s
# limit per input (a slower input counts as a hang) and a 2 GiB memory limit, and prints the
# executions and corpus size of each. New inputs go to a temporary folder, so the committed
# corpus only changes when someone copies interesting ones in. Fails on any crash, hang or OOM.
set -euo pipefail
seconds=${1:-60}
cd "$(dirname "$0")/../fuzz"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked --version 0.13.2
# libFuzzer's instrumentation flags are unstable rustc flags; RUSTC_BOOTSTRAP lets the stable
# toolchain accept them, so no nightly toolchain is needed.
export RUSTC_BOOTSTRAP=1
cargo fuzz build -O >/dev/null 2>&1 || cargo fuzz build -O
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
printf '%-16s %12s %10s %8s\n' target executions exec/s corpus
for target in load_project import_html import_markdown reanchor import_subtitles import_epub import_wiki; do
  mkdir -p "$scratch/$target"
  log="$scratch/$target.log"
  if ! cargo fuzz run -O "$target" "$scratch/$target" "corpus/$target" -- \
      -max_total_time="$seconds" -timeout=1 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
      >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "FAIL: fuzz target $target found a crash, hang or memory blow-up (artifact under fuzz/artifacts/$target)"
    exit 1
  fi
  execs=$(awk '/stat::number_of_executed_units/{print $2}' "$log")
  rate=$(awk '/stat::average_exec_per_sec/{print $2}' "$log")
  corpus=$(ls "$scratch/$target" "corpus/$target" | grep -vc ':$' || true)
  printf '%-16s %12s %10s %8s\n' "$target" "$execs" "$rate" "$corpus"
done

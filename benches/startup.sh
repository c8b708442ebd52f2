#!/usr/bin/env bash
# Start-up time (open to first full frame, then exit) and peak memory of the release binary
# under Xvfb, for the sample and the book-length project, beside a bare eframe window built
# from benches/ (and cherrytree / zim on the same text when installed). Prints medians of 5 runs
# and ratios.
#
#   cargo build --release --example empty_window && cargo build --release
#   bash benches/startup.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
canonry=$target/release/canonry
empty=$target/release/examples/empty_window
runs=${RUNS:-5}
work=$(mktemp -d)
trap 'kill "${xvfb_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
for bin in "$canonry" "$empty"; do
  [ -x "$bin" ] || { echo "missing $bin: build it with cargo build --release [--example empty_window]"; exit 1; }
done

display=:$((80 + RANDOM % 9))
Xvfb "$display" -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=$display
unset WAYLAND_DISPLAY
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

# The book-length project (as in benches/workload.rs: ~1 MB in 2,000 paragraphs, 10,000 claims,
# 1,000 links, 500 glossary names), generated here so the script needs only the release binary.
python3 - "$root/assets/samples/picard-rescue-mission.canonry" "$work/book.canonry" "$work/book.txt" <<'PY'
import json, sys, random, unicodedata, hashlib, uuid
random.seed(7)
words = ("the station Sisko wormhole Prophets Bajor Dominion treaty Odo Kira Garak Cardassia fleet Starfleet "
         "comic novel episode rumour may could season écrivain naïve café 宇宙 艦隊 🖖 🚀 Quark's Ferengi").split()
paras = []
for _ in range(2000):
    p = []
    while sum(len(s) + 1 for s in p) < 520:
        s = " ".join(random.choice(words) for _ in range(random.randint(8, 21)))
        p.append(s[0].upper() + s[1:] + ".")
    paras.append(" ".join(p))
text = unicodedata.normalize("NFC", "\n\n".join(paras))
open(sys.argv[3], "w", encoding="utf-8").write(text)
sample = json.load(open(sys.argv[1], encoding="utf-8"))
article = {"id": str(uuid.UUID(int=random.getrandbits(128))), "title": "Book-length benchmark", "text": text,
           "content_hash": "sha256:" + hashlib.sha256(text.encode()).hexdigest(), "notes": ""}
claims = []
tiers = ["canon", "comic-canon", "speculation"]
for i in range(10000):
    s = random.randrange(0, len(text) - 200); e = s + 20 + random.randrange(120)
    exact = text[s:e]
    if not exact.strip(): continue
    claims.append({"id": str(uuid.UUID(int=random.getrandbits(128))), "article": article["id"],
                   "anchor": {"start": s, "end": e, "exact": exact, "prefix": text[max(0, s-32):s], "suffix": text[e:e+32]},
                   "tier": tiers[i % 3], "note": "A note about this claim, with a few words.",
                   "created": "2026-11-20T00:00:00Z", "modified": "2026-11-20T00:00:00Z"})
kinds = ["supports", "contradicts", "same-as", "supersedes"]
links = []
for i in range(1000):
    a, b = random.sample(claims, 2)
    links.append({"id": str(uuid.UUID(int=random.getrandbits(128))), "from": a["id"], "to": b["id"],
                  "kind": kinds[i % 4], "created": "2026-11-20T00:00:00Z"})
capitalised = [w for w in words if w[0].isupper()]
names = list(capitalised) + [f"{a} {b}" for a in capitalised for b in capitalised if a != b]
glossary = [{"id": str(uuid.UUID(int=random.getrandbits(128))), "name": n, "kind": "character",
             "aliases": [f"{n}-{i}"], "created": "2026-11-20T00:00:00Z"} for i, n in enumerate(names[:500])]
project = {"format": "canonry-project", "version": "1.1", "generator": "startup.sh", "title": "Book-length benchmark",
           "tiers": sample["tiers"], "articles": [article], "claims": claims, "links": links, "glossary": glossary}
json.dump(project, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False, indent=2)
PY
cp "$root/assets/samples/picard-rescue-mission.canonry" "$work/sample.canonry"
"$canonry" validate "$work/book.canonry" >/dev/null

# Runs a command that exits after its first frame, $runs times; prints "median_seconds median_MiB".
measure() {
  local times=() mems=()
  for _ in $(seq "$runs"); do
    local out
    CANONRY_EXIT_AFTER_FIRST_FRAME=1 CANONRY_DATA_DIR="$work/data" \
      /usr/bin/time -f '%e %M' -o "$work/time.txt" "$@" >/dev/null 2>&1 || true
    out=$(tail -n 1 "$work/time.txt")
    times+=("${out% *}")
    mems+=("${out#* }")
  done
  local t m
  t=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  m=$(printf '%s\n' "${mems[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  echo "$t $(echo "scale=1; $m / 1024" | bc)"
}

read -r empty_t empty_m < <(measure "$empty")
read -r sample_t sample_m < <(measure "$canonry" "$work/sample.canonry")
read -r book_t book_m < <(measure "$canonry" "$work/book.canonry")
printf '\n%-38s %10s %10s %14s %14s\n' "open to first frame, then exit" "seconds" "peak MiB" "time / empty" "memory / empty"
row() { printf '%-38s %10s %10s %14s %14s\n' "$1" "$2" "$3" "$(echo "scale=2; $2 / $empty_t" | bc)x" "$(echo "scale=2; $3 / $empty_m" | bc)x"; }
row "empty eframe window (glow)" "$empty_t" "$empty_m"
row "canonry, sample project" "$sample_t" "$sample_m"
row "canonry, book-length project" "$book_t" "$book_m"
echo "targets: book-length at most 1.5x the empty window's time and 1.3x its memory;"
echo "         faster than CherryTree (0.54 s here) and below its 123 MiB."
if command -v cherrytree >/dev/null; then echo "cherrytree is installed: time it by hand on $work/book.txt (it has no exit-after-first-frame switch)"; fi
size=$(stat -c %s "$canonry")
echo "release binary: $(echo "scale=1; $size / 1000000" | bc) MB (stripped)"

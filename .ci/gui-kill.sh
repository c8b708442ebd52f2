#!/usr/bin/env bash
# Crash while editing, in the real window under Xvfb: tag a word, wait for the recovery file,
# SIGKILL the app, start it again, restore with Enter, save, quit, and check that the saved project
# is, field for field, the one the window held when it was killed (its recovery file).
set -euo pipefail
bin=${1:?usage: gui-kill.sh PATH/TO/canonry}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'kill -9 "${app_pid:-}" 2>/dev/null || true; kill "${xvfb_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; cat "$work/app.log" 2>/dev/null || true; exit 1; }

project="$work/lore.canonry"
cp "$root/assets/samples/picard-rescue-mission.canonry" "$project"
export CANONRY_DATA_DIR="$work/data"
unset WAYLAND_DISPLAY
display=:$((70 + RANDOM % 9))
Xvfb "$display" -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=$display
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

start_app() {
  "$bin" "$project" >"$work/app.log" 2>&1 &
  app_pid=$!
  window=$(timeout 30 xdotool search --sync --class "io.github.canonry.Canonry" | head -n 1) || fail "no window"
  sleep 1.5
  xdotool windowfocus --sync "$window"
}
canon_claims() { "$bin" stats "$1" | awk '/^All articles/{all=1} all && $1=="Canon"{print $2}'; }
before=$(canon_claims "$project")

start_app
eval "$(xdotool getwindowgeometry --shell "$window")"
xdotool mousemove $((X + WIDTH / 2)) $((Y + HEIGHT / 3)) click 1
sleep 0.3
xdotool key Home
sleep 0.2
xdotool key ctrl+shift+Right
sleep 0.2
xdotool key 1
# The recovery file is written 3 s after the last edit.
sleep 4.5
kill -9 "$app_pid"
wait "$app_pid" 2>/dev/null || true
app_pid=
recovery=$(find "$CANONRY_DATA_DIR/recovery" -name '*.canonry-recovery' | head -n 1)
[ -n "$recovery" ] || fail "no recovery file after the kill"
[ "$(canon_claims "$project")" = "$before" ] || fail "the project file changed without a save"
cmp -s "$project" "$root/assets/samples/picard-rescue-mission.canonry" || fail "the project file changed without a save"
# What the window held at the kill; the restart discards the recovery file once it is saved.
cp "$recovery" "$work/at-kill.canonry-recovery"
echo "killed after an unsaved tag; recovery file: $(basename "$recovery")"

start_app
xdotool key Return
sleep 0.5
xdotool key ctrl+s
sleep 0.5
xdotool key ctrl+q
for _ in $(seq 100); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$app_pid" 2>/dev/null && fail "the app did not quit"
app_pid=
after=$(canon_claims "$project")
echo "canon claims: $before before, $after after restoring and saving"
[ "$after" = "$((before + 1))" ] || fail "the tag made before the kill was not recovered"
python3 - "$work/at-kill.canonry-recovery" "$project" "$root/assets/samples/picard-rescue-mission.canonry" <<'PY' \
  || fail "the restored and saved project is not the one the window held when it was killed"
import json, sys
at_kill = json.load(open(sys.argv[1], encoding="utf-8"))["project"]
saved = json.load(open(sys.argv[2], encoding="utf-8"))
sample = json.load(open(sys.argv[3], encoding="utf-8"))
def diff(a, b, where="project"):
    if type(a) is not type(b):
        return [f"{where}: {a!r:.80} != {b!r:.80}"]
    if isinstance(a, dict):
        return [d for k in sorted(set(a) | set(b)) for d in diff(a.get(k), b.get(k), f"{where}.{k}")]
    if isinstance(a, list):
        if len(a) != len(b):
            return [f"{where}: {len(a)} items != {len(b)}"]
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in diff(x, y, f"{where}[{i}]")]
    return [] if a == b else [f"{where}: {a!r:.80} != {b!r:.80}"]
problems = diff(at_kill, saved)
old_ids = {c["id"] for c in sample["claims"]}
new_ids = {c["id"] for c in at_kill["claims"]} - old_ids
if len(new_ids) != 1 or not old_ids <= {c["id"] for c in at_kill["claims"]}:
    problems.append(f"the window held {len(new_ids)} new claims, not the one tagged")
for p in problems[:20]:
    print("  " + p)
print(f"restored project vs the one held at the kill: {len(problems)} differences, "
      f"{len(at_kill['claims'])} claims and {len(at_kill['articles'])} articles compared field by field")
sys.exit(1 if problems else 0)
PY
[ -z "$(find "$CANONRY_DATA_DIR/recovery" -name '*.canonry-recovery')" ] || fail "a recovery file was left after saving"
echo "gui kill and recovery: ok"

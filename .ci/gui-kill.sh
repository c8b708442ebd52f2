#!/usr/bin/env bash
# Crash while editing, in the real window under Xvfb: tag a word, wait for the recovery file,
# SIGKILL the app, start it again, restore with Enter, save, quit, and check the tag was kept.
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
[ -z "$(find "$CANONRY_DATA_DIR/recovery" -name '*.canonry-recovery')" ] || fail "a recovery file was left after saving"
echo "gui kill and recovery: ok"

#!/usr/bin/env bash
# Real-window smoke test under Xvfb: start the release binary on a copy of the sample project
# (in a folder whose path has spaces and non-ASCII characters), check the window and its title,
# take a screenshot and check it is not blank, tag a word with the keyboard, save, quit with
# Ctrl+Q, and check the saved file.
set -euo pipefail
bin=${1:?usage: gui-smoke.sh PATH/TO/canonry}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'kill "${app_pid:-}" "${xvfb_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

dir="$work/Lore journals/Ünïcode «folder»"
mkdir -p "$dir"
project="$dir/picard rescue.canonry"
cp "$root/assets/samples/picard-rescue-mission.canonry" "$project"
export CANONRY_DATA_DIR="$work/data"
unset WAYLAND_DISPLAY
canon_claims() { "$bin" stats "$1" | awk '/^All articles/{all=1} all && $1=="Canon"{print $2}'; }
canon_before=$(canon_claims "$project")

display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=$display
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

started=$(date +%s.%N)
"$bin" "$project" >"$work/app.log" 2>&1 &
app_pid=$!
window=$(timeout 30 xdotool search --sync --class "io.github.canonry.Canonry" | head -n 1)
mapped=$(date +%s.%N)
echo "window mapped after $(echo "$mapped - $started" | bc) s"
# The title is set with the window; give the first frame a moment in case the WM lags.
for _ in $(seq 30); do
  title=$(xprop -id "$window" _NET_WM_NAME | sed 's/^[^"]*"//; s/"$//')
  [ "$title" = "picard rescue — Canonry" ] && break
  sleep 0.1
done
echo "window title: $title"
case "$title" in
  "picard rescue — Canonry") ;;
  *) echo "FAIL: the window is not titled after the project"; exit 1 ;;
esac
class=$(xprop -id "$window" WM_CLASS)
echo "window class: $class"
case "$class" in *io.github.canonry.Canonry*) ;; *) echo "FAIL: wrong window class"; exit 1 ;; esac
sleep 1.5
import -window root "$work/shot.png"
colours=$(convert "$work/shot.png" -format '%k' info:)
echo "screenshot colours: $colours"
if [ "$colours" -lt 50 ]; then
  echo "FAIL: the window looks blank"; cp "$work/shot.png" /tmp/canonry-smoke-blank.png; exit 1
fi
cp "$work/shot.png" "${SMOKE_SCREENSHOT:-/tmp/canonry-smoke.png}"

# Keyboard-first tagging in the real window: put the caret in the text, go to the start of
# its paragraph, select the first word with Ctrl+Shift+Right, press 1 (canon), save, quit.
xdotool windowfocus --sync "$window"
geometry=$(xdotool getwindowgeometry --shell "$window")
eval "$geometry"
xdotool mousemove $((X + WIDTH / 2)) $((Y + HEIGHT / 3)) click 1
sleep 0.3
xdotool key Home
sleep 0.2
xdotool key ctrl+shift+Right
sleep 0.2
xdotool key 1
sleep 0.3
xdotool key ctrl+s
sleep 0.5
xdotool key ctrl+q
for _ in $(seq 100); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$app_pid" 2>/dev/null; then
  echo "FAIL: the app did not quit on Ctrl+Q"; cat "$work/app.log"; exit 1
fi
wait "$app_pid" && status=0 || status=$?
app_pid=
[ "$status" -eq 0 ] || { echo "FAIL: exit status $status"; cat "$work/app.log"; exit 1; }

canon=$(canon_claims "$project")
echo "canon claims: $canon_before before, $canon after tagging"
[ "$canon" = "$((canon_before + 1))" ] || { echo "FAIL: expected one more canon claim after tagging one word"; exit 1; }
"$bin" validate "$project"
leftover=$(find "$CANONRY_DATA_DIR/recovery" -name '*.canonry-recovery' 2>/dev/null | wc -l)
[ "$leftover" -eq 0 ] || { echo "FAIL: a clean exit left $leftover recovery file(s)"; exit 1; }
echo "gui smoke test: ok"

#!/usr/bin/env bash
# The Linux package as a user gets it: build the .deb with cargo-deb from the release binary,
# list it, install it, check that the shared-mime-info and .desktop registrations took effect
# (xdg-mime), open a project the way a file manager does (gio open) under Xvfb and check that
# Canonry's window comes up titled after it, then remove the package. Needs root (dpkg).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
work=$(mktemp -d)
installed_by_us=
# The Canonry processes this script started: gio launches them, so they are found by the data
# folder only this run sets (never by name, which would end other users' windows too).
our_canonry_pids() {
  local d
  for d in /proc/[0-9]*; do
    [ "$(readlink "$d/exe" 2>/dev/null)" = /usr/bin/canonry ] || continue
    tr '\0' '\n' 2>/dev/null <"$d/environ" | grep -qxF "CANONRY_DATA_DIR=$work/data" && echo "${d#/proc/}"
  done
  return 0
}
cleanup() {
  kill "${xvfb_pid:-}" 2>/dev/null || true
  for p in ${app_pid:-} $(our_canonry_pids); do kill "$p" 2>/dev/null || true; done
  [ -z "$installed_by_us" ] || dpkg -r canonry >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

command -v cargo-deb >/dev/null || cargo install cargo-deb --locked --version 3.8.0
cargo deb --no-build --locked -o "$work" >/dev/null
deb=$(ls "$work"/canonry_*.deb)
echo "built $(basename "$deb") ($(du -h "$deb" | cut -f1))"
dpkg-deb --info "$deb" | sed -n '/Package:/,/Description:/p'
dpkg-deb --contents "$deb" | awk '{print $6}' | tee "$work/contents.txt"
for f in usr/bin/canonry \
  usr/share/applications/io.github.canonry.Canonry.desktop \
  usr/share/mime/packages/io.github.canonry.Canonry.xml \
  usr/share/metainfo/io.github.canonry.Canonry.metainfo.xml \
  usr/share/icons/hicolor/scalable/apps/io.github.canonry.Canonry.svg \
  usr/share/icons/hicolor/scalable/mimetypes/io.github.canonry.Canonry-document.svg; do
  grep -qx "\./$f" "$work/contents.txt" || fail "the package lacks /$f"
done

dpkg -i "$deb" >/dev/null
installed_by_us=1
[ -x /usr/bin/canonry ] || fail "/usr/bin/canonry is not installed"
# Packages normally run these through dpkg triggers; run them in case triggers are deferred.
update-mime-database /usr/share/mime
update-desktop-database -q /usr/share/applications

# A project whose path has spaces and non-ASCII characters, as users name them.
mkdir -p "$work/Lore notes/Ünïcode"
project="$work/Lore notes/Ünïcode/My Picard notes.canonry"
cp assets/samples/picard-rescue-mission.canonry "$project"
export CANONRY_DATA_DIR="$work/data" HOME="$work/home"
mkdir -p "$HOME"
unset WAYLAND_DISPLAY XDG_CURRENT_DESKTOP

filetype=$(xdg-mime query filetype "$project")
echo "xdg-mime query filetype: $filetype"
[ "$filetype" = "application/x-canonry+json" ] || fail "xdg-mime does not know .canonry files"
default=$(xdg-mime query default application/x-canonry+json)
echo "xdg-mime query default: $default"
[ "$default" = "io.github.canonry.Canonry.desktop" ] || fail "Canonry is not the default app for .canonry"
gio_type=$(gio info -a standard::content-type "$project" | awk '/content-type/{print $2}')
echo "gio content type: $gio_type"
[ "$gio_type" = "application/x-canonry+json" ] || fail "GIO does not know .canonry files"

display=:$((80 + RANDOM % 9))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=$display
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

gio open "$project"
window=$(timeout 30 xdotool search --sync --class "io.github.canonry.Canonry" | head -n 1) \
  || fail "no Canonry window after gio open"
for _ in $(seq 30); do
  title=$(xprop -id "$window" _NET_WM_NAME | sed 's/^[^"]*"//; s/"$//')
  [ "$title" = "My Picard notes — Canonry" ] && break
  sleep 0.1
done
echo "window opened by gio: $title"
[ "$title" = "My Picard notes — Canonry" ] || fail "the window is not titled after the project"
pid=$(xdotool getwindowpid "$window")
app_pid=$pid
tr '\0' ' ' <"/proc/$pid/cmdline"; echo
kill "$pid"
for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
app_pid=

dpkg -r canonry >/dev/null
installed_by_us=
[ ! -e /usr/bin/canonry ] || fail "removing the package left /usr/bin/canonry"
[ ! -e /usr/share/applications/io.github.canonry.Canonry.desktop ] || fail "removal left the .desktop file"
echo "deb checks: ok"

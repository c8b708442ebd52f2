#!/usr/bin/env bash
# Saving onto real troubled disks (needs root to mount): a full tmpfs and a read-only one. The
# save must fail with a message that says what happened, and the project file must be unchanged
# with no temp file left. The GUI's handling of the same errors (work kept in memory and in the
# recovery file) is tested in tests/ui.rs with an injected file system.
set -euo pipefail
bin=${1:?usage: disk-trouble.sh PATH/TO/canonry}
root=$(cd "$(dirname "$0")/.." && pwd)
mnt=$(mktemp -d)
work=$(mktemp -d)
trap 'umount "$mnt" 2>/dev/null || true; rm -rf "$mnt" "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
export CANONRY_DATA_DIR="$work/data"

mount -t tmpfs -o size=512k tmpfs "$mnt"
project="$mnt/lore.canonry"
cp "$root/assets/samples/picard-rescue-mission.canonry" "$project"
cp "$project" "$work/original.canonry"

check() { # $1: what, $2: words the message must contain
  if "$bin" add-article "$project" "$root/tests/fixtures/import/fan-news.html" >"$work/out" 2>&1; then
    fail "$1: the save succeeded"
  fi
  echo "$1: $(cat "$work/out")"
  grep -q "$2" "$work/out" || fail "$1: the message does not say \"$2\""
  cmp -s "$project" "$work/original.canonry" || fail "$1: the project file changed"
  [ -z "$(find "$mnt" -name '*.tmp')" ] || fail "$1: a temp file was left behind"
}

dd if=/dev/zero of="$mnt/filler" bs=4k 2>/dev/null || true
check "full disk" "The disk is full"
rm "$mnt/filler"
mount -o remount,ro "$mnt"
check "read-only disk" "read-only"
mount -o remount,rw "$mnt"
"$bin" add-article "$project" "$root/tests/fixtures/import/fan-news.html" >/dev/null
"$bin" validate "$project" >/dev/null
echo "disk trouble: ok (and the save succeeds once there is room)"

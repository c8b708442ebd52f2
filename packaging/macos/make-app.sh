#!/usr/bin/env bash
# Assembles Canonry.app from a macOS release build: packaging/macos/make-app.sh [TARGET_DIR]
# Layout: Canonry.app/Contents/{Info.plist, MacOS/canonry, Resources/*.icns}
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
target=${1:-$root/target/release}
app="$target/Canonry.app"
rm -rf "$app"
mkdir -p "$app/Contents/MacOS" "$app/Contents/Resources"
cp "$root/packaging/macos/Info.plist" "$app/Contents/Info.plist"
cp "$target/canonry" "$app/Contents/MacOS/canonry"
cp "$root/assets/icons/canonry.icns" "$root/assets/icons/canonry-document.icns" "$app/Contents/Resources/"
echo "built $app"

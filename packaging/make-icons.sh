#!/usr/bin/env bash
# Regenerates every icon from the SVG sources in assets/icons/ (the outputs are committed).
# Needs rsvg-convert (Debian: librsvg2-bin) and Pillow (PyPI: pillow).
set -euo pipefail
cd "$(dirname "$0")/../assets/icons"
for name in canonry canonry-document; do
  for size in 16 24 32 48 64 128 256 512 1024; do
    mkdir -p "png/$size"
    rsvg-convert -w "$size" -h "$size" "$name.svg" -o "png/$size/$name.png"
  done
done
python3 - <<'PY'
from PIL import Image
for name in ["canonry", "canonry-document"]:
    big = Image.open(f"png/1024/{name}.png")
    big.save(f"{name}.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    big.save(f"{name}.icns")
PY
echo "icons written to assets/icons/"

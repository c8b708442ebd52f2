#!/usr/bin/env bash
# Export checks that need outside tools: the HTML export of the sample (with a hostile note
# planted) in headless Chromium, and the W3C Web Annotation export against the working group's
# MUST assertions (carried in tests/fixtures/w3c-annotation-model; W3C test-suite licence).
set -euo pipefail
bin=${1:?usage: export-checks.sh PATH/TO/canonry}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A copy of the sample whose notes try to run script.
python3 - "$root/assets/samples/picard-rescue-mission.canonry" "$work/hostile.canonry" <<'PY'
import json, sys
project = json.load(open(sys.argv[1], encoding="utf-8"))
project["claims"][0]["note"] = (
    "<script>document.title='PWNED'</script>\n\n"
    "<img src=x onerror=\"document.title='PWNED'\">\n\n"
    "[click](javascript:document.title='PWNED') <svg onload=\"document.title='PWNED'\"></svg>"
)
project["articles"][0]["title"] += " </title><script>document.title='PWNED'</script>"
json.dump(project, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False, indent=2)
PY
"$bin" validate "$work/hostile.canonry" >/dev/null
"$bin" export "$work/hostile.canonry" --format html --output "$work/export.html"

chrome=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chrome" ]; then
  echo "FAIL: chromium is not installed"; exit 1
fi
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
  --disable-component-update --disable-sync --user-data-dir="$work/chrome-profile")
timeout 60 "$chrome" "${flags[@]}" --dump-dom "file://$work/export.html" >"$work/dom.html" 2>"$work/chrome.log" || {
  echo "FAIL: chromium could not load the export"; tail -20 "$work/chrome.log"; exit 1; }
grep -q "Picard: the Romulan rescue" "$work/dom.html" || { echo "FAIL: the page did not load"; exit 1; }
if grep -q "PWNED" <(grep -o '<title>[^<]*</title>' "$work/dom.html"); then
  echo "FAIL: a script planted in a note ran"; exit 1
fi
grep -q '<title>Picard: the Romulan rescue</title>' "$work/dom.html" || { echo "FAIL: title changed"; exit 1; }
echo "html export: loads in Chromium, planted scripts did not run"
timeout 60 "$chrome" "${flags[@]}" --window-size=1000,1400 --screenshot="$work/export.png" "file://$work/export.html" \
  >/dev/null 2>&1 || true
[ -s "$work/export.png" ] && cp "$work/export.png" "${EXPORT_SCREENSHOT:-/tmp/canonry-export.png}" && echo "screenshot: ${EXPORT_SCREENSHOT:-/tmp/canonry-export.png}"

# W3C Web Annotation Data Model: the working group's MUST assertions. The material is in the repo;
# if it is missing the check fails, it is never skipped.
validator="$root/tests/fixtures/w3c-annotation-model/validate.py"
[ -f "$validator" ] || { echo "FAIL: $validator is missing; the W3C conformance check cannot run"; exit 1; }
"$bin" export "$root/assets/samples/picard-rescue-mission.canonry" --format w3c --output "$work/export.jsonld"
python3 -c "import jsonschema, referencing" 2>/dev/null || python3 -m pip install --quiet "jsonschema>=4.18"
python3 "$validator" "$work/export.jsonld" --containers -q
echo "w3c export: 0 failed MUST assertions"

#!/usr/bin/env python3
"""Checks that the names Canonry uses everywhere agree across Cargo.toml, the .desktop file, the
shared-mime-info XML, the AppStream metainfo, Info.plist and the WiX installer: app id, binary,
extension, MIME type and version. Exit 1 on any disagreement."""
import plistlib
import re
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

root = Path(__file__).resolve().parent.parent
APP_ID = "io.github.canonry.Canonry"
MIME = "application/x-canonry+json"
problems = []

def check(what, ok):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        problems.append(what)

cargo = tomllib.loads((root / "Cargo.toml").read_text())
version = cargo["package"]["version"]
lib_rs = (root / "src/lib.rs").read_text()
check("src/lib.rs APP_ID", f'APP_ID: &str = "{APP_ID}"' in lib_rs)
check("src/storage/format.rs MIME type", f'"{MIME}"' in (root / "src/storage/format.rs").read_text())
check("Cargo.toml binary name", any(b["name"] == "canonry" for b in cargo["bin"]))

desktop = (root / f"packaging/linux/{APP_ID}.desktop").read_text()
check(".desktop Exec", "Exec=canonry %f" in desktop)
check(".desktop MimeType", f"MimeType={MIME};" in desktop)
check(".desktop StartupWMClass", f"StartupWMClass={APP_ID}" in desktop)
check(".desktop Icon", f"Icon={APP_ID}" in desktop)

ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
mime = ET.parse(root / f"packaging/linux/{APP_ID}.xml").getroot().find("m:mime-type", ns)
check("MIME XML type", mime.get("type") == MIME)
check("MIME XML glob", mime.find("m:glob", ns).get("pattern") == "*.canonry")
check("MIME XML sub-class-of application/json", mime.find("m:sub-class-of", ns).get("type") == "application/json")

meta = ET.parse(root / f"packaging/linux/{APP_ID}.metainfo.xml").getroot()
check("metainfo id", meta.findtext("id") == APP_ID)
check("metainfo launchable", meta.findtext("launchable") == f"{APP_ID}.desktop")
check("metainfo mediatype", meta.findtext("provides/mediatype") == MIME)
check("metainfo latest release = Cargo version", meta.find("releases/release").get("version") == version)

plist = plistlib.loads((root / "packaging/macos/Info.plist").read_bytes())
check("Info.plist identifier", plist["CFBundleIdentifier"] == APP_ID)
check("Info.plist executable", plist["CFBundleExecutable"] == "canonry")
check("Info.plist version", plist["CFBundleShortVersionString"] == version)
doc = plist["CFBundleDocumentTypes"][0]
check("Info.plist LSHandlerRank Owner", doc["LSHandlerRank"] == "Owner")
uti = plist["UTExportedTypeDeclarations"][0]
check("Info.plist UTI matches document type", doc["LSItemContentTypes"] == [uti["UTTypeIdentifier"]])
check("Info.plist extension", uti["UTTypeTagSpecification"]["public.filename-extension"] == ["canonry"])
check("Info.plist MIME type", uti["UTTypeTagSpecification"]["public.mime-type"] == [MIME])

wxs = (root / "packaging/windows/canonry.wxs").read_text()
check("WiX .canonry extension", r"Software\Classes\.canonry" in wxs)
check("WiX MIME type", f'Value="{MIME}"' in wxs)
check('WiX open command "canonry.exe" "%1"', "canonry.exe&quot; &quot;%1&quot;" in wxs)
check("WiX Start menu shortcut", "<Shortcut" in wxs)

deb = cargo["package"]["metadata"]["deb"]["assets"]
check("cargo-deb ships the .desktop file", any(a[0].endswith(".desktop") for a in deb))
check("cargo-deb ships the MIME XML", any("mime/packages" in a[1] for a in deb))

print(f"\n{len(problems)} problem(s)")
sys.exit(1 if problems else 0)

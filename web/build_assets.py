"""Build the widget bundle served by web/server.py (run by `make` via mk/web.mk).

    python -m web.build_assets            # after `npm ci`

Takes rasa-webchat's self-contained UMD bundle (node_modules/rasa-webchat/lib/index.js,
version pinned in package.json / package-lock.json), removes its Google Fonts
`@import`, checks that no other stylesheet import of a remote URL is left, and
writes web/static/vendor/rasa-webchat.js (git-ignored). The page then makes no
request to any third party: the widget falls back to the system font we set in
web/static/ldn-widget.css.
"""

import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "node_modules" / "rasa-webchat"
SOURCE = PACKAGE / "lib" / "index.js"
VENDOR = ROOT / "web" / "static" / "vendor"
TARGET = VENDOR / "rasa-webchat.js"
EXPECTED_VERSION = "1.0.1"

# The bundle's CSS strings start with this, once per stylesheet (11 times in 1.0.1).
GOOGLE_FONTS_IMPORT = re.compile(r"@import url\(\s*[\"']?https://fonts\.googleapis\.com/[^)]*\)\s*;?")
# Anything that would still make the browser fetch a remote stylesheet or font.
REMOTE_CSS = re.compile(r"@import\s+(url\()?\s*[\"']?(https?:)?//|url\(\s*[\"']?(https?:)?//fonts\.")


def patch(bundle: str) -> str:
    patched, removed = GOOGLE_FONTS_IMPORT.subn("", bundle)
    if removed == 0:
        raise SystemExit("build_assets: no Google Fonts @import found; has the bundle changed?")
    left = REMOTE_CSS.search(patched)
    if left:
        raise SystemExit(f"build_assets: a remote CSS import is left in the bundle: {left.group(0)!r}")
    return patched


def main() -> int:
    if not SOURCE.exists():
        print("build_assets: node_modules/rasa-webchat is missing; run `npm ci` first", file=sys.stderr)
        return 1
    version = json.loads((PACKAGE / "package.json").read_text(encoding="utf-8"))["version"]
    if version != EXPECTED_VERSION:
        print(f"build_assets: rasa-webchat {version} installed, {EXPECTED_VERSION} expected", file=sys.stderr)
        return 1
    patched = patch(SOURCE.read_text(encoding="utf-8"))
    VENDOR.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(patched, encoding="utf-8")
    digest = hashlib.sha256(patched.encode("utf-8")).hexdigest()
    (VENDOR / "BUILD.json").write_text(
        json.dumps({"rasa-webchat": version, "sha256": digest, "google_fonts_import_removed": True}, indent=2) + "\n",
        encoding="utf-8",
    )
    print(f"build_assets: wrote {TARGET.relative_to(ROOT)} (rasa-webchat {version}, {len(patched)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Build the widget bundle served by web/server.py (run by `make` via mk/web.mk).

    python -m web.build_assets            # after `npm ci`

Takes rasa-webchat's self-contained UMD bundle (node_modules/rasa-webchat/lib/index.js,
version pinned in package.json / package-lock.json), makes two changes and writes
web/static/vendor/rasa-webchat.js (git-ignored):

1. Its Google Fonts `@import` is removed, and no other stylesheet import of a remote
   URL may be left. The page then makes no request to any third party: the widget
   falls back to the system font we set in web/static/ldn-widget.css.
2. One socket per page. The bundle counts its socket as "initialized" only once it
   is connected, and re-creates it on every update of an open chat until then. A
   patient who opens the chat before the socket connects (a slow line, or a quick
   keyboard) got two or more sockets, each given its own session by the server.
   The greeting then went out naming one session over a socket that had joined
   another; the server refuses that (channels/socketio.py, fix 4), so the
   patient got no greeting: 6 of 6 such openings in tests/web/test_browser.py,
   and the CI failure of 2026-11-27. A socket that exists, connected or still
   connecting, now counts; socket.io reconnects it by itself.
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
# rasa-webchat 1.0.1's socket wrapper, minified: "initialized" only when connected.
SOCKET_INITIALIZED = 'key:"isInitialized",value:function(){return null!==this.socket&&this.socket.connected}'
SOCKET_EXISTS = 'key:"isInitialized",value:function(){return null!==this.socket}'


def patch(bundle: str) -> str:
    patched, removed = GOOGLE_FONTS_IMPORT.subn("", bundle)
    if removed == 0:
        raise SystemExit("build_assets: no Google Fonts @import found; has the bundle changed?")
    left = REMOTE_CSS.search(patched)
    if left:
        raise SystemExit(f"build_assets: a remote CSS import is left in the bundle: {left.group(0)!r}")
    if patched.count(SOCKET_INITIALIZED) != 1:
        raise SystemExit("build_assets: the socket wrapper's isInitialized is not as expected; has the bundle changed?")
    return patched.replace(SOCKET_INITIALIZED, SOCKET_EXISTS)


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
        json.dumps(
            {"rasa-webchat": version, "sha256": digest, "google_fonts_import_removed": True, "one_socket": True},
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"build_assets: wrote {TARGET.relative_to(ROOT)} (rasa-webchat {version}, {len(patched)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

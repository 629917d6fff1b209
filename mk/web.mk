# Website widget (docs/widget.md): rasa-webchat from npm, patched and served locally.
# Included by the Makefile; adds to RUN_DEPS and TEST_DEPS.

WIDGET_BUNDLE := web/static/vendor/rasa-webchat.js
NODE_STAMP    := node_modules/.ldn-installed

.PHONY: widget chromium
widget: $(WIDGET_BUNDLE)

# Exact versions from package-lock.json; no install scripts run (we only use prebuilt files).
$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# The bundle without its Google Fonts @import (no third-party requests).
$(WIDGET_BUNDLE): $(NODE_STAMP) web/build_assets.py | $(VENV)/.installed
	$(PY) -m web.build_assets

# The browser test drives Debian's chromium headless (never `playwright install`).
chromium: /usr/bin/chromium
/usr/bin/chromium:
	bash scripts/install_chromium.sh

RUN_DEPS  += $(WIDGET_BUNDLE)
TEST_DEPS += $(WIDGET_BUNDLE) /usr/bin/chromium

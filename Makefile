# tutorat: two commands on a fresh Debian/Ubuntu machine with Swift installed.
#   make site   installs the C libraries if missing, builds, writes public/ from content/
#   make test   the same libraries, then every test
SWIFT ?= swift
BIN_DEBUG := .build/debug/tutorat
BIN_RELEASE := .build/release/tutorat

.PHONY: site test build release deps bench fuzz clean exports-test browser-test browser-tools screenshots server-tools

# libcmark (Markdown) and libyaml (front matter) are the only system libraries.
deps:
	@if ! pkg-config --exists libcmark yaml-0.1 2>/dev/null; then \
		echo "Installing libcmark-dev and libyaml-dev..."; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq libcmark-dev libyaml-dev pkg-config >/dev/null; \
	fi

build: deps
	$(SWIFT) build --product tutorat

release: deps
	$(SWIFT) build -c release --product tutorat

site: release
	$(BIN_RELEASE) build --site .
	@echo "Open public/index.html in a browser."

# nginx and apache check the rules of build --server-config (nginx -t, apache2 -t); a few seconds to install.
server-tools:
	@if [ ! -x /usr/sbin/nginx ] || [ ! -x /usr/sbin/apache2 ]; then \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get install -y -qq nginx-light apache2-bin >/dev/null 2>&1 || \
			{ $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq nginx-light apache2-bin >/dev/null; }; \
	fi

test: deps server-tools
	$(SWIFT) build --product tutorat
	$(SWIFT) test
	$(MAKE) --no-print-directory exports-test
	$(MAKE) --no-print-directory browser-test

# The exports read back with real parsers (icalendar, csv, json, XML).
exports-test:
	@python3 -c "import icalendar, pytest" 2>/dev/null || python3 -m pip install -q icalendar pytest
	TUTORAT_BIN=$(TUTORAT_BIN) python3 -m pytest -q -p no:cacheprovider tests/exports

# The browser stage (tests/browser, docs/how-it-works.md "Browser checks"): builds the bundled
# site and a generated one, then checks them in Chromium with axe-core, the Nu
# HTML checker, a link crawler, JavaScript off, phone and desktop widths.
# TUTORAT_BIN picks the binary under test; browser-tools installs what is missing.
TUTORAT_BIN ?= $(BIN_DEBUG)
BROWSER_TOOLS ?= .cache/browser-tools
SCREENSHOTS ?= .cache/screenshots

browser-tools:
	@bash tests/browser/install.sh $(BROWSER_TOOLS)

browser-test: browser-tools
	@[ -x $(TUTORAT_BIN) ] || $(SWIFT) build --product tutorat
	TUTORAT_BIN=$(TUTORAT_BIN) BROWSER_TOOLS=$(BROWSER_TOOLS) SCREENSHOTS=$(SCREENSHOTS) \
		python3 -m pytest -c tests/browser/pytest.ini tests/browser

# Copies the README's screenshots from the last browser run into docs/screenshots/.
screenshots:
	@[ -f $(SCREENSHOTS)/readme/home-desktop.png ] || $(MAKE) --no-print-directory browser-test
	cp $(SCREENSHOTS)/readme/*.png docs/screenshots/

# Hugo, cmark and GNU time from Debian are what tutorat is measured against.
bench: release
	@for tool in hugo cmark /usr/bin/time; do command -v $$tool >/dev/null || { apt-get update -qq && apt-get install -y -qq hugo cmark time >/dev/null; break; }; done
	bash bench/run.sh

# libFuzzer over front matter, YAML, the decoders and Markdown, for FUZZ_SECONDS.
FUZZ_SECONDS ?= 60
fuzz: deps
	$(SWIFT) build -c release --product tutorat-fuzz --scratch-path .build-fuzz \
		-Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING -Xswiftc -use-ld=lld
	mkdir -p .build-fuzz/corpus .build-fuzz/crashes
	cp Tests/Fixtures/fuzz-seeds/* .build-fuzz/corpus/
	.build-fuzz/release/tutorat-fuzz .build-fuzz/corpus -max_total_time=$(FUZZ_SECONDS) -max_len=16384 \
		-rss_limit_mb=2048 -artifact_prefix=.build-fuzz/crashes/ -print_final_stats=1

clean:
	rm -rf .build public

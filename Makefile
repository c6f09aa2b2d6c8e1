# tutorat: two commands on a fresh Debian/Ubuntu machine with Swift installed.
#   make site   installs the C libraries if missing, builds, writes public/ from content/
#   make test   the same libraries, then every test
# and two to ship it (docs/publishing.md):
#   make dist                 dist/tutorat-VERSION-linux-ARCH.tar.gz: one static executable, its man page and completions
#   make install PREFIX=DIR   the same files under DIR (/usr/local by default)
SWIFT ?= swift
BIN_DEBUG := .build/debug/tutorat
BIN_RELEASE := .build/release/tutorat

.PHONY: site test build release deps bench fuzz clean exports-test browser-test browser-tools screenshots server-tools \
	dist dist-libs install install-files uninstall dist-test

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

# nginx and apache check the rules of build --server-config (nginx -t, apache2 -t) and serve the built site
# (tests/publish), which rsync deploys and openssl makes a certificate for; a few seconds to install.
server-tools:
	@if [ ! -x /usr/sbin/nginx ] || [ ! -x /usr/sbin/apache2 ] || ! command -v rsync >/dev/null || ! command -v openssl >/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get install -y -qq nginx-light apache2-bin rsync openssl >/dev/null 2>&1 || \
			{ $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq nginx-light apache2-bin rsync openssl >/dev/null; }; \
	fi

test: deps server-tools
	$(SWIFT) build --product tutorat
	$(SWIFT) test
	$(MAKE) --no-print-directory exports-test
	$(MAKE) --no-print-directory browser-test
	$(MAKE) --no-print-directory dist-test

# The archive from the outside (tests/dist) and the publishing recipes (tests/publish), on the archive make dist
# writes (a static release build: about 8 minutes on two shared cores, once; then make dist is incremental).
# DIST_TEST_CONFIGURATION=debug packs one by the same recipe from a debug build, in its own folders.
DIST_TEST_CONFIGURATION ?= release
DIST_TEST_SCRATCH = $(if $(filter release,$(DIST_TEST_CONFIGURATION)),$(DIST_SCRATCH),.build-dist-$(DIST_TEST_CONFIGURATION))
DIST_TEST_FOLDER = $(if $(filter release,$(DIST_TEST_CONFIGURATION)),$(DIST),$(DIST_TEST_SCRATCH)/dist)
dist-test: server-tools
	$(MAKE) --no-print-directory dist DIST_CONFIGURATION=$(DIST_TEST_CONFIGURATION) DIST_SCRATCH=$(DIST_TEST_SCRATCH) DIST=$(DIST_TEST_FOLDER)
	@python3 -c "import pytest, yaml" 2>/dev/null || python3 -m pip install -q pytest pyyaml
	TUTORAT_TARBALL=$(DIST_TEST_FOLDER)/$(DIST_NAME).tar.gz python3 -m pytest -q -p no:cacheprovider tests/dist tests/publish

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

# One binary anywhere: the Swift runtime and Foundation linked statically (--static-swift-stdlib), and
# libcmark, libyaml, libstdc++ and libgcc's unwinder from their static archives, so that ldd names only
# the C library. The archives are linked through a folder that holds them and no shared library, named
# first by pkg-config files of its own (SwiftPM passes -L from pkg-config before any other); libgcc_s is
# that folder's name for libgcc_eh.a, which is what gcc's -static-libgcc links. The static build has its
# own scratch folder: its modules are compiled against the static runtime's (-use-static-resource-dir).
VERSION := $(shell sed -n 's/^ *static let version = "\(.*\)"$$/\1/p' Sources/tutorat/Tutorat.swift)
ARCH := $(shell uname -m)
DIST ?= dist
DIST_CONFIGURATION ?= release
DIST_SCRATCH ?= .build-dist
DIST_NAME := tutorat-$(VERSION)-linux-$(ARCH)
DIST_STAGE = $(DIST)/$(DIST_NAME)
DIST_LIBS = $(abspath $(DIST_SCRATCH))/static-libs
DIST_BUILD = PKG_CONFIG_PATH=$(DIST_LIBS)/pkgconfig $(SWIFT) build -c $(DIST_CONFIGURATION) --scratch-path $(DIST_SCRATCH) --static-swift-stdlib
# The commit's date dates the man page and the archive's files, so that one commit gives one archive.
DIST_EPOCH := $(shell git log -1 --format=%ct 2>/dev/null || date +%s)
PREFIX ?= /usr/local

dist-libs: deps
	@set -e; libs=$(DIST_LIBS); rm -rf $$libs; mkdir -p $$libs/pkgconfig; \
	for pc in libcmark yaml-0.1; do \
		dir=$$(pkg-config --variable=libdir $$pc); name=$$(pkg-config --libs-only-l $$pc | sed 's/^ *-l//; s/ *$$//'); \
		[ -f $$dir/lib$$name.a ] || { echo "no $$dir/lib$$name.a: its -dev package ships it"; exit 1; }; \
		ln -s $$dir/lib$$name.a $$libs/lib$$name.a; \
		sed "s|^libdir=.*|libdir=$$libs|" $$(pkg-config --variable=pcfiledir $$pc)/$$pc.pc > $$libs/pkgconfig/$$pc.pc; \
	done; \
	for archive in libstdc++.a:libstdc++.a libgcc_eh.a:libgcc_s.a; do \
		path=$$(gcc -print-file-name=$${archive%%:*}); \
		[ -f "$$path" ] || { echo "no $${archive%%:*}: install libstdc++-12-dev (or your gcc's)"; exit 1; }; \
		ln -s $$path $$libs/$${archive#*:}; \
	done

dist: dist-libs
	$(DIST_BUILD) --product tutorat
	$(DIST_BUILD) --product generate-manual
	@set -e; stage=$(DIST_STAGE); bin=$(DIST_SCRATCH)/$(DIST_CONFIGURATION); rm -rf $$stage $$stage.tar.gz; \
	mkdir -p $$stage/bin $$stage/share/man/man1 $$stage/share/bash-completion/completions \
		$$stage/share/zsh/site-functions $$stage/share/fish/vendor_completions.d $$stage/share/doc/tutorat; \
	strip --strip-debug -o $$stage/bin/tutorat $$bin/tutorat; \
	$$bin/generate-manual $$stage/bin/tutorat --date $$(date -u -d @$(DIST_EPOCH) +%F) --output-directory $$stage/share/man/man1; \
	$$stage/bin/tutorat --generate-completion-script bash > $$stage/share/bash-completion/completions/tutorat; \
	$$stage/bin/tutorat --generate-completion-script zsh > $$stage/share/zsh/site-functions/_tutorat; \
	$$stage/bin/tutorat --generate-completion-script fish > $$stage/share/fish/vendor_completions.d/tutorat.fish; \
	cp README.md LICENSE $$stage/; \
	notices=$$stage/share/doc/tutorat/third-party-licences.txt; \
	echo "tutorat $(VERSION) includes code from these projects, under these licences." > $$notices; \
	for checkout in $(DIST_SCRATCH)/checkouts/*; do \
		linked=; for module in $$checkout/Sources/*; do \
			grep -q "/$$(basename $$module | tr - _).build/" $$bin/tutorat.product/Objects.LinkFileList && linked=yes; \
		done; \
		[ -n "$$linked" ] || continue; \
		for file in $$checkout/LICENSE* $$checkout/NOTICE*; do \
			[ -f $$file ] && printf '\n==== %s: %s\n\n' $$(basename $$checkout) $$(basename $$file) >> $$notices && cat $$file >> $$notices; \
		done; \
	done; \
	for doc in /usr/share/doc/libcmark-dev/copyright /usr/share/doc/libyaml-dev/copyright /opt/swift/usr/share/swift/LICENSE.txt; do \
		[ -f $$doc ] && printf '\n==== %s\n\n' $$doc >> $$notices && cat $$doc >> $$notices; \
	done; \
	find $$stage -exec touch -h -d @$(DIST_EPOCH) {} +; \
	tar --sort=name --owner=0 --group=0 --numeric-owner -C $(DIST) -cf - $(DIST_NAME) | gzip -9n > $$stage.tar.gz; \
	(cd $(DIST) && sha256sum $(DIST_NAME).tar.gz > $(DIST_NAME).tar.gz.sha256); \
	echo "Wrote $$stage.tar.gz ($$(du -h $$stage.tar.gz | cut -f1); tutorat $$($$stage/bin/tutorat --version))."

# What the archive holds, under PREFIX; the README and the licence go to share/doc/tutorat/.
# install-files copies the files make dist staged last, building nothing (the tests use it).
install: dist
	@$(MAKE) --no-print-directory install-files

install-files:
	mkdir -p $(DESTDIR)$(PREFIX)
	cp -R $(DIST_STAGE)/bin $(DIST_STAGE)/share $(DESTDIR)$(PREFIX)/
	cp $(DIST_STAGE)/README.md $(DIST_STAGE)/LICENSE $(DESTDIR)$(PREFIX)/share/doc/tutorat/
	@echo "Installed tutorat into $(DESTDIR)$(PREFIX): $(DESTDIR)$(PREFIX)/bin/tutorat --version says $$($(DESTDIR)$(PREFIX)/bin/tutorat --version)."

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/tutorat $(DESTDIR)$(PREFIX)/share/man/man1/tutorat.1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/tutorat $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_tutorat \
		$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/tutorat.fish
	rm -rf $(DESTDIR)$(PREFIX)/share/doc/tutorat

clean:
	rm -rf .build .build-dist .build-dist-debug public dist

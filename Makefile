# tutorat: two commands on a fresh Debian/Ubuntu machine with Swift installed.
#   make site   installs the C libraries if missing, builds, writes public/ from content/
#   make test   the same libraries, then every test
SWIFT ?= swift
BIN_DEBUG := .build/debug/tutorat
BIN_RELEASE := .build/release/tutorat

.PHONY: site test build release deps bench fuzz clean

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

test: deps
	$(SWIFT) build --product tutorat
	$(SWIFT) test

bench: release
	@[ -x /usr/bin/time ] || apt-get install -y -qq time >/dev/null
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

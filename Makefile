# Thin wrapper over CMake presets, for the two set-up commands in README.md.
#   make demo   install what is missing, build, audit the bundled sample batch as a vendor
#               load (profile vendor-ebooks, against a small catalog) with its HTML, JSON
#               and CSV reports in build/demo-report, then a heading audit against the LC
#               authority samples with a catalog
#   make test   install what is missing (and Chromium, for the HTML report's browser test),
#               build, run the whole test suite, then the sanitizer runs (scripts/sanitize:
#               the suite and the corpus under ASan + UBSan, the pipeline under TSan)
#   make package  a Debian package, build/release/marcaudit_<version>_<arch>.deb (install it
#               with: sudo apt install ./build/release/marcaudit_*.deb)
# Other targets: build, check (the test suite without the sanitizer runs), release, asan,
# tsan, bench, fuzz, clean.

JOBS ?= $(shell nproc 2>/dev/null || echo 2)
SAMPLE ?= tests/data/vendor
HEADINGS_SAMPLE ?= tests/fixtures/headings/batch.mrk
AUTHORITIES ?= tests/data/auth/lc-name-authority-sample-namemrc-273.xml tests/data/auth/lc-subject-authority-sample-subjmrc-193.xml
CATALOG ?= tests/fixtures/headings/catalog.mrk
EBOOK_CATALOG ?= tests/fixtures/vendor-demo/catalog.mrk
DEMO_REPORT ?= build/demo-report

.PHONY: bootstrap build demo test check release package asan tsan bench fuzz clean

bootstrap:
	scripts/bootstrap

build: bootstrap
	cmake --preset dev
	cmake --build --preset dev -j $(JOBS)

demo: bootstrap
	cmake --preset release
	cmake --build --preset release -j $(JOBS)
	build/release/marcaudit audit --profile vendor-ebooks $(SAMPLE) --catalog $(EBOOK_CATALOG) \
	    --format text,json,html,csv --report-dir $(DEMO_REPORT)
	@echo
	@echo "=== The reports are in $(DEMO_REPORT)/: open report.html in a browser (page one is the"
	@echo "=== manager's summary), findings.csv and records.csv in a spreadsheet."
	@echo
	@echo "=== Headings: a batch checked against the LC name and subject authority samples,"
	@echo "=== joining a catalog (tests/fixtures/headings/README.md says what is in them)"
	@echo
	build/release/marcaudit audit $(HEADINGS_SAMPLE) --authorities $(AUTHORITIES) --catalog $(CATALOG)

test: check
	scripts/sanitize

check:
	scripts/bootstrap --test
	cmake --preset dev
	cmake --build --preset dev -j $(JOBS)
	ctest --preset dev -j $(JOBS)

release: bootstrap
	cmake --preset release
	cmake --build --preset release -j $(JOBS)

package: release
	cd build/release && cpack -G DEB
	@ls build/release/marcaudit_*.deb

asan: bootstrap
	scripts/sanitize asan

tsan: bootstrap
	scripts/sanitize tsan

fuzz:
	scripts/fuzz 600

bench: bootstrap
	cmake --preset bench
	cmake --build --preset bench -j $(JOBS)
	benchmarks/compare.sh

clean:
	rm -rf build

# Thin wrapper over CMake presets, for the two set-up commands in README.md.
#   make demo   install what is missing, build, audit the bundled sample batch
#   make test   install what is missing, build, run the whole test suite
# Other targets: build, release, asan, bench, clean.

JOBS ?= $(shell nproc 2>/dev/null || echo 2)
SAMPLE ?= tests/data/vendor

.PHONY: bootstrap build demo test release asan bench clean

bootstrap:
	scripts/bootstrap

build: bootstrap
	cmake --preset dev
	cmake --build --preset dev -j $(JOBS)

demo: bootstrap
	cmake --preset release
	cmake --build --preset release -j $(JOBS)
	build/release/marcaudit audit $(SAMPLE)

test: build
	ctest --preset dev -j $(JOBS)

release: bootstrap
	cmake --preset release
	cmake --build --preset release -j $(JOBS)

asan: bootstrap
	cmake --preset asan
	cmake --build --preset asan -j $(JOBS)
	ctest --preset asan -j $(JOBS)

bench: bootstrap
	cmake --preset bench
	cmake --build --preset bench -j $(JOBS)
	benchmarks/compare.sh

clean:
	rm -rf build

# Every external dependency of marcaudit, in one place. All come from Debian packages;
# scripts/bootstrap installs them.

find_package(Threads REQUIRED)
find_package(TBB REQUIRED)                       # libtbb-dev: the parallel pipeline
find_package(pugixml REQUIRED)                   # libpugixml-dev: MARCXML records
find_package(ICU REQUIRED COMPONENTS uc i18n)    # libicu-dev: Unicode normalization
find_package(Boost REQUIRED COMPONENTS program_options)  # command line
find_package(tomlplusplus REQUIRED)              # libtomlplusplus-dev: rule packs, profiles
find_package(nlohmann_json 3.9 REQUIRED)         # nlohmann-json3-dev: JSON reports
find_package(fmt REQUIRED)                       # libfmt-dev: formatting
find_package(ZLIB REQUIRED)                      # zlib1g-dev: gzip input
find_package(SQLite3 REQUIRED)                   # libsqlite3-dev: the history of runs (--history)
find_package(LibArchive REQUIRED)                # libarchive-dev: ZIP deliveries (their MARC members are read)

# YAZ ships no CMake package, only pkg-config: its iconv decodes MARC-8.
find_package(PkgConfig REQUIRED)
pkg_check_modules(YAZ REQUIRED IMPORTED_TARGET yaz)

if(MARCAUDIT_BUILD_TESTS)
  find_package(GTest REQUIRED)                   # libgtest-dev
endif()
if(MARCAUDIT_BUILD_BENCHMARKS)
  find_package(benchmark REQUIRED)               # libbenchmark-dev
endif()

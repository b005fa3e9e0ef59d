#!/usr/bin/env bash
# compare.sh: marcaudit's throughput against other MARC tools, on the same file, in one run.
#
#   benchmarks/compare.sh
#
# Times, on one large file built by benchmarks/make_corpus (cached in benchmarks/.cache/;
# real UTF-8 and MARC-8 records, renumbered and lightly varied round after round), on 1
# thread and on all threads:
#   marcaudit audit, reader checks only (split + parse + structure + encoding: what
#                    yaz-marcdump -n does), with the text summary
#   marcaudit audit with each shipped profile (default, strict, vendor-ebooks,
#                    nightly-export), text summary; the default profile also with the full
#                    JSON report, and without the heading module (its share of the run)
#   marcaudit audit of the same records as MARCXML (default profile, text summary)
#   yaz-marcdump -n          parse only (YAZ is single-threaded)
#   yaz-marcdump -o marcxml  convert to MARCXML (written to a scratch file)
#   marclint                 Perl MARC::Lint; slow, so only on a 10,000-record slice
# Each command runs REPEAT times; the best wall time is kept, with the highest peak RSS.
# Results are checked: marcaudit's records read (JSON "records.read", or the text summary's
# "Records: N read") must equal the records in the file, yaz-marcdump must exit 0 and read
# every record, marclint must count every record of the slice. Any mismatch stops the
# script with status 1.
#
# Environment:
#   MARCAUDIT=path   the marcaudit binary (default: build/release/marcaudit, built if missing)
#   REBUILD=1        rebuild build/release first even if the binary exists (incremental)
#   N=100000         records in the large file        SLICE=10000  records in marclint's slice
#   REPEAT=3         runs per command                 MARCAUDIT_CORPUS  see make_corpus
#   PROFILES="default strict vendor-ebooks nightly-export"   the profiles timed
# Delete benchmarks/.cache/ to rebuild the files (e.g. after the corpus or make_corpus changed).
set -euo pipefail
export LC_ALL=C  # a '.' decimal point in EPOCHREALTIME, awk and printf

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
cache=$here/.cache
N=${N:-100000}
SLICE=${SLICE:-10000}
REPEAT=${REPEAT:-3}
threads_all=$(nproc)

die() {
    echo "compare.sh: FAILED: $*" >&2
    exit 1
}

# ---- the marcaudit binary --------------------------------------------------------------
if [[ -n ${MARCAUDIT:-} ]]; then
    marcaudit=$MARCAUDIT
    [[ -x $marcaudit ]] || die "MARCAUDIT=$marcaudit is not an executable"
else
    marcaudit=$repo/build/release/marcaudit
    if [[ ! -x $marcaudit || ${REBUILD:-0} == 1 ]]; then
        echo "building the release binary (build/release)..." >&2
        build_log=$(mktemp "${TMPDIR:-/tmp}/marcaudit-build.XXXXXX")
        if ! (cd "$repo" && cmake --preset release && cmake --build build/release -j2) >"$build_log" 2>&1; then
            tail -n 30 "$build_log" >&2
            die "the release build failed (cmake --preset release && cmake --build build/release -j2); log: $build_log"
        fi
        rm -f "$build_log"
    fi
fi
command -v yaz-marcdump >/dev/null || die "yaz-marcdump is not installed (Debian package yaz)"

# ---- the input files (cached) ------------------------------------------------------------
mkdir -p "$cache"
big=$cache/corpus-$N.mrc
big_xml=$cache/corpus-$N.xml
slice=$cache/corpus-$SLICE.mrc
[[ -s $big && -s $big_xml ]] || "$here/make_corpus" "$big" "$N" "$big_xml" >&2
count_records() { tr -cd '\035' <"$1" | wc -c; }
records=$(count_records "$big")
bytes=$(wc -c <"$big")
xml_records=$(grep -c '^<record>' "$big_xml")
xml_bytes=$(wc -c <"$big_xml")
PROFILES=${PROFILES:-default strict vendor-ebooks nightly-export}

work=$(mktemp -d "${TMPDIR:-/tmp}/marcaudit-compare.XXXXXX")
trap 'rm -rf "$work"' EXIT

# ---- timing ------------------------------------------------------------------------------
# run_once CMD...: runs CMD once (stdout and stderr to $work/stdout, $work/stderr) and sets
# SECS (wall seconds), RSS_KB (peak resident set, empty when unknown) and RC (exit status).
# /usr/bin/time gives %e (wall, 10 ms resolution) and %M (peak RSS). Runs here take about a
# tenth of a second, so the wall time comes from bash's microsecond clock EPOCHREALTIME around
# the command when the shell has it (bash >= 5); /usr/bin/time's own start-up is included
# for every tool alike (about a millisecond). Without /usr/bin/time: bash's `time`, no RSS.
have_gnu_time=0
[[ -x /usr/bin/time ]] && have_gnu_time=1
run_once() {
    local start end e m
    RSS_KB=""
    if ((have_gnu_time)); then
        start=${EPOCHREALTIME:-}
        if /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/stdout" 2>"$work/stderr"; then RC=0; else RC=$?; fi
        end=${EPOCHREALTIME:-}
        # The last line: GNU time writes "Command exited with non-zero status N" before it.
        read -r e m < <(tail -n 1 "$work/time")
        RSS_KB=$m
        if [[ -n $start && -n $end ]]; then
            SECS=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
        else
            SECS=$e
        fi
    else
        local TIMEFORMAT=%3R
        { if time "$@" >"$work/stdout" 2>"$work/stderr"; then RC=0; else RC=$?; fi; } 2>"$work/time"
        SECS=$(tail -n 1 "$work/time")
    fi
}

# Table rows, filled by measure().
rows=()
declare -A rate  # records/s by row key

# measure KEY TOOL THREADS RECORDS BYTES CHECK CMD...: runs CMD REPEAT times, calls the
# function CHECK after every run (it dies on a wrong result), and adds a table row.
measure() {
    local key=$1 tool=$2 threads=$3 nrec=$4 nbytes=$5 check=$6
    shift 6
    local best="" rss_max="" i
    for ((i = 1; i <= REPEAT; i++)); do
        run_once "$@"
        "$check" "$nrec"
        echo "  $tool, $threads thread(s), run $i: ${SECS} s" >&2
        if [[ -z $best ]] || awk -v a="$SECS" -v b="$best" 'BEGIN { exit !(a < b) }'; then
            best=$SECS
        fi
        if [[ -n $RSS_KB ]] && { [[ -z $rss_max ]] || ((RSS_KB > rss_max)); }; then
            rss_max=$RSS_KB
        fi
    done
    local rps mbps rss
    rps=$(awk -v n="$nrec" -v s="$best" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')
    mbps=$(awk -v b="$nbytes" -v s="$best" 'BEGIN { printf "%.1f", (s > 0 ? b / 1e6 / s : 0) }')
    rss=$([[ -n $rss_max ]] && awk -v k="$rss_max" 'BEGIN { printf "%.1f", k / 1024 }' || echo "n/a")
    rate[$key]=$rps
    rows+=("$(printf '%-22s %7s %8s %8s %10s %8s %14s' "$tool" "$threads" "$nrec" "$best" "$rps" "$mbps" "$rss")")
}

# ---- result checks (untimed) -------------------------------------------------------------
check_marcaudit() {
    local expected=$1 read
    [[ $RC -eq 0 ]] || die "marcaudit exited with status $RC: $(head -c 500 "$work/stderr")"
    read=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["records"]["read"])' \
        "$work/audit.json") || die "marcaudit's JSON report cannot be read"
    [[ $read -eq $expected ]] ||
        die "marcaudit read $read records, but the file holds $expected record terminators (0x1D)"
}
check_marcaudit_text() {
    local expected=$1 read
    # 1: a profile's gate failed (vendor-ebooks and nightly-export set max_findings): the
    # audit itself ran whole.
    [[ $RC -eq 0 || $RC -eq 1 ]] || die "marcaudit exited with status $RC: $(head -c 500 "$work/stderr")"
    read=$(sed -n 's/^Records: \([0-9,]*\) read.*/\1/p' "$work/stdout" | tr -d ,)
    [[ $read -eq $expected ]] ||
        die "marcaudit's summary says ${read:-no} records read, but the file holds $expected record terminators (0x1D)"
}
check_yaz() {
    [[ $RC -eq 0 ]] || die "yaz-marcdump exited with status $RC: $(head -c 500 "$work/stderr")"
}
check_marclint() {
    local expected=$1 counted
    [[ $RC -eq 0 ]] || die "marclint exited with status $RC: $(head -c 500 "$work/stderr")"
    # --stats ends stdout with " Recs  Errs Filename" and one line per file.
    counted=$(tail -n 1 "$work/stdout" | awk '{ print $1 }')
    [[ $counted == "$expected" ]] || die "marclint counted '$counted' records, the slice holds $expected"
}

# yaz-marcdump -n prints nothing; once, untimed, make sure it reads every record (-p prints a
# line per record, the last one with its number).
yaz_last=$(yaz-marcdump -n -p "$big" 2>/dev/null | tail -n 1 | sed -n 's/.*Record \([0-9]*\) offset.*/\1/p')
[[ $yaz_last == "$records" ]] || die "yaz-marcdump read ${yaz_last:-no} records, the file holds $records"

# ---- is the machine quiet? -------------------------------------------------------------------
# Other processes (a compiler, say) on the same cores slow every tool unevenly: the
# multi-threaded run suffers most. Sample /proc/stat for half a second and warn.
cpu_busy_percent() {
    local _c u1 n1 s1 i1 w1 q1 sq1 st1 u2 n2 s2 i2 w2 q2 sq2 st2 _rest busy idle
    [[ -r /proc/stat ]] || { echo "?"; return; }
    read -r _c u1 n1 s1 i1 w1 q1 sq1 st1 _rest </proc/stat
    sleep 0.5
    read -r _c u2 n2 s2 i2 w2 q2 sq2 st2 _rest </proc/stat
    busy=$(((u2 + n2 + s2 + q2 + sq2 + st2) - (u1 + n1 + s1 + q1 + sq1 + st1)))
    idle=$(((i2 + w2) - (i1 + w1)))
    echo $((busy + idle > 0 ? 100 * busy / (busy + idle) : 0))
}
busy=$(cpu_busy_percent)
if [[ $busy != "?" && $busy -gt 10 ]]; then
    echo "compare.sh: WARNING: the CPUs are ${busy}% busy with other work; timings will be low" >&2
fi

# ---- the runs ------------------------------------------------------------------------------
echo "timing on $big: $records records, $bytes bytes, best of $REPEAT runs" >&2
# The JSON report goes to a file in $work, not to /dev/null: marcaudit writes -o FILE through
# FILE.tmp and a rename, which as root would replace the /dev/null device by a regular file.
# Two configurations: the reader checks only (split + parse + structure + encoding: the
# path to compare with yaz-marcdump's parse), and the default profile (every module).
printf 'rules = ["-*", "structure-*", "encoding-*"]\n' >"$work/readers.toml"
# The default profile without the heading module: the heading rules' share of the audit.
printf 'extends = "default"\nrules = ["*", "-heading-*"]\n' >"$work/no-headings.toml"
# marcaudit_runs THREADS SUFFIX: every marcaudit configuration on THREADS threads, row keys
# ending in SUFFIX (1 or N).
marcaudit_runs() {
    local t=$1 k=$2 p
    measure "rd$k" "marcaudit readers" "$t" "$records" "$bytes" check_marcaudit_text \
        "$marcaudit" audit -p "$work/readers.toml" --no-progress --threads "$t" "$big"
    for p in $PROFILES; do
        measure "p-$p-$k" "marcaudit $p" "$t" "$records" "$bytes" check_marcaudit_text \
            "$marcaudit" audit -p "$p" --no-progress --threads "$t" "$big"
    done
    measure "mh$k" "  default w/o headings" "$t" "$records" "$bytes" check_marcaudit_text \
        "$marcaudit" audit -p "$work/no-headings.toml" --no-progress --threads "$t" "$big"
    measure "ma$k" "  default, JSON report" "$t" "$records" "$bytes" check_marcaudit \
        "$marcaudit" audit --format json -o "$work/audit.json" --no-progress --threads "$t" "$big"
    measure "mx$k" "  default, MARCXML in" "$t" "$xml_records" "$xml_bytes" check_marcaudit_text \
        "$marcaudit" audit --no-progress --threads "$t" "$big_xml"
}
marcaudit_runs 1 1
if ((threads_all > 1)); then
    marcaudit_runs "$threads_all" N
else
    for key in "${!rate[@]}"; do
        [[ $key == *1 ]] && rate[${key%1}N]=${rate[$key]}
    done
fi
measure yaz "yaz-marcdump -n" 1 "$records" "$bytes" check_yaz yaz-marcdump -n "$big"
measure yazx "yaz-marcdump -o marcxml" 1 "$records" "$bytes" check_yaz \
    yaz-marcdump -o marcxml "$big"

have_marclint=0
if command -v marclint >/dev/null; then
    have_marclint=1
    [[ -s $slice ]] || "$here/make_corpus" "$slice" "$SLICE" >&2
    slice_records=$(count_records "$slice")
    slice_bytes=$(wc -c <"$slice")
    measure lint "marclint (slice)" 1 "$slice_records" "$slice_bytes" check_marclint \
        marclint --quiet --stats "$slice"
fi

# ---- the table -----------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
echo
echo "file: $big ($records records, $bytes bytes; $threads_all cores, ${busy}% busy before the runs)"
echo "      $big_xml ($xml_records records as MARCXML, $xml_bytes bytes)"
echo "marcaudit: $marcaudit ($("$marcaudit" --version 2>/dev/null | head -n 1 || echo "version unknown"))"
echo
printf '%-22s %7s %8s %8s %10s %8s %14s\n' tool threads records seconds records/s MB/s "peak RSS MiB"
printf '%s\n' "${rows[@]}"
echo
echo "marcaudit records/s / yaz-marcdump -n records/s (parse only):"
echo "  readers, per core (1 thread vs yaz):             $(ratio "${rate[rd1]}" "${rate[yaz]}")   target >= 4"
echo "  readers, overall ($threads_all threads vs yaz):             $(ratio "${rate[rdN]}" "${rate[yaz]}")"
for p in $PROFILES; do
    printf '  %-16s per core: %6s   overall (%s threads): %6s%s\n' "$p" "$(ratio "${rate[p-$p-1]}" "${rate[yaz]}")" \
        "$threads_all" "$(ratio "${rate[p-$p-N]}" "${rate[yaz]}")" "$([[ $p == default ]] && echo '   target overall >= 1')"
done
echo "marcaudit default, MARCXML input / yaz-marcdump -o marcxml (ISO 2709 to MARCXML), records/s:"
echo "  1 thread: $(ratio "${rate[mx1]}" "${rate[yazx]}")    $threads_all threads: $(ratio "${rate[mxN]}" "${rate[yazx]}")"
echo "MARCXML input time / ISO 2709 input time, default profile (target <= 3):"
echo "  1 thread: $(ratio "${rate[p-default-1]}" "${rate[mx1]}")    $threads_all threads: $(ratio "${rate[p-default-N]}" "${rate[mxN]}")"
echo "scaling, $threads_all threads / 1 thread (records/s; target >= 1.8 on 2 threads):"
echo "  readers: $(ratio "${rate[rdN]}" "${rate[rd1]}")    default: $(ratio "${rate[p-default-N]}" "${rate[p-default-1]}")    default JSON: $(ratio "${rate[maN]}" "${rate[ma1]}")"
# The heading module's share of the run: 1 - (time with it removed) / (time with it).
share() { awk -v with="$1" -v without="$2" 'BEGIN { printf "%.0f%%", (without > 0 ? 100 * (1 - with / without) : 0) }'; }
echo "heading module's share of the default text audit (from records/s with and without it):"
echo "  1 thread: $(share "${rate[p-default-1]}" "${rate[mh1]}")    $threads_all threads: $(share "${rate[p-default-N]}" "${rate[mhN]}")"
if ((have_marclint)); then
    echo "marcaudit records/s (large file) / marclint records/s (${slice_records}-record slice; target >= 250 overall):"
    for p in $PROFILES; do
        printf '  %-16s overall (%s threads): %8s   per core: %8s\n' "$p" "$threads_all" \
            "$(ratio "${rate[p-$p-N]}" "${rate[lint]}")" "$(ratio "${rate[p-$p-1]}" "${rate[lint]}")"
    done
    echo "  default, full JSON report: overall $(ratio "${rate[maN]}" "${rate[lint]}"), per core $(ratio "${rate[ma1]}" "${rate[lint]}")"
fi
echo "(MB = 10^6 bytes; seconds = best wall time of $REPEAT runs; RSS = highest of the runs)"

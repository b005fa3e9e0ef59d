#!/usr/bin/env bash
# memory.sh: marcaudit's peak memory as the input grows.
#
#   benchmarks/memory.sh [N1 N2]      default 100000 and 1000000 records
#
# Runs `marcaudit audit` (text summary, all threads) on make_corpus files of N1 and N2
# records with the default profile and with a record-only profile (the default without the
# heading and duplicate rules, which must remember every record's headings and numbers), and
# prints wall time and peak RSS. Targets: the default profile under 1 GiB at a million
# records; the record-only profile flat (the same at N2 as at N1, within 10%). Exits 1 when
# the record-only profile grows more than that. The files are cached in benchmarks/.cache/.
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
marcaudit=${MARCAUDIT:-$repo/build/release/marcaudit}
[[ -x $marcaudit ]] || (cd "$repo" && cmake --preset release >/dev/null && cmake --build build/release -j2 >/dev/null)
[[ -x /usr/bin/time ]] || { echo "memory.sh: needs GNU time (/usr/bin/time, Debian package time)" >&2; exit 1; }
sizes=("${1:-100000}" "${2:-1000000}")
mkdir -p "$here/.cache"
work=$(mktemp -d "${TMPDIR:-/tmp}/marcaudit-memory.XXXXXX")
trap 'rm -rf "$work"' EXIT
printf 'name = "record-only"\nextends = "default"\nrules = ["*", "-heading-*", "-identifier-duplicate-*"]\n' >"$work/record-only.toml"

declare -A rss
printf '%-12s %10s %9s %14s\n' profile records seconds "peak RSS MiB"
for n in "${sizes[@]}"; do
    file=$here/.cache/corpus-$n.mrc
    [[ -s $file ]] || "$here/make_corpus" "$file" "$n" >&2
    for profile in default record-only; do
        p=$profile
        [[ $profile == record-only ]] && p=$work/record-only.toml
        /usr/bin/time -f "%e %M" -o "$work/time" "$marcaudit" audit -p "$p" --no-progress "$file" >"$work/out" 2>"$work/err" ||
            [[ $? -eq 1 ]] || { cat "$work/err" >&2; exit 1; }
        read -r secs kb < <(tail -n 1 "$work/time")
        rss[$profile-$n]=$kb
        printf '%-12s %10s %9s %14s\n' "$profile" "$n" "$secs" "$(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }')"
    done
done
growth=$(awk -v a="${rss[record-only-${sizes[0]}]}" -v b="${rss[record-only-${sizes[1]}]}" 'BEGIN { printf "%.2f", b / a }')
echo "record-only peak RSS, ${sizes[1]} / ${sizes[0]} records: $growth (flat: <= 1.10)"
awk -v g="$growth" 'BEGIN { exit !(g <= 1.10) }' || { echo "memory.sh: record-only memory grows with the input" >&2; exit 1; }

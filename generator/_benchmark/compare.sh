#!/usr/bin/env bash
# Times `krachtpunt build` against Hugo on the same generated Markdown:
# paired and interleaved, N runs each, into an empty folder and after one
# story edit into the previous output (the second build, then a later
# one); prints medians, ratios and peak memory. Also times the 1,000-page
# site, for how the build scales.
#
#   generator/_benchmark/compare.sh            # 5 runs of the 10,000-page site
#   RUNS=9 PAGES=10000 SMALL=1000 generator/_benchmark/compare.sh
#   SYNC=0 generator/_benchmark/compare.sh   # builds back to back, without a sync between
#
# Needs Go, GNU time (/usr/bin/time) and Hugo (Debian: apt-get install -y
# --no-install-recommends hugo).
set -euo pipefail

runs=${RUNS:-5}
pages=${PAGES:-10000}
small=${SMALL:-1000}
today=2026-11-25
cd "$(dirname "$0")/../.."

for tool in hugo /usr/bin/time; do
	if ! command -v "$tool" >/dev/null; then
		echo "compare.sh needs $tool (Debian: apt-get install -y --no-install-recommends hugo time)" >&2
		exit 1
	fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/krachtpunt-compare.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "building krachtpunt and generating the sites of $pages and $small pages ..."
go build -o "$work/krachtpunt" ./generator
go run ./generator/_benchmark/gensite -pages "$pages" -site "$work/site" -hugo "$work/hugo"
go run ./generator/_benchmark/gensite -pages "$small" -site "$work/small"
story=content/stories/verhaal-00007.md
cp "$work/site/$story" "$work/story.orig"

# measure NAME COMMAND...: runs the command under GNU time and adds
# "seconds peak-kB" to the file NAME. Each build starts on a quiet disk:
# what the build before it wrote (the other tool's, or an output folder
# removed) is written out first, outside the time, so that one build's
# writeback does not slow the next one down (a second build right after
# the first took 6.1 s, 9.8 s of it system time, and 1.3 s after a sync).
# SYNC=0 leaves that out.
measure() {
	local name=$1
	shift
	if [[ ${SYNC:-1} != 0 ]]; then sync; fi
	if ! /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >"$work/out.txt" 2>&1; then
		cat "$work/out.txt" >&2
		exit 1
	fi
	cat "$work/time.txt" >>"$work/$name"
}
kp() { measure "$1" "$work/krachtpunt" build --site "$work/$2" --out "$work/$3" --today "$today"; }
hugo_build() { measure "$1" hugo --quiet -s "$work/hugo" -d "$work/hugo-public"; }

edit_story() { # the same edit in both sites
	{ cat "$work/story.orig"; printf '\nBewerking %s.\n' "$1"; } >"$work/site/$story"
	cp "$work/site/$story" "$work/hugo/$story"
}

for i in $(seq 1 "$runs"); do
	echo "run $i of $runs"
	# Everything a build keeps next to its output folder goes too: the
	# record of the site and the retained site of the build before.
	rm -rf "$work/kp-public" "$work/hugo-public" "$work/small-public" "$work"/.krachtpunt-*
	if ((i % 2)); then
		kp kp-empty site kp-public
		hugo_build hugo-empty
	else
		hugo_build hugo-empty
		kp kp-empty site kp-public
	fi
	kp kp-small small small-public
	# Two edits: the second build into a folder still starts from links
	# to every file; from the third on, a build starts from the site the
	# build before last replaced, as a volunteer's builds do.
	for edit in edit later; do
		edit_story "$i-$edit"
		if ((i % 2)); then
			hugo_build "hugo-$edit"
			kp "kp-$edit" site kp-public
		else
			kp "kp-$edit" site kp-public
			hugo_build "hugo-$edit"
		fi
	done
done

# median FILE COLUMN
median() { cut -d' ' -f"$2" "$1" | sort -n | awk '{v[NR]=$1} END {if (NR%2) print v[(NR+1)/2]; else printf "%.3f\n", (v[NR/2]+v[NR/2+1])/2}'; }
# paired FILE-A FILE-B: the median of the ratios of the runs, A over B
paired() { paste -d' ' <(cut -d' ' -f1 "$1") <(cut -d' ' -f1 "$2") | awk '{printf "%.3f\n", ($2 > 0 ? $1/$2 : 0)}' | sort -n |
	awk '{v[NR]=$1} END {if (NR%2) print v[(NR+1)/2]; else printf "%.3f\n", (v[NR/2]+v[NR/2+1])/2}'; }
mb() { awk '{printf "%.0f", $1/1024}' <<<"$1"; }
count() { find "$1" -type f | wc -l; }
size() { du -sm "$1" | cut -f1; }

echo
echo "$(nproc) cores; $pages-page site; $runs paired runs; medians"
printf '%-34s %10s %10s %8s\n' "" "krachtpunt" "hugo" "ratio"
printf '%-34s %9ss %9ss %7sx\n' "build into an empty folder" "$(median "$work/kp-empty" 1)" "$(median "$work/hugo-empty" 1)" "$(paired "$work/kp-empty" "$work/hugo-empty")"
printf '%-34s %9ss %9ss %7sx\n' "after one story edit, into previous" "$(median "$work/kp-edit" 1)" "$(median "$work/hugo-edit" 1)" "$(paired "$work/kp-edit" "$work/hugo-edit")"
printf '%-34s %9ss %9ss %7sx\n' "after one more edit (later builds)" "$(median "$work/kp-later" 1)" "$(median "$work/hugo-later" 1)" "$(paired "$work/kp-later" "$work/hugo-later")"
printf '%-34s %7sMiB %7sMiB\n' "peak RSS, empty folder" "$(mb "$(median "$work/kp-empty" 2)")" "$(mb "$(median "$work/hugo-empty" 2)")"
printf '%-34s %7sMiB %7sMiB\n' "peak RSS, after the edit" "$(mb "$(median "$work/kp-edit" 2)")" "$(mb "$(median "$work/hugo-edit" 2)")"
printf '%-34s %7sMiB %7sMiB\n' "peak RSS, after one more edit" "$(mb "$(median "$work/kp-later" 2)")" "$(mb "$(median "$work/hugo-later" 2)")"
printf '%-34s %10s %10s\n' "output files" "$(count "$work/kp-public")" "$(count "$work/hugo-public")"
printf '%-34s %7sMiB %7sMiB\n' "output size" "$(size "$work/kp-public")" "$(size "$work/hugo-public")"
printf '%-34s %9ss  (%s pages: %sx)\n' "krachtpunt, $small-page site" "$(median "$work/kp-small" 1)" "$pages" "$(paired "$work/kp-empty" "$work/kp-small")"

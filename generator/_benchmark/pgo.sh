#!/usr/bin/env bash
# Makes generator/default.pgo anew: the CPU profile that `go build` and
# `go run` of ./generator optimize the program with (profile-guided
# optimization, https://go.dev/doc/pgo). It profiles what the program
# spends its time on: builds of the generated 10,000-page site into an
# empty folder and after one story edit, the preview's rebuilds after a
# story and an activity edit, the example site, and a site of phone photos.
# Run it after larger changes to the build, and commit the new profile.
#
#   generator/_benchmark/pgo.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d "${TMPDIR:-/tmp}/krachtpunt-pgo.XXXXXX")
trap 'rm -rf "$work"' EXIT

profile() {
	local name=$1 bench=$2 times=$3
	echo "profiling $bench ..."
	go test -run '^$' -bench "$bench" -benchtime "$times" -cpuprofile "$work/$name.pprof" -o "$work/$name.test" ./generator/internal/build >/dev/null
}
profile cold 'GeneratedSite$/pages=10000/(empty-folder|later)$' 3x
profile preview 'GeneratedSiteRebuild$/pages=10000/' 20x
profile example 'ExampleSite$' 50x
profile photos 'PhotoSite$' 2x
go tool pprof -proto "$work"/*.pprof >generator/default.pgo 2>/dev/null
echo "wrote generator/default.pgo ($(wc -c <generator/default.pgo) bytes)"

#!/bin/sh
# Live latency benchmark: glass-to-glass latency of a live class as a viewer sees it, measured end to end — the real
# platform jar (--demo), the recorder agent with its synthetic classroom (720p program, 1 s fMP4 HLS segments pushed
# to the platform), and Debian's Chromium playing the portal's live page. Chromium reads the wall clock that the
# synthetic source burns into every frame (the time strip, recorder/README.md) and compares it with its own clock.
# Reference in the same run: the agent side alone — when the platform's playlist first names a segment minus the
# time strip of that segment's first frame (no player).
# It is the first scenario of the end-to-end test (e2e/ClassroomDayEndToEndTests), run with a short network outage
# (default 10 s; the test itself uses 60 s). Needs platform/target/ketang.jar (built here when missing) and Chromium.
# Usage: bench/run-live-latency.sh [outage seconds, default 10]
set -e
cd "$(dirname "$0")/.."
[ -f platform/target/ketang.jar ] || ./mvnw -B -q -o -pl agent-protocol,web,platform install -DskipTests
./mvnw -B -q -o -N install
./mvnw -B -q -o -pl agent-protocol,recorder install -DskipTests
rm -f e2e/target/live-latency.txt
./mvnw -B -o -pl e2e test -Dtest='ClassroomDayEndToEndTests#aTimetableLesson*' \
    -Dketang.e2e.outage-seconds="${1:-10}" 2>&1 | grep -E '^e2e:|Tests run:|FAIL' || true
echo
echo "Live latency on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg):"
cat e2e/target/live-latency.txt

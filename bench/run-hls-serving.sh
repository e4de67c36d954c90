#!/bin/sh
# HLS serving benchmark: the platform against nginx serving the same files, loaded by wrk.
# Usage: bench/run-hls-serving.sh [seconds per round, default 15] [connections, default 32]
# Needs Debian's nginx and wrk: apt-get install nginx-light wrk. Builds the platform jar when missing.
set -e
cd "$(dirname "$0")/.."
command -v nginx >/dev/null && command -v wrk >/dev/null || { echo "apt-get install nginx-light wrk" >&2; exit 1; }
[ -f platform/target/ketang.jar ] || ./mvnw -B -q -DskipTests package
./mvnw -B -q -o -pl bench compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
exec java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.ketang.bench.HlsServingBenchmark "$@"

#!/bin/sh
# Ladder transcode benchmark: the platform's pipeline code vs. the same ffmpeg commands run directly.
# Usage: bench/run-transcode.sh [clip seconds, default 60]. Compiles platform and bench (no tests, no npm).
set -e
cd "$(dirname "$0")/.."
./mvnw -B -q -o -Dexec.skip=true -DskipTests -pl agent-protocol,web,platform,bench compile
./mvnw -B -q -o -pl platform dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
exec java -cp "bench/target/classes:platform/target/classes:$(cat platform/target/bench-classpath.txt)" \
    org.ketang.bench.TranscodeBenchmark "$@"

#!/bin/sh
# Search benchmark: the platform's Lucene search over N lessons (default 100,000) against SQL LIKE.
# Usage: bench/run-search.sh [lessons, default 100000] [queries per user, default 2000]
set -e
cd "$(dirname "$0")/.."
[ -f platform/target/ketang.jar ] || ./mvnw -B -q -DskipTests package
./mvnw -B -q -o -pl bench compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
exec java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.ketang.bench.SearchBenchmark "$@"

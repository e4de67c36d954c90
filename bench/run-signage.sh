#!/bin/sh
# Signage push benchmark: N display connections (SSE, default 2000) to the platform jar and emergency pushes to all
# of them, against a bare SSE broadcaster in the same run. Prints p50/p99/last delivery and memory per connection.
# Usage: bench/run-signage.sh [connections, default 2000] [pushes, default 5]
set -e
cd "$(dirname "$0")/.."
[ -f platform/target/ketang.jar ] || ./mvnw -B -q -DskipTests package
./mvnw -B -q -o -pl bench compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
exec java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.ketang.bench.SignageBenchmark "$@"

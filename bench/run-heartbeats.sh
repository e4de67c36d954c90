#!/bin/sh
# Control-centre heartbeat load: N simulated recorder agents (default 5000, each in its own recording classroom with
# its own token) heartbeating every 10 s against one platform node over real HTTP; p50/p99 latency, the platform's
# CPU and memory, against a trivial GET at the same rate in the same run. Target: heartbeat p99 < 100 ms.
# Usage: bench/run-heartbeats.sh [agents, default 5000] [measured seconds, default 60] [platform options, e.g. --ketang.devices.offline-sweep-every=1h]
set -e
cd "$(dirname "$0")/.."
[ -f platform/target/ketang.jar ] || ./mvnw -B -q -DskipTests package
./mvnw -B -q -o -pl bench compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
exec java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.ketang.bench.HeartbeatBenchmark "$@"

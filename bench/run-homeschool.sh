#!/bin/sh
# Home-school notification channel: N WebSocket clients (default 10,000) on one platform node; a class notice
# (50 parents) and a school-wide notice (every parent): p50/p99 delivery and memory per connection, against a
# bare Tomcat JSR-356 broadcast server measured in the same run with the same clients and payload.
# Usage: bench/run-homeschool.sh [clients, default 10000] [class rounds, default 20] [school rounds, default 5]
set -e
cd "$(dirname "$0")/.."
# every client and every server connection is a file descriptor (the platform is a child and inherits this)
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
echo "open files limit: $(ulimit -n)"
[ -f platform/target/ketang.jar ] || ./mvnw -B -q -DskipTests package
./mvnw -B -q -o -pl bench compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
exec java -Xss512k -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.ketang.bench.HomeschoolBenchmark "$@"

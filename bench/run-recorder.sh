#!/bin/sh
# Recorder benchmark: CPU and memory of the classroom agent (its JVM and its ffmpeg children) recording the 1080p25
# program of the synthetic classroom and pushing it live to a local HTTP PUT sink, against plain ffmpeg encoding
# lavfi testsrc2 at 1080p25 with the same x264 settings, measured in the same run; plus live-segment latency from
# the time strip, frame continuity, and how long a recording takes to start.
# Usage: bench/run-recorder.sh [seconds, default 60] [program|three|resource|ts, default program]
#   program  = one synthetic camera + sound (the default box)
#   three    = teacher, students and courseware cameras composed by the director
#   resource = one camera, plus 资源模式 (the source again as its own 720p file)
#   ts       = the default box with live as MPEG-TS segments instead of fragmented MP4
set -e
cd "$(dirname "$0")/.."
./mvnw -B -q -o -DskipTests -pl agent-protocol,recorder install
./mvnw -B -q -o -pl bench compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
exec java -cp "bench/target/classes:recorder/target/classes:$(cat bench/target/classpath.txt)" \
    org.ketang.bench.RecorderBenchmark "$@"

#!/bin/sh
# Tracking benchmark: presenter tracking with the virtual camera, stand-up and slide-change detection, and the
# director, on generated classroom scenes with exact ground truth (or on real footage with a truth file). Prints a
# table per scene with totals against the targets, and the analysis speed per camera in frames per second on one core
# (thread CPU time) next to plain OpenCV MOG2 measured in the same run. Truth-file format and options: vision/README.md.
# Usage: bench/run-tracking.sh [--seconds 60]
#        bench/run-tracking.sh --teacher VIDEO_OR_FOLDER --truth FILE [--area x,y,w,h] [--zoom 2] [--fps 25]
#        bench/run-tracking.sh --students VIDEO_OR_FOLDER --truth FILE | --courseware VIDEO_OR_FOLDER --truth FILE
set -e
cd "$(dirname "$0")/.."
./mvnw -B -q -o -pl vision compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
# the bench module's class path brings the bundled ffmpeg that decodes real footage
./mvnw -B -q -o -pl bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
exec java -cp "vision/target/classes:$(cat vision/target/classpath.txt):$(cat bench/target/classpath.txt)" \
    org.ketang.vision.benchmark.TrackingBenchmark "$@"

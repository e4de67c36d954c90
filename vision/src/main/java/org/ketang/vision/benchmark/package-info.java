/**
 * The tracking benchmark behind {@code bench/run-tracking.sh}: scores the analysis on the standard synthetic scenes
 * or on real footage (a video file decoded by an ffmpeg child process, or a folder of numbered pictures) with a truth
 * file, and prints a table. This is the only package that reads files and starts processes.
 */
package org.ketang.vision.benchmark;

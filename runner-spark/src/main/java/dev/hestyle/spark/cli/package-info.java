/**
 * {@code hestyle spark-run}: the command that submits the Spark jobs of {@link dev.hestyle.spark}. It lives in
 * this module, not in the main command-line jar, so that the tool does not carry Spark; the {@code hestyle}
 * script runs it from this module's jar and its copied dependencies, and {@code spark-submit} runs its main class.
 */
package dev.hestyle.spark.cli;

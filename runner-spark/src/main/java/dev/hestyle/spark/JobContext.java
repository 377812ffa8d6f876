package dev.hestyle.spark;

import java.util.Objects;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Where and with what a job runs: the Spark context, the driver's model and key set, the hook every task
 * calls first, and the folder where the one-image job's phases leave the ciphertexts the next phases read.
 *
 * @param spark the Spark context
 * @param model the driver's side of the job
 * @param hook runs at the start of every task ({@link TaskHook#NONE} normally)
 * @param exchange a folder on the file system every executor shares (each job works in a fresh subfolder and
 *                 deletes it); {@code null} for a temporary local folder, which only a local master can use
 */
public record JobContext(JavaSparkContext spark, DriverModel model, TaskHook hook, String exchange) {
    public JobContext {
        Objects.requireNonNull(spark, "spark");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(hook, "hook");
    }

    /** A context with a temporary local exchange folder. */
    public JobContext(JavaSparkContext spark, DriverModel model, TaskHook hook) {
        this(spark, model, hook, null);
    }

    /** A context without a task hook and with a temporary local exchange folder. */
    public JobContext(JavaSparkContext spark, DriverModel model) {
        this(spark, model, TaskHook.NONE, null);
    }
}

package dev.hestyle.spark;

import java.util.Objects;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Where and with what a job runs: the Spark context, the driver's model and key set, and the hook every task
 * calls first.
 *
 * @param spark the Spark context
 * @param model the driver's side of the job
 * @param hook runs at the start of every task ({@link TaskHook#NONE} normally)
 */
public record JobContext(JavaSparkContext spark, DriverModel model, TaskHook hook) {
    public JobContext {
        Objects.requireNonNull(spark, "spark");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(hook, "hook");
    }

    /** A context without a task hook. */
    public JobContext(JavaSparkContext spark, DriverModel model) {
        this(spark, model, TaskHook.NONE);
    }
}

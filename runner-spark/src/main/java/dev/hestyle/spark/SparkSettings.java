package dev.hestyle.spark;

import dev.hestyle.spi.Security;
import org.apache.spark.SparkConf;

/** Spark settings these jobs need, applied where the user has not set them. */
public final class SparkSettings {
    private SparkSettings() {
    }

    /**
     * {@code conf} with: no cap on what tasks return to the driver (a phase's ciphertexts can exceed Spark's
     * 1 GiB default), and the insecure-parameter switch passed to executor JVMs when
     * this JVM has it (so that tests and trials with {@code --insecure-test-params} work on separate executors).
     */
    public static SparkConf apply(SparkConf conf) {
        conf.setIfMissing("spark.driver.maxResultSize", "0");
        if (Boolean.getBoolean(Security.ALLOW_INSECURE_PROPERTY) && !conf.contains("spark.executor.extraJavaOptions")) {
            conf.set("spark.executor.extraJavaOptions", "-D" + Security.ALLOW_INSECURE_PROPERTY + "=true");
        }
        return conf;
    }
}

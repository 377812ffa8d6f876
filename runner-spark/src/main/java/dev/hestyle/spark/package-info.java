/**
 * The ciphertext-level program on Apache Spark. {@link dev.hestyle.spark.DistributedGraphJob} spreads one
 * image's graph over the cluster: the graph is cut into phases by tensor-level step
 * ({@link dev.hestyle.spark.GraphPartitioner}), each phase's independent work becomes Spark tasks, and
 * ciphertexts travel between phases in the versioned wire format. {@link dev.hestyle.spark.BatchJob} runs a
 * batch of encrypted images, one image per task. Executors rebuild the compiled model from its options
 * ({@link dev.hestyle.spark.ModelSpec}) and read the evaluation keys from a shared path once per JVM
 * ({@link dev.hestyle.spark.ExecutorResources}); nothing that reaches the driver or an executor holds a secret
 * key. Non-interactive mode only: client-aided plans need the client's secret key at every activation.
 */
package dev.hestyle.spark;

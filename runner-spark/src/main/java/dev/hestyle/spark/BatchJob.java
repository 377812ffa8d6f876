package dev.hestyle.spark;

import dev.hestyle.spi.Ciphertext;
import dev.hestyle.spi.ClientAssist;
import dev.hestyle.spi.Evaluation;
import dev.hestyle.spi.ProgressListener;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import scala.Tuple2;

/**
 * Job (2): a batch of encrypted images, one image per task, each evaluated whole by the local executor of
 * the executor JVM it lands on. Input and output are the wire format of {@code hestyle encrypt} and
 * {@code hestyle decrypt}: either a folder of {@code <id>.ct} files on the shared file system (tasks read and
 * write them there, the driver sees names only), or a Spark dataset of (image id, ciphertext bytes).
 */
public final class BatchJob {
    /** Name ending of ciphertext files in a batch folder. */
    public static final String SUFFIX = ".ct";
    private final JavaSparkContext sc;
    private final DriverModel model;
    private final TaskHook hook;

    public BatchJob(JobContext context) {
        this.sc = context.spark();
        this.model = context.model();
        this.hook = context.hook();
    }

    /** The encrypted outputs of {@code inputs}, by image id; lazy, as Spark datasets are. */
    public JavaPairRDD<String, byte[]> run(JavaPairRDD<String, byte[]> inputs) {
        Evaluate evaluate = new Evaluate(model.setup(), hook);
        return inputs.mapToPair(t -> new Tuple2<>(t._1(), evaluate.call(t)));
    }

    /**
     * Evaluates every {@code <id>.ct} of {@code inputFolder} into {@code outputFolder/<id>.ct}, one task per image.
     *
     * @param progress receives {@code ("images", done, count)}
     * @return the image ids, in order
     */
    public List<String> runFolder(String inputFolder, String outputFolder, ProgressListener progress) {
        List<String> files;
        try {
            files = SharedFiles.list(inputFolder, SUFFIX);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + inputFolder + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no " + SUFFIX + " files in " + inputFolder);
        }
        Evaluate evaluate = new Evaluate(model.setup(), hook);
        Function<String, String> task = file -> {
            String name = SharedFiles.name(file);
            String id = name.substring(0, name.length() - SUFFIX.length());
            byte[] out = evaluate.call(new Tuple2<>(id, SharedFiles.readAll(file)));
            try (OutputStream o = SharedFiles.create(SharedFiles.child(outputFolder, name))) {
                o.write(out);
            }
            return id;
        };
        sc.setJobDescription("hestyle batch of " + files.size() + " images");
        return JobProgress.await(sc, sc.parallelize(files, files.size()).map(task).collectAsync(),
                progress == null ? ProgressListener.NONE : progress, "images", 0, files.size(), files.size());
    }

    /** One image in the executor: the whole graph, with the JVM's cached model and keys. */
    private static final class Evaluate implements Function<Tuple2<String, byte[]>, byte[]> {
        private static final long serialVersionUID = 1L;
        private final ExecutorSetup setup;
        private final TaskHook hook;

        Evaluate(ExecutorSetup setup, TaskHook hook) {
            this.setup = setup;
            this.hook = hook;
        }

        @Override
        public byte[] call(Tuple2<String, byte[]> image) throws IOException {
            hook.beforeTask("image " + image._1(), Map.of(image._1(), image._2()));
            LoadedModel m = ExecutorResources.get(setup);
            try (Ciphertext in = m.compiled().readCiphertext(new ByteArrayInputStream(image._2()))) {
                Evaluation e = m.server().run(in, ClientAssist.NONE, ProgressListener.NONE);
                try (Ciphertext out = e.output()) {
                    return out.toBytes();
                }
            }
        }
    }
}

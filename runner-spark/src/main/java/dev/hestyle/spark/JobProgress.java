package dev.hestyle.spark;

import dev.hestyle.api.HestyleException;
import dev.hestyle.spi.ProgressListener;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Waits for a Spark job on the driver and reports its progress: the share of its tasks that have finished,
 * read from Spark's status tracker twice a second, scaled to the units the caller counts in.
 */
final class JobProgress {
    private static final long POLL_MILLIS = 500;

    private JobProgress() {
    }

    /**
     * The job's result, reporting {@code (phase, before + units * finishedTasks / tasks, total)} meanwhile.
     *
     * @throws HestyleException with Spark's reason if the job failed (after Spark's retries)
     */
    static <T> T await(JavaSparkContext sc, JavaFutureAction<T> job, ProgressListener progress, String phase, long before, long units,
            long total) {
        while (true) {
            try {
                T result = job.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                progress.onProgress(phase, before + units, total);
                return result;
            } catch (TimeoutException e) {
                double share = finishedShare(sc, job.jobIds());
                progress.onProgress(phase, before + Math.round(units * share), total);
            } catch (InterruptedException e) {
                job.cancel(true);
                Thread.currentThread().interrupt();
                throw new HestyleException("interrupted while waiting for the Spark job", e);
            } catch (ExecutionException e) {
                throw failed(e.getCause());
            }
        }
    }

    private static double finishedShare(JavaSparkContext sc, List<Integer> jobs) {
        long done = 0;
        long all = 0;
        for (int id : jobs) {
            SparkJobInfo job = sc.statusTracker().getJobInfo(id);
            if (job == null) {
                continue;
            }
            for (int stage : job.stageIds()) {
                SparkStageInfo s = sc.statusTracker().getStageInfo(stage);
                if (s != null) {
                    done += s.numCompletedTasks();
                    all += s.numTasks();
                }
            }
        }
        return all == 0 ? 0 : Math.min(1.0, (double) done / all);
    }

    /** Spark's failure as a hestyle one: the task's own exception's message is in Spark's. */
    private static RuntimeException failed(Throwable cause) {
        if (cause instanceof HestyleException h) {
            return h;
        }
        return new HestyleException("the Spark job failed: " + cause.getMessage(), cause);
    }
}

package dev.hestyle.spark;

import java.util.List;

/**
 * Operations of one tensor-level step that can run at once, as independent tasks; a phase starts when every
 * earlier phase has finished.
 *
 * @param index position in the run
 * @param step the tensor-level step its operations belong to
 * @param tasks its tasks
 */
public record Phase(int index, int step, List<TaskSpec> tasks) {
    public Phase {
        tasks = List.copyOf(tasks);
    }

    /** Number of graph operations of all its tasks. */
    public int operations() {
        int n = 0;
        for (TaskSpec t : tasks) {
            n += t.ops().length;
        }
        return n;
    }
}

package dev.hestyle.spark;

import dev.hestyle.ckks.graph.CtGraph;
import dev.hestyle.ckks.graph.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Cuts a graph into phases of independent tasks. The graph's operations, in their order, fall into runs of
 * one tensor-level step (one layer, one activation, one round of bootstraps). Within a run, each operation
 * feeds some of the run's <em>sinks</em>, the operations whose values later runs read. An operation that feeds
 * one sink goes to that sink's task; one that feeds several (the hoisted rotations of a linear layer's input,
 * which every output ciphertext reads) goes to an earlier phase, split into its connected pieces. So a run
 * becomes at most two phases, and no operation is computed twice. An operation without outputs (a range
 * check) goes with another reader of the same value.
 */
public final class GraphPartitioner {
    private final CtGraph g;
    private final List<Op> ops;
    private final int[] producer;
    private final int[] lastReader;
    private final int[][] readers;
    private final boolean[] graphOutput;

    private GraphPartitioner(CtGraph g) {
        this.g = g;
        this.ops = g.ops();
        int values = g.valueCount();
        producer = new int[values];
        lastReader = new int[values];
        Arrays.fill(producer, -1);
        Arrays.fill(lastReader, -1);
        List<List<Integer>> r = new ArrayList<>(values);
        for (int v = 0; v < values; v++) {
            r.add(new ArrayList<>(2));
        }
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            for (int k = 0; k < op.outputs(); k++) {
                producer[op.firstOutput() + k] = i;
            }
            for (int a : op.args()) {
                List<Integer> l = r.get(a);
                if (l.isEmpty() || l.get(l.size() - 1) != i) {
                    l.add(i);
                }
                lastReader[a] = i;
            }
        }
        readers = new int[values][];
        for (int v = 0; v < values; v++) {
            readers[v] = r.get(v).stream().mapToInt(Integer::intValue).toArray();
        }
        graphOutput = new boolean[values];
        for (int v : g.outputs()) {
            graphOutput[v] = true;
        }
    }

    /** The phases of {@code graph}, in the order they must run. */
    public static List<Phase> phases(CtGraph graph) {
        return new GraphPartitioner(graph).cut();
    }

    private List<Phase> cut() {
        int[] taskOf = new int[ops.size()];
        List<List<Integer>> groups = new ArrayList<>();
        List<Integer> phaseOf = new ArrayList<>();
        int phases = 0;
        for (int lo = 0; lo < ops.size(); ) {
            int hi = lo;
            while (hi + 1 < ops.size() && ops.get(hi + 1).step() == ops.get(lo).step()) {
                hi++;
            }
            phases = cutRun(lo, hi, phases, taskOf, groups, phaseOf);
            lo = hi + 1;
        }
        List<List<TaskSpec>> tasks = new ArrayList<>();
        for (int p = 0; p < phases; p++) {
            tasks.add(new ArrayList<>());
        }
        for (int t = 0; t < groups.size(); t++) {
            int phase = phaseOf.get(t);
            tasks.get(phase).add(spec(phase, tasks.get(phase).size(), t, groups.get(t), taskOf));
        }
        List<Phase> result = new ArrayList<>(phases);
        for (int p = 0; p < phases; p++) {
            result.add(new Phase(p, ops.get(tasks.get(p).get(0).ops()[0]).step(), tasks.get(p)));
        }
        return result;
    }

    /** Splits run {@code lo..hi} into one or two phases from {@code firstPhase} on; returns the next phase index. */
    private int cutRun(int lo, int hi, int firstPhase, int[] taskOf, List<List<Integer>> groups, List<Integer> phaseOf) {
        BitSet[] feeds = new BitSet[hi - lo + 1];
        int[] partner = new int[hi - lo + 1];
        int sinks = 0;
        for (int i = hi; i >= lo; i--) {
            Op op = ops.get(i);
            BitSet s = new BitSet();
            partner[i - lo] = -1;
            boolean sink = false;
            for (int k = 0; k < op.outputs(); k++) {
                int v = op.firstOutput() + k;
                sink |= graphOutput[v] || lastReader[v] > hi;
                for (int r : readers[v]) {
                    if (r <= hi) {
                        s.or(feeds[r - lo]);
                    }
                }
            }
            if (op.outputs() == 0) {
                partner[i - lo] = laterReaderInRun(op.args()[0], i, hi);
                if (partner[i - lo] >= 0) {
                    s.or(feeds[partner[i - lo] - lo]);
                }
            }
            if (sink || s.isEmpty()) {
                s.set(sinks++);
            }
            feeds[i - lo] = s;
        }
        // shared operations: connected pieces, joined through the values they pass to each other
        int[] parent = new int[hi - lo + 1];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (int i = lo; i <= hi; i++) {
            if (feeds[i - lo].cardinality() > 1) {
                for (int a : ops.get(i).args()) {
                    int p = producer[a];
                    if (p >= lo && feeds[p - lo].cardinality() > 1) {
                        union(parent, i - lo, p - lo);
                    }
                }
                if (partner[i - lo] >= 0) {
                    union(parent, i - lo, partner[i - lo] - lo);
                }
            }
        }
        Map<Integer, List<Integer>> shared = new LinkedHashMap<>();
        Map<Integer, List<Integer>> own = new LinkedHashMap<>();
        for (int i = lo; i <= hi; i++) {
            BitSet s = feeds[i - lo];
            if (s.cardinality() > 1) {
                shared.computeIfAbsent(find(parent, i - lo), k -> new ArrayList<>()).add(i);
            } else {
                own.computeIfAbsent(s.nextSetBit(0), k -> new ArrayList<>()).add(i);
            }
        }
        int phase = firstPhase;
        for (Map<Integer, List<Integer>> part : List.of(shared, own)) {
            if (part.isEmpty()) {
                continue;
            }
            List<List<Integer>> pieces = new ArrayList<>(part.values());
            pieces.sort((a, b) -> Integer.compare(a.get(0), b.get(0)));
            for (List<Integer> piece : pieces) {
                for (int i : piece) {
                    taskOf[i] = groups.size();
                }
                groups.add(piece);
                phaseOf.add(phase);
            }
            phase++;
        }
        return phase;
    }

    /** An operation of the run after {@code after} that reads {@code v}, or -1. */
    private int laterReaderInRun(int v, int after, int hi) {
        for (int r : readers[v]) {
            if (r > after && r <= hi) {
                return r;
            }
        }
        return -1;
    }

    private TaskSpec spec(int phase, int index, int task, List<Integer> members, int[] taskOf) {
        TreeSet<Integer> inputs = new TreeSet<>();
        TreeSet<Integer> outputs = new TreeSet<>();
        for (int i : members) {
            Op op = ops.get(i);
            for (int a : op.args()) {
                if (producer[a] < 0 || taskOf[producer[a]] != task) {
                    inputs.add(a);
                }
            }
            for (int k = 0; k < op.outputs(); k++) {
                int v = op.firstOutput() + k;
                if (graphOutput[v] || readOutside(v, task, taskOf)) {
                    outputs.add(v);
                }
            }
        }
        return new TaskSpec(phase, index, members.stream().mapToInt(Integer::intValue).toArray(), toArray(inputs), toArray(outputs));
    }

    private boolean readOutside(int v, int task, int[] taskOf) {
        for (int r : readers[v]) {
            if (taskOf[r] != task) {
                return true;
            }
        }
        return false;
    }

    private static int[] toArray(TreeSet<Integer> s) {
        return s.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    private static void union(int[] parent, int a, int b) {
        parent[find(parent, a)] = find(parent, b);
    }

    @Override
    public String toString() {
        return "GraphPartitioner[" + g + "]";
    }
}

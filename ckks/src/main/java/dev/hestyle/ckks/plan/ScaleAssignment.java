package dev.hestyle.ckks.plan;

import java.util.List;

/**
 * Chooses the factor every value is stored divided by (its multiplier), from the calibrated magnitudes:
 * <ul>
 *   <li>the input of activation {@code k} is stored divided by its bound {@code a_k = MARGIN × max|input|},
 *       so the polynomial sees [-1, 1];</li>
 *   <li>values tied together by residual blocks (the saved skip, the body's output, the sum — a residual
 *       stream) share one multiplier, {@code MARGIN ×} the largest magnitude anywhere in the stream, so that
 *       the add is of like with like and the stream may be bootstrapped;</li>
 *   <li>an activation's output keeps its bound, other values 1.</li>
 * </ul>
 * Value 0 is the program input, value {@code j + 1} the output of node {@code j} (a save aliases its input).
 */
final class ScaleAssignment {
    /** Calibrated bounds are the largest observed magnitude times this. */
    static final double MARGIN = 1.25;

    final double[] multiplier;
    final double[] bound;
    final int[] valueOf;
    final boolean[] inStream;

    private ScaleAssignment(double[] multiplier, double[] bound, int[] valueOf, boolean[] inStream) {
        this.multiplier = multiplier;
        this.bound = bound;
        this.valueOf = valueOf;
        this.inStream = inStream;
    }

    /** Value id read by node {@code j}. */
    int inputValue(int j) {
        return j == 0 ? 0 : valueOf[j - 1];
    }

    static ScaleAssignment assign(List<Node> nodes, Calibration cal) {
        int n = nodes.size();
        int[] valueOf = new int[n];
        double[] valueMax = new double[n + 1];
        valueMax[0] = cal.inputMax;
        int[] saveValue = new int[n + 1];
        for (int j = 0; j < n; j++) {
            int in = j == 0 ? 0 : valueOf[j - 1];
            if (nodes.get(j) instanceof Node.Save s) {
                valueOf[j] = in;
                saveValue[s.id()] = in;
            } else {
                valueOf[j] = j + 1;
                valueMax[j + 1] = cal.stepMax[j];
            }
        }
        int[] parent = new int[n + 1];
        for (int v = 0; v <= n; v++) {
            parent[v] = v;
        }
        boolean[] inStream = new boolean[n + 1];
        for (int j = 0; j < n; j++) {
            if (nodes.get(j) instanceof Node.Add a) {
                int skip = saveValue[a.id()];
                int in = j == 0 ? 0 : valueOf[j - 1];
                union(parent, valueOf[j], skip);
                union(parent, in, skip);
                inStream[valueOf[j]] = inStream[skip] = inStream[in] = true;
            }
        }
        double[] componentMax = new double[n + 1];
        for (int v = 0; v <= n; v++) {
            if (inStream[v]) {
                int r = find(parent, v);
                componentMax[r] = Math.max(componentMax[r], valueMax[v]);
            }
        }
        double[] bound = new double[cal.activationMax.length];
        for (int k = 0; k < bound.length; k++) {
            bound[k] = positive(MARGIN * cal.activationMax[k]);
        }
        double[] m = new double[n + 1];
        java.util.Arrays.fill(m, 1.0);
        int act = 0;
        for (int j = 0; j < n; j++) {
            if (nodes.get(j) instanceof Node.Activation) {
                m[j] = bound[act];
                m[j + 1] = bound[act];
                act++;
            }
        }
        for (int v = 0; v <= n; v++) {
            if (inStream[v]) {
                m[v] = positive(MARGIN * componentMax[find(parent, v)]);
            }
        }
        return new ScaleAssignment(m, bound, valueOf, inStream);
    }

    private static double positive(double v) {
        return v > 0 ? v : 1.0;
    }

    private static int find(int[] parent, int v) {
        while (parent[v] != v) {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        return v;
    }

    private static void union(int[] parent, int a, int b) {
        parent[find(parent, a)] = find(parent, b);
    }
}

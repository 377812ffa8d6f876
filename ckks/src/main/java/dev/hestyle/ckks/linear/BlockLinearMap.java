package dev.hestyle.ckks.linear;

import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.graph.GraphBuilder;
import dev.hestyle.ckks.graph.PlainSource;
import dev.hestyle.ckks.layout.SlotLayout;
import java.lang.ref.SoftReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An affine map between tensors that span several ciphertexts, as a block matrix: output ciphertext
 * {@code j} is {@code Σ_i M_ji(x_i) + bias_j}, where every block {@code M_ji} is a diagonal program on one
 * ciphertext's {@code n} slots. Diagonal {@code k} of block {@code (j, i)} holds, in output slot {@code r}, the
 * weight with which slot {@code (r + k) mod n} of input ciphertext {@code i} contributes.
 *
 * <p>Evaluation is baby-step/giant-step with one split of the offsets for the whole map: each input's baby
 * rotations are hoisted once and shared by every output ciphertext, and each output ciphertext sums its
 * plaintext products over all inputs before one rotation per giant step:
 * {@code y_j = Σ_g rot(Σ_i Σ_b diag'_{j,i,g+b} ⊙ rot(x_i, b), g) + bias_j}. Rotation steps are offsets modulo
 * {@code n}, so the keys are as few as for one ciphertext.
 *
 * <p>The diagonals of a large map would take gigabytes, so they are never stored: the plan keeps only which
 * diagonals exist, and a run computes the diagonals of one output ciphertext from the segment's layers
 * ({@link AffineRows}) when its first product needs them, dropping them once its last product is done.
 */
public final class BlockLinearMap implements SlotMap {
    /** Output elements per parallel task of {@link #applyAll}: large enough that scheduling costs nothing. */
    private static final int APPLY_CHUNK = 512;

    private final AffineRows rows;
    private final SlotLayout in;
    private final SlotLayout out;
    private final int n;
    private final BsgsSplit split;
    /** Per input ciphertext: its distinct non-zero baby steps, ascending (as rotation steps in {@code 1..n-1}). */
    private final int[][] babySteps;
    private final Row[] outRows;
    private final double weightScale;
    private final double biasScale;
    private final Diagonals diagonals;

    /** One product: input ciphertext, its baby rotation (index into {@code babySteps[input]}, -1 = none). */
    private record Term(int input, int baby) {
    }

    /**
     * Output ciphertext {@code j}: its giant steps ascending, the terms under each, every (input, offset)
     * diagonal as {@code input * n + offset} in term order, and the positions (element, slot) it writes.
     */
    private record Row(int[] giants, Term[][] terms, long[] diagonalKeys, int[] elements, int[] slots,
                       boolean bias) {
        int termCount() {
            return diagonalKeys.length;
        }
    }

    private BlockLinearMap(AffineRows rows, SlotLayout in, SlotLayout out, BsgsSplit split, int[][] babySteps, Row[] outRows,
                           double weightScale, double biasScale) {
        this.rows = rows;
        this.in = in;
        this.out = out;
        this.n = in.slots();
        this.split = split;
        this.babySteps = babySteps;
        this.outRows = outRows;
        this.weightScale = weightScale;
        this.biasScale = biasScale;
        this.diagonals = new Diagonals(outRows.length);
    }

    /**
     * Places {@code rows} between {@code in} and {@code out}: one pass over every entry finds the non-zero
     * diagonals of every block; the split with the fewest rotations is chosen for their offsets.
     *
     * @throws IllegalArgumentException if the shapes or slot counts do not match
     */
    public static BlockLinearMap build(AffineRows rows, SlotLayout in, SlotLayout out) {
        if (!rows.inputShape().equals(in.shape()) || !rows.outputShape().equals(out.shape())) {
            throw new IllegalArgumentException("map " + rows.inputShape() + " -> " + rows.outputShape() + " does not fit layouts "
                    + in.shape() + " -> " + out.shape());
        }
        if (in.slots() != out.slots()) {
            throw new IllegalArgumentException("layouts have different slot counts: " + in.slots() + " vs " + out.slots());
        }
        int n = in.slots();
        // slot counts are powers of two (SlotLayout), so offsets modulo n are masks: this loop touches every entry
        int mask = n - 1;
        int cts = out.ciphertexts();
        List<int[]> elements = new ArrayList<>();
        List<int[]> slots = new ArrayList<>();
        positions(out, elements, slots);
        List<long[]> keys = new ArrayList<>();
        boolean[] bias = new boolean[cts];
        TreeSet<Integer> offsets = new TreeSet<>();
        // (input ciphertext, offset) pairs of one output ciphertext, as bits: one pass touches every entry
        long[] seen = new long[(int) (((long) in.ciphertexts() * n + 63) / 64)];
        for (int j = 0; j < cts; j++) {
            Arrays.fill(seen, 0);
            int[] el = elements.get(j);
            int[] sl = slots.get(j);
            for (int e = 0; e < el.length; e++) {
                int r = sl[e];
                double c = rows.row(el[e], (col, w) -> {
                    if (w != 0) {
                        int p = in.slotOf(col);
                        long key = (p & ~mask) | ((p - r) & mask);
                        seen[(int) (key >>> 6)] |= 1L << key;
                    }
                });
                bias[j] |= c != 0;
            }
            int count = 0;
            for (long word : seen) {
                count += Long.bitCount(word);
            }
            long[] set = new long[count];
            int x = 0;
            for (int wi = 0; wi < seen.length; wi++) {
                for (long word = seen[wi]; word != 0; word &= word - 1) {
                    long key = (long) wi * 64 + Long.numberOfTrailingZeros(word);
                    set[x++] = key;
                    offsets.add((int) (key % n));
                }
            }
            keys.add(set);
        }
        BsgsSplit split = BsgsSplit.choose(offsets.stream().mapToInt(Integer::intValue).toArray(), n);
        List<TreeSet<Integer>> babySets = new ArrayList<>();
        for (int i = 0; i < in.ciphertexts(); i++) {
            babySets.add(new TreeSet<>());
        }
        for (long[] set : keys) {
            for (long key : set) {
                int b = Math.floorMod(split.baby((int) (key % n)), n);
                if (b != 0) {
                    babySets.get((int) (key / n)).add(b);
                }
            }
        }
        int[][] babySteps = new int[babySets.size()][];
        for (int i = 0; i < babySteps.length; i++) {
            babySteps[i] = babySets.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        Row[] outRows = new Row[cts];
        for (int j = 0; j < cts; j++) {
            TreeMap<Integer, List<long[]>> byGiant = new TreeMap<>();
            for (long key : keys.get(j)) {
                int k = (int) (key % n);
                byGiant.computeIfAbsent(Math.floorMod(split.giant(k), n), g -> new ArrayList<>()).add(new long[] {key / n, k});
            }
            int[] giants = new int[byGiant.size()];
            Term[][] terms = new Term[byGiant.size()][];
            long[] diagonalKeys = new long[keys.get(j).length];
            int gi = 0;
            int t = 0;
            for (Map.Entry<Integer, List<long[]>> e : byGiant.entrySet()) {
                giants[gi] = e.getKey();
                terms[gi] = new Term[e.getValue().size()];
                for (int x = 0; x < terms[gi].length; x++) {
                    int i = (int) e.getValue().get(x)[0];
                    int k = (int) e.getValue().get(x)[1];
                    int b = Math.floorMod(split.baby(k), n);
                    terms[gi][x] = new Term(i, b == 0 ? -1 : Arrays.binarySearch(babySteps[i], b));
                    diagonalKeys[t++] = (long) i * n + k;
                }
                gi++;
            }
            outRows[j] = new Row(giants, terms, diagonalKeys, elements.get(j), slots.get(j), bias[j]);
        }
        return new BlockLinearMap(rows, in, out, split, babySteps, outRows, 1.0, 1.0);
    }

    /** Every position the output is written at, by ciphertext: the element and its slot (replicas included). */
    private static void positions(SlotLayout out, List<int[]> elements, List<int[]> slots) {
        int n = out.slots();
        int size = out.shape().size();
        if (out.single()) {
            int reps = out.replicas();
            int[] el = new int[size * reps];
            int[] sl = new int[size * reps];
            for (int rep = 0, x = 0; rep < reps; rep++) {
                for (int q = 0; q < size; q++, x++) {
                    el[x] = q;
                    sl[x] = rep * out.period() + out.slotOf(q);
                }
            }
            elements.add(el);
            slots.add(sl);
            return;
        }
        int[] count = new int[out.ciphertexts()];
        for (int q = 0; q < size; q++) {
            count[out.slotOf(q) / n]++;
        }
        for (int j = 0; j < count.length; j++) {
            elements.add(new int[count[j]]);
            slots.add(new int[count[j]]);
            count[j] = 0;
        }
        for (int q = 0; q < size; q++) {
            int p = out.slotOf(q);
            int j = p / n;
            elements.get(j)[count[j]] = q;
            slots.get(j)[count[j]++] = p % n;
        }
    }

    @Override
    public BlockLinearMap scaled(double inputMultiplier, double outputDivisor) {
        SlotMap.checkScales(inputMultiplier, outputDivisor);
        return new BlockLinearMap(rows, in, out, split, babySteps, outRows, weightScale * inputMultiplier / outputDivisor,
                biasScale / outputDivisor);
    }

    @Override
    public SlotLayout inputLayout() {
        return in;
    }

    @Override
    public SlotLayout outputLayout() {
        return out;
    }

    public BsgsSplit split() {
        return split;
    }

    /** Plaintext multiplications per evaluation (one per non-zero block diagonal). */
    public int ptMults() {
        int t = 0;
        for (Row r : outRows) {
            t += Math.max(1, r.termCount());
        }
        return t;
    }

    /** Rotations per evaluation: the hoisted baby rotations of every input, one per giant step of every output. */
    public int rotations() {
        int r = 0;
        for (int[] b : babySteps) {
            r += b.length;
        }
        for (Row row : outRows) {
            for (int g : row.giants) {
                r += g != 0 ? 1 : 0;
            }
        }
        return r;
    }

    @Override
    public Set<Integer> rotationSteps() {
        Set<Integer> s = new TreeSet<>();
        for (int[] b : babySteps) {
            for (int x : b) {
                s.add(x);
            }
        }
        for (Row row : outRows) {
            for (int g : row.giants) {
                if (g != 0) {
                    s.add(g);
                }
            }
        }
        return s;
    }

    @Override
    public Ct[] emit(GraphBuilder b, Ct[] x) {
        if (x.length != in.ciphertexts()) {
            throw new IllegalArgumentException("the map reads " + in.ciphertexts() + " ciphertexts, got " + x.length);
        }
        if (b.slots() != n) {
            throw new IllegalArgumentException("graph has " + b.slots() + " slots, map was planned for " + n);
        }
        Ct[][] babies = new Ct[x.length][];
        for (int i = 0; i < x.length; i++) {
            babies[i] = b.rotateHoistedInParts(x[i], babySteps[i]);
        }
        Ct[] y = new Ct[outRows.length];
        for (int j = 0; j < outRows.length; j++) {
            Row row = outRows[j];
            Ct acc = null;
            int t = 0;
            for (int g = 0; g < row.giants.length; g++) {
                Ct inner = null;
                for (Term term : row.terms[g]) {
                    Ct src = term.baby < 0 ? x[term.input] : babies[term.input][term.baby];
                    Ct prod = b.mulPlain(src, new Product(j, t++));
                    inner = inner == null ? prod : b.add(inner, prod);
                }
                Ct r = row.giants[g] == 0 ? inner : b.rotate(inner, row.giants[g]);
                acc = acc == null ? r : b.add(acc, r);
            }
            if (acc == null) {
                // an all-zero block row: still one level, so that level bookkeeping does not depend on weights
                acc = b.mulConst(x[0], 0.0);
            }
            y[j] = row.bias ? b.addPlain(acc, new Product(j, -1)) : acc;
        }
        return y;
    }

    /** Plaintext {@code term} of output row {@code j} (-1: its bias), scaled. */
    private final class Product implements PlainSource {
        private final int j;
        private final int term;

        Product(int j, int term) {
            this.j = j;
            this.term = term;
        }

        @Override
        public double[] values() {
            double[][] d = diagonals.row(j);
            double[] v = term < 0 ? d[d.length - 1] : d[term];
            double f = term < 0 ? biasScale : weightScale;
            double[] r = new double[v.length];
            for (int s = 0; s < r.length; s++) {
                r[s] = v[s] * f;
            }
            return r;
        }

        @Override
        public void release() {
            diagonals.released(j);
        }
    }

    /**
     * The unscaled, pre-rotated diagonals of output rows, computed on first use and dropped when every product
     * of the row has been released once (held softly in between, so that memory pressure or an abandoned run
     * cannot pin them). Recomputing a dropped row gives the same values, so concurrent runs stay correct.
     */
    private final class Diagonals {
        private final Object[] locks;
        private final SoftReference<double[][]>[] cache;
        private final AtomicInteger[] releases;

        @SuppressWarnings("unchecked")
        Diagonals(int rowCount) {
            locks = new Object[rowCount];
            cache = new SoftReference[rowCount];
            releases = new AtomicInteger[rowCount];
            for (int j = 0; j < rowCount; j++) {
                locks[j] = new Object();
                releases[j] = new AtomicInteger();
            }
        }

        double[][] row(int j) {
            synchronized (locks[j]) {
                double[][] d = cache[j] == null ? null : cache[j].get();
                if (d == null) {
                    d = compute(outRows[j]);
                    cache[j] = new SoftReference<>(d);
                }
                return d;
            }
        }

        void released(int j) {
            Row row = outRows[j];
            int uses = row.termCount() + (row.bias ? 1 : 0);
            if (releases[j].incrementAndGet() % uses == 0) {
                synchronized (locks[j]) {
                    cache[j] = null;
                }
            }
        }
    }

    /** Row {@code row}'s diagonals pre-rotated by their giant steps, then its bias (last). */
    private double[][] compute(Row row) {
        double[][] d = new double[row.termCount() + 1][n];
        int[] giantOf = new int[row.termCount()];
        for (int g = 0, t = 0; g < row.giants.length; g++) {
            for (int x = 0; x < row.terms[g].length; x++) {
                giantOf[t++] = row.giants[g];
            }
        }
        double[] bias = d[row.termCount()];
        int mask = n - 1;
        int[] termOf = new int[in.ciphertexts() * n];
        for (int t = 0; t < row.diagonalKeys.length; t++) {
            termOf[(int) row.diagonalKeys[t]] = t;
        }
        for (int e = 0; e < row.elements.length; e++) {
            int r = row.slots[e];
            bias[r] = rows.row(row.elements[e], (col, w) -> {
                if (w != 0) {
                    int p = in.slotOf(col);
                    int t = termOf[(p & ~mask) | ((p - r) & mask)];
                    // the giant rotation that follows the product is undone on the plaintext beforehand
                    d[t][(r + giantOf[t]) & mask] += w;
                }
            });
        }
        return d;
    }

    @Override
    public double[][] apply(double[][] x) {
        return applyAll(java.util.Collections.singletonList(x)).get(0);
    }

    /**
     * Reads every row of the segment once for the whole batch: the rows cost far more than the products. Chunks of
     * output elements run on all cores (planning calibrates on this path, and at 32x32 a tensor is one ciphertext,
     * so parallelism across ciphertexts alone would leave a core idle); each chunk writes its own output slots.
     */
    @Override
    public List<double[][]> applyAll(List<double[][]> xs) {
        for (double[][] x : xs) {
            if (x.length != in.ciphertexts()) {
                throw new IllegalArgumentException("the map reads " + in.ciphertexts() + " slot vectors, got " + x.length);
            }
        }
        int batch = xs.size();
        double[] gathered = gather(xs);
        double[][][] y = new double[batch][outRows.length][n];
        List<int[]> chunks = new ArrayList<>();
        for (int j = 0; j < outRows.length; j++) {
            for (int from = 0; from < outRows[j].elements.length; from += APPLY_CHUNK) {
                chunks.add(new int[] {j, from, Math.min(outRows[j].elements.length, from + APPLY_CHUNK)});
            }
        }
        chunks.parallelStream().forEach(chunk -> {
            Row row = outRows[chunk[0]];
            double[] acc = new double[batch];
            for (int e = chunk[1]; e < chunk[2]; e++) {
                Arrays.fill(acc, 0);
                double c = rows.row(row.elements[e], (col, w) -> {
                    int at = col * batch;
                    for (int k = 0; k < batch; k++) {
                        acc[k] += w * gathered[at + k];
                    }
                });
                for (int k = 0; k < batch; k++) {
                    y[k][chunk[0]][row.slots[e]] = acc[k] * weightScale + c * biasScale;
                }
            }
        });
        return Arrays.asList(y);
    }

    /**
     * The batch's inputs by input element, the batch innermost: a weight then costs no slot lookup, and its products
     * read adjacent memory instead of one vector per image (the lookups and scattered reads were most of planning).
     */
    private double[] gather(List<double[][]> xs) {
        int batch = xs.size();
        int size = in.shape().size();
        double[] gathered = new double[Math.multiplyExact(size, batch)];
        for (int col = 0; col < size; col++) {
            int p = in.slotOf(col);
            int ct = p / n;
            int slot = p % n;
            for (int k = 0; k < batch; k++) {
                gathered[col * batch + k] = xs.get(k)[ct][slot];
            }
        }
        return gathered;
    }

    @Override
    public void digest(Digest d) {
        d.add("block").add(in.describe()).add(out.describe()).add(weightScale).add(biasScale).add(split.toString());
        rows.digest(d);
    }

    @Override
    public String toString() {
        return in.shape() + " -> " + out.shape() + ": " + in.ciphertexts() + " -> " + out.ciphertexts() + " ciphertexts, " + ptMults()
                + " block diagonals, " + rotations() + " rotations (B=" + split.babySpan() + ")";
    }
}

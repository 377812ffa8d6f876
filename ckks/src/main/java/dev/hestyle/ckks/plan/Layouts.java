package dev.hestyle.ckks.plan;

import dev.hestyle.api.UnsupportedGraphException;
import dev.hestyle.ckks.layout.SlotLayout;
import dev.hestyle.tensor.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The slot layout of every value: one grid for the whole program (the largest height and width of any
 * stored tensor), one layout per shape, and the smallest power-of-two slot count that holds every tensor in
 * one ciphertext — or, when some tensor is larger than one ciphertext of the engine, the engine's largest
 * slot count, with that tensor spread over several ciphertexts.
 */
final class Layouts {
    private final SlotLayout input;
    private final List<SlotLayout> after;
    private final int slots;

    private Layouts(SlotLayout input, List<SlotLayout> after, int slots) {
        this.input = input;
        this.after = after;
        this.slots = slots;
    }

    /**
     * One layout per tensor shape on a common grid, on ciphertexts of the fewest slots (a power of two, at most
     * {@code maxSlots}) that hold the largest tensor; a larger tensor spans several.
     */
    static Layouts of(Shape inputShape, List<Node> nodes, int maxSlots) {
        List<Shape> shapes = new ArrayList<>();
        shapes.add(inputShape);
        for (Node n : nodes) {
            shapes.add(n.shape());
        }
        int gridH = 0;
        int gridW = 0;
        for (Shape s : shapes) {
            gridH = Math.max(gridH, s.height());
            gridW = Math.max(gridW, s.width());
        }
        int needed = 1;
        for (Shape s : shapes) {
            if (gridH % s.height() != 0 || gridW % s.width() != 0) {
                throw new UnsupportedGraphException("a " + s + " tensor does not divide the " + gridH + "x" + gridW
                        + " slot grid: every height and width in the network must divide the largest one");
            }
            int group = (gridH / s.height()) * (gridW / s.width());
            long used = (long) ((s.channels() + group - 1) / group) * gridH * gridW;
            if (used > Integer.MAX_VALUE / 2) {
                throw new UnsupportedGraphException("a " + s + " tensor needs " + used + " slots, more than a layout can address");
            }
            needed = Math.max(needed, (int) Math.min(used, maxSlots));
        }
        int slots = needed <= 1 ? 1 : Integer.highestOneBit(needed - 1) << 1;
        Map<Shape, SlotLayout> byShape = new LinkedHashMap<>();
        final int gh = gridH;
        final int gw = gridW;
        SlotLayout in = byShape.computeIfAbsent(inputShape, s -> SlotLayout.of(s, gh, gw, slots));
        List<SlotLayout> after = new ArrayList<>();
        for (Node n : nodes) {
            after.add(byShape.computeIfAbsent(n.shape(), s -> SlotLayout.of(s, gh, gw, slots)));
        }
        return new Layouts(in, after, slots);
    }

    SlotLayout input() {
        return input;
    }

    SlotLayout output() {
        return after.isEmpty() ? input : after.get(after.size() - 1);
    }

    /** Layout of the value node {@code j} reads. */
    SlotLayout before(int j) {
        return j == 0 ? input : after.get(j - 1);
    }

    /** Layout of the value node {@code j} produces. */
    SlotLayout after(int j) {
        return after.get(j);
    }

    int slots() {
        return slots;
    }

    List<String> describe() {
        List<String> l = new ArrayList<>();
        SlotLayout prev = null;
        for (SlotLayout s : concat()) {
            if (!s.equals(prev) && !l.contains(s.describe())) {
                l.add(s.describe());
            }
            prev = s;
        }
        return l;
    }

    private List<SlotLayout> concat() {
        List<SlotLayout> all = new ArrayList<>();
        all.add(input);
        all.addAll(after);
        return all;
    }
}

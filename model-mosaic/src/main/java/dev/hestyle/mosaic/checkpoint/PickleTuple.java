package dev.hestyle.mosaic.checkpoint;

import java.util.Collections;
import java.util.List;

/**
 * A Python tuple read from a pickle; unlike a list it can never be appended to. Equality is identity and
 * {@link #toString()} does not descend into the items: a pickle can share one tuple many times over (memo
 * references), so a structural hash, comparison or print of a small file could take exponential time.
 */
final class PickleTuple {
    private final List<Object> items;
    private final int height;

    /** @param height nesting depth: 1 plus the deepest item's */
    PickleTuple(List<Object> items, int height) {
        this.items = Collections.unmodifiableList(items);
        this.height = height;
    }

    List<Object> items() {
        return items;
    }

    int size() {
        return items.size();
    }

    Object get(int i) {
        return items.get(i);
    }

    int height() {
        return height;
    }

    @Override
    public String toString() {
        return "tuple of " + items.size() + " items";
    }
}

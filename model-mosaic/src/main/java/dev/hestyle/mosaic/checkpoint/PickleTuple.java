package dev.hestyle.mosaic.checkpoint;

import java.util.Collections;
import java.util.List;

/** A Python tuple read from a pickle; unlike a list it can never be appended to. */
record PickleTuple(List<Object> items) {
    PickleTuple {
        items = Collections.unmodifiableList(items);
    }

    int size() {
        return items.size();
    }

    Object get(int i) {
        return items.get(i);
    }
}

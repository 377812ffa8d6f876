package dev.hestyle.cli.server;

import dev.hestyle.spi.EvaluationKeys;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluation key sets by key id, bounded by their total serialized size: adding one evicts the least
 * recently used ones until it fits. A session already running keeps its own reference, so eviction never
 * breaks an evaluation; the client simply uploads again next time.
 */
final class KeyCache {
    private static final Logger log = LoggerFactory.getLogger(KeyCache.class);

    private record Entry(EvaluationKeys keys, long bytes) {
    }

    private final long capacity;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long used;

    KeyCache(long capacity) {
        this.capacity = capacity;
    }

    /** Adds {@code keys} (of {@code bytes} serialized bytes), evicting older sets as needed. */
    synchronized void put(EvaluationKeys keys, long bytes) {
        if (bytes > capacity) {
            throw new ApiException(ErrorReason.BODY_TOO_LARGE, "evaluation keys of " + bytes + " bytes exceed the key cache of " + capacity + " bytes");
        }
        Entry old = entries.remove(keys.keyId());
        if (old != null) {
            used -= old.bytes();
        }
        Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
        while (used + bytes > capacity && it.hasNext()) {
            Map.Entry<String, Entry> e = it.next();
            used -= e.getValue().bytes();
            it.remove();
            log.info("evicted evaluation keys {} ({} bytes) to make room", e.getKey(), e.getValue().bytes());
        }
        entries.put(keys.keyId(), new Entry(keys, bytes));
        used += bytes;
    }

    /** The key set with this id, or {@code null} if it was never uploaded or has been evicted. */
    synchronized EvaluationKeys get(String keyId) {
        Entry e = entries.get(keyId);
        return e == null ? null : e.keys();
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized long usedBytes() {
        return used;
    }

    synchronized void clear() {
        entries.clear();
        used = 0;
    }
}

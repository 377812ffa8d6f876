package dev.hestyle.cli.server;

import dev.hestyle.spi.EvaluationKeys;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluation key sets by server key id (the SHA-256 of their bytes), bounded by their total serialized
 * size. Each set may be used only with an access token handed to one of its uploaders. Sessions lease a
 * set while they run; a set that is evicted (to make room) is closed, freeing its native memory, as soon
 * as its last lease ends. Memory of leased sets counts against the capacity until then.
 */
final class KeyCache {
    private static final Logger log = LoggerFactory.getLogger(KeyCache.class);

    /** A key set, its uploaders' token digests and its leases. Guarded by the cache's monitor. */
    private static final class Entry {
        final String id;
        final EvaluationKeys keys;
        final long bytes;
        final Set<String> tokenHashes = new HashSet<>();
        int leases;
        boolean evicted;

        Entry(String id, EvaluationKeys keys, long bytes) {
            this.id = id;
            this.keys = keys;
            this.bytes = bytes;
        }
    }

    /** A session's hold on a key set: the set stays open until every lease on it is closed. */
    final class Lease implements AutoCloseable {
        private final Entry entry;
        private boolean released;

        private Lease(Entry entry) {
            this.entry = entry;
        }

        /** The server key id. */
        String id() {
            return entry.id;
        }

        EvaluationKeys keys() {
            return entry.keys;
        }

        @Override
        public void close() {
            release(this);
        }
    }

    private final long capacity;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long used;
    private long reserved;
    private int awaitingClose;
    private long closed;

    KeyCache(long capacity) {
        this.capacity = capacity;
    }

    /**
     * Makes room for a key set of {@code bytes} before it is parsed, so that parsing never runs the server
     * past its budget; undo with {@link #unreserve} or turn into an entry with {@link #put}.
     *
     * @throws ApiException {@code BODY_TOO_LARGE} if it can never fit, {@code BUSY} if sets in use leave no room now
     */
    synchronized void reserve(long bytes) {
        if (bytes > capacity) {
            throw new ApiException(ErrorReason.BODY_TOO_LARGE, "evaluation keys of " + bytes + " bytes exceed the key cache of " + capacity + " bytes");
        }
        Iterator<Entry> it = entries.values().iterator();
        while (used + reserved + bytes > capacity && it.hasNext()) {
            Entry e = it.next();
            if (e.leases == 0) {
                it.remove();
                log.info("evicting evaluation keys {} ({} bytes) to make room", e.id, e.bytes);
                dispose(e);
            }
        }
        if (used + reserved + bytes > capacity) {
            throw new ApiException(ErrorReason.BUSY, "the key cache is full of key sets that running sessions use; try again later");
        }
        reserved += bytes;
    }

    synchronized void unreserve(long bytes) {
        reserved -= bytes;
    }

    /**
     * Adds {@code keys} under {@code id} (its reservation of {@code bytes} becomes the entry), or, when
     * another upload of the same bytes got there first, closes {@code keys} and keeps that one.
     *
     * @return the new uploader's access token
     */
    synchronized String put(String id, EvaluationKeys keys, long bytes) {
        reserved -= bytes;
        Entry e = entries.get(id);
        if (e == null) {
            e = new Entry(id, keys, bytes);
            entries.put(id, e);
            used += bytes;
        } else {
            closeKeys(keys);
        }
        return newToken(e);
    }

    /** A token for one more uploader of the cached set {@code id}, or {@code null} if it is not cached. */
    synchronized String addUploader(String id) {
        Entry e = entries.get(id);
        return e == null ? null : newToken(e);
    }

    private static String newToken(Entry e) {
        String token = Ids.random();
        e.tokenHashes.add(Ids.hashOf(token));
        return token;
    }

    /** Whether {@code token} may use the cached set {@code id}. */
    synchronized boolean allows(String id, String token) {
        return find(id, token) != null;
    }

    /**
     * Leases set {@code id} for a session.
     *
     * @throws ApiException {@code UNKNOWN_KEY} if it is not cached or {@code token} is not one of its uploaders'
     */
    synchronized Lease lease(String id, String token) {
        Entry e = find(id, token);
        if (e == null) {
            throw unknownKey(id);
        }
        e.leases++;
        return new Lease(e);
    }

    private Entry find(String id, String token) {
        Entry e = id == null ? null : entries.get(id);
        // an unknown set and a wrong token look the same, so that nobody learns which sets the server holds
        return e != null && token != null && e.tokenHashes.contains(Ids.hashOf(token)) ? e : null;
    }

    static ApiException unknownKey(String id) {
        return new ApiException(ErrorReason.UNKNOWN_KEY, "no evaluation keys with id " + id + " that this access token may use (never uploaded,"
                + " evicted from the cache, or uploaded by someone else): upload them first");
    }

    private synchronized void release(Lease lease) {
        if (lease.released) {
            return;
        }
        lease.released = true;
        Entry e = lease.entry;
        e.leases--;
        if (e.evicted && e.leases == 0) {
            awaitingClose--;
            closeEntry(e);
        }
    }

    /** Takes {@code e} out of service: closes it now, or when its last lease ends. */
    private void dispose(Entry e) {
        e.evicted = true;
        if (e.leases == 0) {
            closeEntry(e);
        } else {
            awaitingClose++;
        }
    }

    private void closeEntry(Entry e) {
        used -= e.bytes;
        if (closeKeys(e.keys)) {
            closed++;
            log.info("closed evaluation keys {}", e.id);
        }
    }

    /** Closes {@code keys} if they can be closed; returns whether they were. */
    private static boolean closeKeys(EvaluationKeys keys) {
        // key sets read from bytes own their native memory; sets without any implement no close()
        if (keys instanceof AutoCloseable c) {
            try {
                c.close();
                return true;
            } catch (Exception e) {
                log.warn("closing evaluation keys {} failed: {}", keys.keyId(), e.toString());
            }
        }
        return false;
    }

    synchronized int size() {
        return entries.size();
    }

    /** Evicted sets that stay open because a running session still uses them. */
    synchronized int awaitingClose() {
        return awaitingClose;
    }

    /** Key sets closed (their {@code close()} called and returned) since the server started. */
    synchronized long closedCount() {
        return closed;
    }

    synchronized long usedBytes() {
        return used;
    }

    /** Drops every set (closing it now or after its last lease). */
    synchronized void clear() {
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            dispose(e.getValue());
        }
        entries.clear();
    }
}

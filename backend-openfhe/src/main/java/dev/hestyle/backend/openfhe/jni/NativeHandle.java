package dev.hestyle.backend.openfhe.jni;

import java.lang.ref.Cleaner;
import java.util.function.LongConsumer;

/**
 * Owns the address of one C++ object. Native calls run inside a {@link Lease}, so the object cannot be
 * freed while a call uses it: {@link #close()} (or the {@link Cleaner}, once the owner is unreachable)
 * frees it immediately when idle, otherwise when the last lease ends. After close, {@link #lease()}
 * throws {@link IllegalStateException}.
 */
final class NativeHandle {
    private static final Cleaner CLEANER = Cleaner.create();

    private final State state;
    private final Cleaner.Cleanable cleanable;

    /**
     * @param owner the Java object whose unreachability frees the native object
     * @param address the native address; zero means native code failed to create it
     * @param free the native destructor
     * @param what a name for messages, e.g. {@code "ciphertext"}
     */
    NativeHandle(Object owner, long address, LongConsumer free, String what) {
        if (address == 0) {
            throw new IllegalStateException("native code returned no " + what);
        }
        this.state = new State(address, free, what);
        this.cleanable = CLEANER.register(owner, state);
    }

    /** Marks the object in use until the returned lease is closed. */
    Lease lease() {
        return state.acquire();
    }

    /** Frees the native object (after running calls finish); safe to call twice. */
    void close() {
        cleanable.clean();
    }

    boolean isClosed() {
        return state.isClosed();
    }

    /** One native call's use of a handle. */
    static final class Lease implements AutoCloseable {
        private final State state;

        private Lease(State state) {
            this.state = state;
        }

        long address() {
            return state.address;
        }

        @Override
        public void close() {
            state.release();
        }
    }

    /** Shared by the handle and the cleaner; must not refer to the owner. */
    private static final class State implements Runnable {
        private final long address;
        private final LongConsumer free;
        private final String what;
        private int users;
        private boolean closed;
        private boolean freed;

        State(long address, LongConsumer free, String what) {
            this.address = address;
            this.free = free;
            this.what = what;
        }

        synchronized Lease acquire() {
            if (closed) {
                throw new IllegalStateException("this " + what + " has been closed");
            }
            users++;
            return new Lease(this);
        }

        synchronized boolean isClosed() {
            return closed;
        }

        void release() {
            boolean freeNow;
            synchronized (this) {
                users--;
                freeNow = closed && users == 0 && !freed;
                freed |= freeNow;
            }
            if (freeNow) {
                free.accept(address);
            }
        }

        /** Close, from {@link NativeHandle#close()} or the cleaner. */
        @Override
        public void run() {
            boolean freeNow;
            synchronized (this) {
                closed = true;
                freeNow = users == 0 && !freed;
                freed |= freeNow;
            }
            if (freeNow) {
                free.accept(address);
            }
        }
    }
}

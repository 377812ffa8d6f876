package dev.hestyle.ckks.poly;

import dev.hestyle.ckks.engine.Ct;
import java.io.DataOutputStream;

/** An unencrypted slot vector with a level, so that tests can check level use and ownership exactly. */
final class PlainCt implements Ct {

    private final PlainEvaluator owner;
    private final double[] slots;
    private final int level;
    private boolean closed;

    PlainCt(PlainEvaluator owner, double[] slots, int level) {
        this.owner = owner;
        this.slots = slots;
        this.level = level;
    }

    /** The slots; fails on a closed ciphertext so that use-after-close is caught. */
    double[] slots() {
        if (closed) {
            throw new IllegalStateException("use of a closed ciphertext");
        }
        return slots;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public int level() {
        return level;
    }

    @Override
    public void write(DataOutputStream out) {
        throw new UnsupportedOperationException("test ciphertexts are not serialised");
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            owner.released(this);
        }
    }
}

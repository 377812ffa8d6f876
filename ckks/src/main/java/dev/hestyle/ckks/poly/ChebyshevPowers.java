package dev.hestyle.ckks.poly;

import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.engine.Evaluator;
import java.util.ArrayList;
import java.util.List;

/**
 * Lazily computed ciphertexts of {@code T_1 = x, T_2, T_4, ..., T_{2^k}} shared by every branch of one
 * evaluation, so each power costs one ciphertext multiplication however often it is used.
 * {@code T_{2^k}} sits exactly {@code k} levels below {@code x}. Closing frees every power except
 * {@code x}, which belongs to the caller.
 */
final class ChebyshevPowers implements AutoCloseable {

    private final Evaluator ev;
    private final List<Ct> powers = new ArrayList<>();

    ChebyshevPowers(Evaluator ev, Ct x) {
        this.ev = ev;
        powers.add(x);
    }

    /** {@code T_{2^k}}; owned by this cache. */
    Ct get(int k) {
        while (powers.size() <= k) {
            powers.add(doubled(powers.get(powers.size() - 1)));
        }
        return powers.get(k);
    }

    /** {@code T_{2n} = 2 T_n² - 1}; the factor 2 as an addition so that it costs no level. */
    private Ct doubled(Ct tn) {
        try (Ct square = ev.mul(tn, tn); Ct twice = ev.add(square, square)) {
            return ev.addConst(twice, -1.0);
        }
    }

    @Override
    public void close() {
        for (int i = 1; i < powers.size(); i++) {
            powers.get(i).close();
        }
        powers.subList(1, powers.size()).clear();
    }
}

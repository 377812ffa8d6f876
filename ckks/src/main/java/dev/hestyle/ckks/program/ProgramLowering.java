package dev.hestyle.ckks.program;

import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.graph.CtGraph;
import dev.hestyle.ckks.graph.GraphBuilder;
import dev.hestyle.ckks.poly.ChebyshevEvaluator;
import java.util.HashMap;
import java.util.Map;

/**
 * Lowers a tensor-level {@link Program} to its ciphertext-level {@link CtGraph}: a linear step becomes its
 * map's block program, an activation, a bootstrap and a skip addition become one operation sequence per
 * ciphertext of the tensor, and a client activation one round trip carrying every ciphertext of the tensor.
 */
final class ProgramLowering {
    private ProgramLowering() {
    }

    static CtGraph lower(Program program, int freshLevels, int levelsAfterBootstrap, int clientLevels) {
        GraphBuilder b = new GraphBuilder(program.slots(), levelsAfterBootstrap, clientLevels);
        Ct[] cur = b.inputs(program.inputLayout().ciphertexts(), freshLevels);
        Map<Integer, Ct[]> skips = new HashMap<>();
        for (Step step : program.steps()) {
            b.beginStep(step.kind() + " at " + step.label());
            if (step instanceof LinearStep l) {
                cur = l.map().emit(b, cur);
            } else if (step instanceof PolyActivation p) {
                Ct[] next = new Ct[cur.length];
                for (int k = 0; k < cur.length; k++) {
                    b.rangeCheck(cur[k], p.interval());
                    next[k] = ChebyshevEvaluator.evaluate(b, cur[k], p.evaluated());
                }
                cur = next;
            } else if (step instanceof ClientActivation c) {
                cur = b.client(c.index(), cur);
            } else if (step instanceof Bootstrap) {
                Ct[] next = new Ct[cur.length];
                for (int k = 0; k < cur.length; k++) {
                    next[k] = b.bootstrap(cur[k]);
                }
                cur = next;
            } else if (step instanceof SaveSkip k) {
                skips.put(k.id(), cur);
            } else if (step instanceof AddSkip k) {
                Ct[] skip = skips.remove(k.id());
                if (skip == null || skip.length != cur.length) {
                    throw new IllegalStateException("program adds skip " + k.id() + " that was never saved or has another shape");
                }
                Ct[] next = new Ct[cur.length];
                for (int c = 0; c < cur.length; c++) {
                    next[c] = b.add(cur[c], skip[c]);
                }
                cur = next;
            } else {
                throw new IllegalStateException("unknown step " + step);
            }
        }
        return b.build(cur);
    }
}

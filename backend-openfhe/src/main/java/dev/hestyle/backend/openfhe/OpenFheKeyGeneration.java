package dev.hestyle.backend.openfhe;

import dev.hestyle.backend.openfhe.jni.NativeContext;
import dev.hestyle.backend.openfhe.jni.NativeKeyPair;
import dev.hestyle.ckks.engine.CkksParameters;
import dev.hestyle.ckks.engine.KeyRequest;
import dev.hestyle.spi.ProgressListener;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates a key set with exactly the evaluation keys a {@link KeyRequest} names, one key at a time so
 * that progress can be reported (bootstrapping keys take a minute or more at 128 bits). A rotation step
 * that a bootstrapping key already serves gets no key of its own ({@link RotationKeyChoice}); with
 * bootstrapping keys, neither does a step that existing keys compose.
 */
final class OpenFheKeyGeneration {
    private static final Logger log = LoggerFactory.getLogger(OpenFheKeyGeneration.class);
    private static final String PHASE = "keygen";

    private OpenFheKeyGeneration() {
    }

    static OpenFheKeyPair generate(NativeContext context, CkksParameters params, KeyRequest request, ProgressListener progress) {
        Objects.requireNonNull(request, "request");
        ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
        if (request.bootstrapping() && !params.bootstrapping()) {
            throw new IllegalArgumentException("bootstrapping keys requested for parameters without bootstrapping");
        }
        Set<Integer> steps = new TreeSet<>();
        for (int step : request.rotations()) {
            int normalised = Math.floorMod(step, params.slots());
            if (normalised != 0) {
                steps.add(normalised);
            }
        }
        // bootstrapping multiplies ciphertexts, so it needs the relinearisation key too
        boolean relinearization = request.relinearization() || request.bootstrapping();
        long total = steps.size() + (relinearization ? 1 : 0) + (request.bootstrapping() ? 1 : 0);
        long done = 0;
        long start = System.nanoTime();
        NativeKeyPair keys = NativeKeyPair.generate(context);
        try {
            listener.onProgress(PHASE, done, total);
            if (relinearization) {
                keys.generateRelinearization();
                listener.onProgress(PHASE, ++done, total);
            }
            // bootstrapping keys first, so that rotation steps they already serve get no key of their own
            if (request.bootstrapping()) {
                keys.generateBootstrapping();
                listener.onProgress(PHASE, ++done, total);
            }
            Set<Integer> present = new HashSet<>();
            for (int index : keys.automorphismIndices()) {
                present.add(index);
            }
            int ringSlots = context.ringDimension() / 2;
            Map<Integer, Integer> rotations = new TreeMap<>(RotationKeyChoice.choose(steps, params.slots(), ringSlots,
                    context::automorphismIndex, present));
            int[] keyed = RotationKeyChoice.keyedRotations(ringSlots, context::automorphismIndex, present);
            Set<Integer> unserved = new TreeSet<>();
            rotations.forEach((step, rotation) -> {
                if (!present.contains(context.automorphismIndex(rotation))) {
                    unserved.add(step);
                }
            });
            // at N=2^16 a key is about 100 MiB: one more key switch per use is cheaper than holding it, so with
            // bootstrapping keys only the steps that let the others be composed get keys
            Set<Integer> own = request.bootstrapping() ? RotationKeyChoice.ownKeys(unserved, params.slots(), keyed) : unserved;
            int shared = rotations.size() - unserved.size();
            int composed = 0;
            for (Iterator<Map.Entry<Integer, Integer>> it = rotations.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Integer, Integer> entry = it.next();
                if (own.contains(entry.getKey())) {
                    keys.generateRotations(entry.getValue());
                    keyed = RotationKeyChoice.with(keyed, entry.getValue());
                } else if (unserved.contains(entry.getKey())) {
                    it.remove();
                    composed++;
                }
                listener.onProgress(PHASE, ++done, total);
            }
            OpenFheEvalKeys evalKeys = new OpenFheEvalKeys(keys.evalKeys(), keys.keyTag(), context.layout(), rotations, keyed,
                    request.bootstrapping());
            log.debug("generated {} rotation keys ({} more steps served by bootstrapping keys, {} composed of two or three){} in {} ms",
                    rotations.size() - shared, shared, composed, request.bootstrapping() ? " and bootstrapping keys" : "",
                    (System.nanoTime() - start) / 1_000_000);
            return new OpenFheKeyPair(keys, evalKeys, params);
        } catch (RuntimeException e) {
            keys.close();
            throw e;
        }
    }
}

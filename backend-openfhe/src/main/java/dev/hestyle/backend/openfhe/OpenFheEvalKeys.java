package dev.hestyle.backend.openfhe;

import dev.hestyle.api.WireFormatException;
import dev.hestyle.api.WireFormatException.Reason;
import dev.hestyle.backend.openfhe.jni.ContextSpec;
import dev.hestyle.backend.openfhe.jni.NativeContext;
import dev.hestyle.backend.openfhe.jni.NativeEvalKeys;
import dev.hestyle.backend.openfhe.jni.OpenFheNativeException;
import dev.hestyle.backend.openfhe.jni.RingLayout;
import dev.hestyle.ckks.engine.EvalKeyMaterial;
import dev.hestyle.wire.Sections;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Evaluation keys: public key, relinearisation key, rotation keys and bootstrapping keys.
 *
 * <p>Body layout, all {@link Sections}: a description (format, key set id, slots, which keys follow, the
 * rotation steps the keys serve with the ring rotation serving each, the automorphism indices in order),
 * then the public key, the relinearisation key and one section per automorphism key, each in
 * {@link KeyEncoding}. Format 3; formats 1 and 2 carried OpenFHE's own serialization and are refused.
 *
 * <p>Keys read from bytes are registered with OpenFHE under a tag chosen here, unique per key set and
 * unrelated to the sender's id, and removed from OpenFHE's maps when the last holder closes: keys
 * uploaded under one id can never be used by, or spoil, another key set.
 */
final class OpenFheEvalKeys implements EvalKeyMaterial {
    private static final int FORMAT = 3;
    private static final String TAG_PREFIX = "hestyle-keys-";
    private static final AtomicLong KEY_SETS = new AtomicLong();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_DESCRIPTION = 1 << 20;
    /** A section's length prefix and CRC32C. */
    private static final int SECTION_OVERHEAD = 2 * Integer.BYTES;

    private final NativeEvalKeys keys;
    private final String keyId;
    private final RingLayout layout;
    /** Slot rotation step to the ring rotation whose key serves it (see {@link RotationKeyChoice}). */
    private final Map<Integer, Integer> rotations;
    /** Ring rotations with keys, ascending: what a step without a key of its own is composed of. */
    private final int[] keyedRotations;
    /** Steps served by several rotations, found on first use. */
    private final Map<Integer, int[]> composed = new ConcurrentHashMap<>();
    private final boolean bootstrapping;
    private final boolean relinearization;
    private volatile long byteSize = -1;

    /**
     * @param keyId the key set's id on the wire (for keys generated here, OpenFHE's tag of the key pair)
     */
    OpenFheEvalKeys(NativeEvalKeys keys, String keyId, RingLayout layout, Map<Integer, Integer> rotations, int[] keyedRotations,
                    boolean bootstrapping) {
        this.keys = keys;
        this.keyId = keyId;
        this.layout = layout;
        this.rotations = Collections.unmodifiableMap(new TreeMap<>(rotations));
        this.keyedRotations = keyedRotations.clone();
        this.bootstrapping = bootstrapping;
        this.relinearization = keys.hasMultKey();
    }

    NativeEvalKeys nativeKeys() {
        return keys;
    }

    /**
     * The ring rotation to apply for a left rotation of the slots by {@code step} (normalised to
     * 1..slots-1), or 0 if no key serves that step.
     */
    int ringRotation(int step) {
        return rotations.getOrDefault(step, 0);
    }

    /**
     * The ring rotations that together rotate the slots left by {@code step} (normalised to 1..slots-1): the
     * one whose key serves it, or, in a bootstrapping key set, two or three whose keys exist ({@link RotationKeyChoice#compose});
     * empty if neither.
     */
    int[] ringRotations(int step) {
        int direct = ringRotation(step);
        if (direct != 0) {
            return new int[] {direct};
        }
        if (!bootstrapping) {
            // only bootstrapping key sets leave steps to composition (see OpenFheKeyGeneration)
            return new int[0];
        }
        int[] pair = composed.computeIfAbsent(step, s -> {
            int[] found = RotationKeyChoice.compose(s, layout.slots(), keyedRotations);
            return found == null ? new int[0] : found;
        });
        return pair.clone();
    }

    boolean hasRelinearization() {
        return relinearization;
    }

    boolean hasBootstrapping() {
        return bootstrapping;
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
        int[] indices = keys.automorphismIndices();
        boolean publicKey = keys.hasPublicKey();
        Sections.write(out, description(publicKey, indices));
        if (publicKey) {
            Sections.write(out, KeyEncoding.encodePublicKey(keys, layout));
        }
        if (relinearization) {
            Sections.write(out, KeyEncoding.encodeMultKey(keys, layout));
        }
        for (int index : indices) {
            // one key at a time: a bootstrapping key set does not fit in memory twice
            Sections.write(out, KeyEncoding.encodeAutomorphismKey(keys, index, layout));
        }
    }

    /** Exactly the length {@link #write} produces: the sections' payloads plus their length and checksum. */
    @Override
    public long byteSize() {
        long size = byteSize;
        if (size < 0) {
            int[] indices = keys.automorphismIndices();
            boolean publicKey = keys.hasPublicKey();
            int sections = 1 + (publicKey ? 1 : 0) + (relinearization ? 1 : 0) + indices.length;
            try {
                long switching = (relinearization ? 1L : 0L) + indices.length;
                size = description(publicKey, indices).length + (publicKey ? KeyEncoding.publicKeyLength(layout) : 0)
                        + switching * KeyEncoding.switchingKeyLength(layout) + (long) sections * SECTION_OVERHEAD;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            byteSize = size;
        }
        return size;
    }

    private byte[] description(boolean publicKey, int[] indices) throws IOException {
        ByteArrayOutputStream description = new ByteArrayOutputStream();
        try (DataOutputStream d = new DataOutputStream(description)) {
            d.writeInt(FORMAT);
            d.writeUTF(keyId);
            d.writeInt(keys.slots());
            d.writeBoolean(publicKey);
            d.writeBoolean(relinearization);
            d.writeBoolean(bootstrapping);
            d.writeInt(rotations.size());
            for (Map.Entry<Integer, Integer> rotation : rotations.entrySet()) {
                d.writeInt(rotation.getKey());
                d.writeInt(rotation.getValue());
            }
            d.writeInt(indices.length);
            for (int index : indices) {
                d.writeInt(index);
            }
        }
        return description.toByteArray();
    }

    @Override
    public void close() {
        keys.close();
    }

    /**
     * Reads a body written by {@link #write}: every key is validated against {@code context} in Java
     * ({@link KeyEncoding}) and rebuilt over its moduli, under a fresh tag.
     *
     * @throws WireFormatException for anything that is not such a key set (never a native error)
     */
    static OpenFheEvalKeys read(NativeContext context, DataInputStream in) throws IOException {
        ContextSpec spec = context.spec();
        RingLayout layout = context.layout();
        Description description = Description.parse(BoundedSections.read(in, 0, MAX_DESCRIPTION, "evaluation key description"), spec);
        NativeEvalKeys keys = NativeEvalKeys.create(context, freshTag());
        try {
            if (description.publicKey) {
                int length = KeyEncoding.publicKeyLength(layout);
                KeyEncoding.addPublicKey(keys, layout, BoundedSections.read(in, KeyEncoding.HEADER, length, "public key"));
            }
            int length = KeyEncoding.switchingKeyLength(layout);
            if (description.relinearization) {
                KeyEncoding.addMultKey(keys, layout, BoundedSections.read(in, KeyEncoding.HEADER, length, "relinearisation key"));
            }
            for (int index : description.indices) {
                byte[] key = BoundedSections.read(in, KeyEncoding.HEADER, length, "key of automorphism " + index);
                KeyEncoding.addAutomorphismKey(keys, layout, index, key);
            }
            Set<Integer> present = new TreeSet<>();
            for (int index : description.indices) {
                present.add(index);
            }
            for (Map.Entry<Integer, Integer> rotation : description.rotations.entrySet()) {
                if (!present.contains(context.automorphismIndex(rotation.getValue()))) {
                    throw new WireFormatException(Reason.CORRUPT, "evaluation keys lack the key for rotation " + rotation.getKey());
                }
            }
            keys.seal();
            int[] keyed = RotationKeyChoice.keyedRotations(spec.ringDimension() / 2, context::automorphismIndex, present);
            return new OpenFheEvalKeys(keys, description.keyTag, layout, description.rotations, keyed, description.bootstrapping);
        } catch (OpenFheNativeException e) {
            keys.close();
            throw new WireFormatException(Reason.CORRUPT, "evaluation keys rejected: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            keys.close();
            throw e;
        }
    }

    /** A tag no other key set in this process has had, and that no sender can predict or choose. */
    private static String freshTag() {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        return TAG_PREFIX + KEY_SETS.incrementAndGet() + "-" + HexFormat.of().formatHex(random);
    }

    /** The first section, checked against the parameters before any key is read. */
    private record Description(String keyTag, boolean publicKey, boolean relinearization, boolean bootstrapping,
                               Map<Integer, Integer> rotations, int[] indices) {
        static Description parse(byte[] bytes, ContextSpec spec) throws IOException {
            try (DataInputStream d = new DataInputStream(new ByteArrayInputStream(bytes))) {
                int format = d.readInt();
                if (format != FORMAT) {
                    throw new WireFormatException(Reason.UNSUPPORTED_VERSION, "evaluation key format " + format + ", this version reads "
                            + FORMAT + " only (keys in OpenFHE's own serialization, from earlier versions, are no longer accepted:"
                            + " generate them again)");
                }
                String keyTag = d.readUTF();
                if (keyTag.isEmpty() || keyTag.length() > 255 || !keyTag.chars().allMatch(c -> c > 32 && c < 127)) {
                    throw corrupt("invalid key tag in evaluation keys");
                }
                int slots = d.readInt();
                if (slots != spec.slots()) {
                    throw corrupt("evaluation keys are for " + slots + " slots, the parameters have " + spec.slots());
                }
                boolean publicKey = d.readBoolean();
                boolean relinearization = d.readBoolean();
                boolean bootstrapping = d.readBoolean();
                if (bootstrapping && (!spec.bootstrapping() || !relinearization)) {
                    throw corrupt("bootstrapping keys without bootstrapping parameters or relinearisation key");
                }
                int rotationCount = count(d.readInt(), spec.slots() - 1, "rotations");
                int ringSlots = spec.ringDimension() / 2;
                Map<Integer, Integer> rotations = new TreeMap<>();
                for (int i = 0; i < rotationCount; i++) {
                    int step = d.readInt();
                    int rotation = d.readInt();
                    if (step < 1 || step >= spec.slots() || rotations.containsKey(step)) {
                        throw corrupt("invalid rotation step " + step);
                    }
                    if (rotation < 1 || rotation >= ringSlots || rotation % spec.slots() != step) {
                        throw corrupt("ring rotation " + rotation + " does not serve rotation step " + step);
                    }
                    rotations.put(step, rotation);
                }
                int indexCount = count(d.readInt(), spec.ringDimension(), "automorphism keys");
                int[] indices = new int[indexCount];
                for (int i = 0; i < indexCount; i++) {
                    indices[i] = d.readInt();
                    boolean valid = indices[i] > 0 && indices[i] < 2 * spec.ringDimension() && (indices[i] & 1) == 1;
                    if (!valid || i > 0 && indices[i] <= indices[i - 1]) {
                        throw corrupt("invalid automorphism index " + indices[i]);
                    }
                }
                if (d.available() != 0) {
                    throw corrupt("trailing bytes in the evaluation key description");
                }
                return new Description(keyTag, publicKey, relinearization, bootstrapping, rotations, indices);
            } catch (EOFException e) {
                throw new WireFormatException(Reason.CORRUPT, "truncated evaluation key description", e);
            } catch (UTFDataFormatException e) {
                throw new WireFormatException(Reason.CORRUPT, "the key set id in the evaluation key description is not valid UTF-8", e);
            }
        }

        private static int count(int value, int max, String what) {
            if (value < 0 || value > max) {
                throw corrupt("implausible number of " + what + ": " + value);
            }
            return value;
        }

        private static WireFormatException corrupt(String message) {
            return new WireFormatException(Reason.CORRUPT, message);
        }
    }
}

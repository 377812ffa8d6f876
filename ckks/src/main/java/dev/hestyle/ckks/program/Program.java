package dev.hestyle.ckks.program;

import dev.hestyle.ckks.layout.SlotLayout;
import dev.hestyle.ckks.linear.Digest;
import dev.hestyle.ckks.graph.CtGraph;
import dev.hestyle.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A lowered network at the level of tensors: the steps in order, the input layout with the factor the client
 * divides inputs by, and the output layout with the factor the client multiplies outputs by. A tensor may
 * span several ciphertexts; {@link #graph} lowers the program to the ciphertext-level graph that is
 * evaluated and counted. Immutable.
 */
public final class Program {
    private final List<Step> steps;
    private final SlotLayout inputLayout;
    private final double inputDivisor;
    private final SlotLayout outputLayout;
    private final double outputMultiplier;
    private final List<ClientActivation> clientSteps;
    private volatile String hash;

    /**
     * @param steps the steps in order
     * @param inputLayout layout of the encrypted input
     * @param inputDivisor the client stores {@code input / inputDivisor}
     * @param outputLayout layout of the encrypted result
     * @param outputMultiplier the true output is {@code stored * outputMultiplier}
     */
    public Program(List<Step> steps, SlotLayout inputLayout, double inputDivisor, SlotLayout outputLayout, double outputMultiplier) {
        this.steps = List.copyOf(steps);
        this.inputLayout = Objects.requireNonNull(inputLayout, "inputLayout");
        this.outputLayout = Objects.requireNonNull(outputLayout, "outputLayout");
        this.inputDivisor = inputDivisor;
        this.outputMultiplier = outputMultiplier;
        if (inputLayout.slots() != outputLayout.slots()) {
            throw new IllegalArgumentException("input and output layouts differ in slot count");
        }
        SlotLayout cur = inputLayout;
        Map<Integer, SlotLayout> saved = new HashMap<>();
        List<ClientActivation> cs = new ArrayList<>();
        for (Step s : this.steps) {
            if (s instanceof ClientActivation c) {
                if (c.index() != cs.size()) {
                    throw new IllegalArgumentException("client activations must be numbered 0, 1, ... in order; got " + c.index() + " at " + c.label());
                }
                cs.add(c);
            } else if (s instanceof LinearStep l) {
                if (!l.map().inputLayout().equals(cur)) {
                    throw new IllegalArgumentException("linear step " + l.label() + " reads " + l.map().inputLayout() + " but the value is " + cur);
                }
                cur = l.map().outputLayout();
            } else if (s instanceof SaveSkip k) {
                saved.put(k.id(), cur);
            } else if (s instanceof AddSkip k && !cur.equals(saved.get(k.id()))) {
                throw new IllegalArgumentException("skip " + k.id() + " at " + k.label() + " adds " + saved.get(k.id()) + " to " + cur);
            }
        }
        if (!cur.equals(outputLayout)) {
            throw new IllegalArgumentException("the steps end in " + cur + " but the output layout is " + outputLayout);
        }
        this.clientSteps = Collections.unmodifiableList(cs);
    }

    public List<Step> steps() {
        return steps;
    }

    public SlotLayout inputLayout() {
        return inputLayout;
    }

    public SlotLayout outputLayout() {
        return outputLayout;
    }

    public double inputDivisor() {
        return inputDivisor;
    }

    public double outputMultiplier() {
        return outputMultiplier;
    }

    /** Slots per ciphertext. */
    public int slots() {
        return inputLayout.slots();
    }

    /** The client activations, by index. */
    public List<ClientActivation> clientActivations() {
        return clientSteps;
    }

    /** The client activation with {@code index}, or {@code null}. */
    public ClientActivation clientActivation(int index) {
        return index >= 0 && index < clientSteps.size() ? clientSteps.get(index) : null;
    }

    /** The input as the client encrypts it: one slot vector per ciphertext. */
    public double[][] packInput(Tensor input) {
        return inputLayout.packAll(input, inputDivisor);
    }

    /** The decrypted output slots (one vector per ciphertext) as a tensor. */
    public Tensor unpackOutput(double[][] slots) {
        return outputLayout.unpackAll(slots, outputMultiplier);
    }

    /** Whether any step multiplies ciphertexts (needs a relinearisation key). */
    public boolean needsRelinearization() {
        return steps.stream().anyMatch(s -> s instanceof PolyActivation p && p.evaluated().degree() > 1);
    }

    /**
     * The ciphertext-level graph of one evaluation, for inputs at {@code freshLevels}.
     *
     * @param levelsAfterBootstrap levels a bootstrap leaves
     * @param clientLevels levels of the fresh ciphertexts a client activation returns
     */
    public CtGraph graph(int freshLevels, int levelsAfterBootstrap, int clientLevels) {
        return ProgramLowering.lower(this, freshLevels, levelsAfterBootstrap, clientLevels);
    }

    /** Whether the program bootstraps. */
    public boolean needsBootstrapping() {
        return steps.stream().anyMatch(s -> s instanceof Bootstrap);
    }

    /** A digest of everything that determines the computation (structure, layouts, weights, polynomials). */
    public String hash() {
        String h = hash;
        if (h == null) {
            Digest d = new Digest().add(inputLayout.describe()).add(inputDivisor).add(outputLayout.describe()).add(outputMultiplier);
            for (Step s : steps) {
                d.add(s.kind()).add(s.label());
                if (s instanceof LinearStep l) {
                    l.map().digest(d);
                } else if (s instanceof PolyActivation p) {
                    d.add(p.fit().coefficients()).add(p.interval().bound()).add(p.outputFactor());
                } else if (s instanceof ClientActivation c) {
                    d.add(c.index()).add(c.layout().describe()).add(c.inputMultiplier()).add(c.outputDivisor());
                } else if (s instanceof SaveSkip k) {
                    d.add(k.id());
                } else if (s instanceof AddSkip k) {
                    d.add(k.id());
                }
            }
            h = d.hex();
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        return "Program[" + steps.size() + " steps, " + inputLayout.shape() + " -> " + outputLayout.shape() + "]";
    }
}

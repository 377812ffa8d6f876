package dev.hestyle.ckks.program;

/** One step of a {@link Program}. Every step reads the current value and replaces it. */
public sealed interface Step permits LinearStep, PolyActivation, ClientActivation, Bootstrap, SaveSkip, AddSkip {

    /** Where in the network this step comes from, e.g. {@code "model.3.block.0"}. */
    String label();

    /** Short kind name for reports. */
    String kind();
}

package dev.hestyle.ckks.program;

import java.util.Objects;

/** Adds the value saved by the matching {@link SaveSkip} to the current value (the lower level wins). */
public record AddSkip(String label, int id) implements Step {
    public AddSkip {
        Objects.requireNonNull(label, "label");
    }

    @Override
    public String kind() {
        return "add-skip";
    }
}

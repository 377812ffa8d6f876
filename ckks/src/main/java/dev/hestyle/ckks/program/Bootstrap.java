package dev.hestyle.ckks.program;

import java.util.Objects;

/** Refreshes the current value to the levels a bootstrap leaves; placed where stored values lie in [-1, 1]. */
public record Bootstrap(String label) implements Step {
    public Bootstrap {
        Objects.requireNonNull(label, "label");
    }

    @Override
    public String kind() {
        return "bootstrap";
    }
}

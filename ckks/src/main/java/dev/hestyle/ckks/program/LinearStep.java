package dev.hestyle.ckks.program;

import dev.hestyle.ckks.linear.SlotMap;
import java.util.Objects;

/** A fused linear segment: one level. */
public record LinearStep(String label, SlotMap map) implements Step {
    public LinearStep {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(map, "map");
    }

    @Override
    public String kind() {
        return "linear";
    }
}

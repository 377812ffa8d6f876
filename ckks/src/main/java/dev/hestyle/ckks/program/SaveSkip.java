package dev.hestyle.ckks.program;

import java.util.Objects;

/** Keeps the current value as the skip input of residual {@code id}; the value also flows on unchanged. */
public record SaveSkip(String label, int id) implements Step {
    public SaveSkip {
        Objects.requireNonNull(label, "label");
    }

    @Override
    public String kind() {
        return "save-skip";
    }
}

package dev.hestyle.backend.simulated;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAdder;

/** Accumulates the modelled single-thread seconds of each kind of operation; thread-safe. */
final class CostMeter {
    /** What the time was spent on. */
    enum Kind { ADD, PLAIN_MULT, CIPHER_MULT, ROTATION, HOISTED_ROTATION, BOOTSTRAP, ENCRYPT, DECRYPT }

    private final Map<Kind, DoubleAdder> seconds = new EnumMap<>(Kind.class);

    CostMeter() {
        for (Kind k : Kind.values()) {
            seconds.put(k, new DoubleAdder());
        }
    }

    void addMillis(Kind kind, double ms) {
        seconds.get(kind).add(ms / 1000);
    }

    void addSeconds(Kind kind, double s) {
        seconds.get(kind).add(s);
    }

    double total() {
        return seconds.values().stream().mapToDouble(DoubleAdder::sum).sum();
    }

    /** {@code modelled_seconds} then {@code modelled_<kind>_seconds} for every kind with time spent. */
    Map<String, Object> report() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("modelled_seconds", total());
        seconds.forEach((k, v) -> {
            if (v.sum() > 0) {
                m.put("modelled_" + k.name().toLowerCase(Locale.ROOT) + "_seconds", v.sum());
            }
        });
        return m;
    }
}

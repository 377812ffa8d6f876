package dev.hestyle.cli;

import dev.hestyle.api.PhaseTimes;
import dev.hestyle.api.StyleResult;
import dev.hestyle.spi.OpCounts;
import dev.hestyle.spi.PlanReport;
import dev.hestyle.spi.Security;
import java.io.PrintWriter;
import java.util.Map;
import java.util.StringJoiner;

/** The human-readable account of one run: what protected the image, where the time went, what it cost. */
final class RunSummary {
    private RunSummary() {
    }

    /** How the data was protected, stated plainly: bits and secret distribution, or that nothing was encrypted. */
    static String security(boolean encrypts, Security requested, PlanReport plan) {
        if (!encrypts) {
            return "NOT ENCRYPTED (backend '" + plan.backend() + "' computes on plain values)";
        }
        String secret = plan.secretDistribution() == null ? "unreported" : plan.secretDistribution();
        if (requested == Security.INSECURE_TEST_ONLY) {
            return "INSECURE TEST PARAMETERS - no security; secret " + secret;
        }
        String bits = plan.securityBits() == null ? "unreported" : plan.securityBits() + "-bit";
        return bits + ", secret " + secret
                + (plan.ringDimension() > 0 ? ", ring dimension N=" + plan.ringDimension() : "");
    }

    static String phases(PhaseTimes t) {
        return "compile " + Units.seconds(t.compile()) + ", keygen " + Units.seconds(t.keygen()) + ", encrypt "
                + Units.seconds(t.encrypt()) + ", eval " + Units.seconds(t.eval()) + ", decrypt " + Units.seconds(t.decrypt());
    }

    static String ops(OpCounts o) {
        return o.rotations() + " rotations, " + o.ctMults() + " ct mults, " + o.ptMults() + " pt mults, "
                + o.bootstraps() + " bootstraps";
    }

    static String plan(PlanReport p) {
        return "levels " + p.levelsUsed() + ", rotation keys " + p.rotationKeys() + ", client round trips " + p.clientRoundTrips();
    }

    static String details(Map<String, Object> details) {
        StringJoiner j = new StringJoiner(", ");
        details.forEach((k, v) -> j.add(k + "=" + v));
        return j.toString();
    }

    /** Prints the summary of {@code r}, one labelled line per aspect. */
    static void print(PrintWriter out, boolean encrypts, Security requested, StyleResult r) {
        PlanReport plan = r.plan();
        line(out, "backend", plan.backend());
        line(out, "mode", plan.mode().label());
        line(out, "security", security(encrypts, requested, plan));
        line(out, "phases", phases(r.times()));
        line(out, "ops", ops(r.ops()));
        line(out, "plan", plan(plan));
        line(out, "sizes", "evaluation keys " + Units.bytes(r.evalKeyBytes()) + ", ciphertext " + Units.bytes(r.ciphertextBytes()));
        if (!r.details().isEmpty()) {
            line(out, "details", details(r.details()));
        }
        out.flush();
    }

    static void line(PrintWriter out, String label, String text) {
        out.printf("%-10s %s%n", label, text);
    }
}

package dev.hestyle.ckks.plan;

import dev.hestyle.ckks.program.ClientActivation;
import dev.hestyle.ckks.program.LevelTrace;
import dev.hestyle.ckks.program.LinearStep;
import dev.hestyle.ckks.program.PolyActivation;
import dev.hestyle.ckks.program.Program;
import dev.hestyle.ckks.program.Step;
import dev.hestyle.spi.OpCounts;
import java.util.List;
import java.util.Locale;

/** A fixed-width table of a program's steps with levels and operation counts, for plan reports. */
final class StepTable {
    private StepTable() {
    }

    static String render(Program program, LevelTrace trace, List<OpCounts> costs) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-3s %-11s %-22s %-9s %5s %5s %4s  %s%n", "#", "step", "layer", "levels", "rot", "pt", "ct", "detail"));
        for (int i = 0; i < program.steps().size(); i++) {
            Step s = program.steps().get(i);
            OpCounts c = costs.get(i);
            sb.append(String.format(Locale.ROOT, "%-3d %-11s %-22s %-9s %5d %5d %4d  %s%n", i, s.kind(), s.label(),
                    trace.before()[i] + "->" + trace.after()[i], c.rotations(), c.ptMults(), c.ctMults(), detail(s)));
        }
        return sb.toString();
    }

    private static String detail(Step s) {
        if (s instanceof LinearStep l) {
            return l.map().toString() + " into " + l.map().outputLayout().describe();
        }
        if (s instanceof PolyActivation p) {
            return String.format(Locale.ROOT, "degree %d on [-%.3f, %.3f]", p.fit().degree(), p.interval().bound(), p.interval().bound());
        }
        if (s instanceof ClientActivation c) {
            return "client ReLU #" + c.index() + " on " + c.layout().describe();
        }
        return "";
    }
}

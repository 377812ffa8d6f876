package dev.hestyle.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * Entry point of the {@code hestyle} tool. Exit codes: {@value #EXIT_OK} success, {@value #EXIT_ERROR}
 * runtime error (message only, stack trace with {@code --verbose}), {@value #EXIT_USAGE} usage error.
 */
@Command(name = "hestyle", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Encrypted neural style transfer: the image is encrypted, stylised under homomorphic encryption, and decrypted.",
        subcommands = {StylizeCommand.class, BenchCommand.class, KeygenCommand.class, EncryptCommand.class, ServeCommand.class,
                RunCommand.class, DecryptCommand.class},
        exitCodeOnInvalidInput = Main.EXIT_USAGE, exitCodeOnExecutionException = Main.EXIT_ERROR)
public final class Main implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_ERROR = 1;
    public static final int EXIT_USAGE = 2;

    private static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

    @Spec
    private CommandSpec spec;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Debug logging, and stack traces on errors.")
    private boolean verbose;

    /** Runs the tool and exits the JVM with its exit code. */
    public static void main(String[] args) {
        int code = execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        System.exit(code);
    }

    /** Runs the tool with the given streams and returns the exit code instead of exiting. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        if (List.of(args).contains("-v") || List.of(args).contains("--verbose")) {
            // slf4j-simple fixes its level when the first logger is made, which building the command
            // line already does (commands hold loggers): so look at the raw arguments, before parsing.
            System.setProperty(LOG_LEVEL_PROPERTY, "debug");
        }
        Main main = new Main();
        CommandLine cmd = new CommandLine(main);
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExecutionExceptionHandler(new ErrorReporter(() -> main.verbose));
        int code = cmd.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand: one of " + spec.subcommands().keySet());
    }
}

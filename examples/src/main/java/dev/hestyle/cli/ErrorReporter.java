package dev.hestyle.cli;

import dev.hestyle.api.HestyleException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception from a command into a one-message report and exit code {@link Main#EXIT_ERROR}.
 * Users get the message; the stack trace only with {@code --verbose}, since it helps developers only.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
    private final BooleanSupplier verbose;

    ErrorReporter(BooleanSupplier verbose) {
        this.verbose = verbose;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        err.println("error: " + describe(ex));
        if (verbose.getAsBoolean()) {
            ex.printStackTrace(err);
        } else if (!expected(ex)) {
            err.println("(run with --verbose for the stack trace)");
        }
        err.flush();
        return Main.EXIT_ERROR;
    }

    /** A message for people; for I/O errors the JDK's bare path is not enough. */
    static String describe(Throwable ex) {
        Throwable t = ex instanceof UncheckedIOException && ex.getCause() != null ? ex.getCause() : ex;
        String msg = t.getMessage();
        if (t instanceof NoSuchFileException) {
            return "no such file: " + msg;
        }
        if (t instanceof AccessDeniedException) {
            return "permission denied: " + msg;
        }
        if (t instanceof HestyleException || t instanceof IllegalArgumentException || t instanceof IllegalStateException) {
            return msg == null ? t.getClass().getSimpleName() : msg;
        }
        return t.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    }

    /** Errors the library raises on purpose carry a complete message; anything else may be a bug. */
    private static boolean expected(Throwable ex) {
        return ex instanceof HestyleException || ex instanceof IOException || ex instanceof UncheckedIOException
                || ex instanceof IllegalArgumentException || ex instanceof IllegalStateException;
    }
}

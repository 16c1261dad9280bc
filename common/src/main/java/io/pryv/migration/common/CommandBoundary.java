package io.pryv.migration.common;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;

/**
 * Where a tool's errors are caught, once: a {@link ToolException} becomes {@code TOOL: error: MESSAGE} on stderr
 * and its exit code; anything else is an internal error (exit 5). The stack trace is printed only when the
 * arguments contain {@code --verbose}.
 */
public final class CommandBoundary {

  /** The body of a command: returns an exit code, or throws. */
  @FunctionalInterface
  public interface Body {
    int run() throws Exception;
  }

  private CommandBoundary() {}

  public static int run(String toolName, String[] args, PrintStream err, Body body) {
    boolean verbose = Arrays.asList(args).contains("--verbose");
    try {
      return body.run();
    } catch (ToolException e) {
      return report(toolName, err, verbose, e, e.getMessage(), e.exitCode());
    } catch (NoSuchFileException e) {
      return report(toolName, err, verbose, e, "no such file: " + e.getFile(), ExitCode.BAD_INPUT);
    } catch (AccessDeniedException e) {
      return report(toolName, err, verbose, e, "permission denied: " + e.getFile(), ExitCode.ENVIRONMENT);
    } catch (UncheckedIOException e) {
      return report(toolName, err, verbose, e, describe(e.getCause()), ExitCode.ENVIRONMENT);
    } catch (IOException e) {
      return report(toolName, err, verbose, e, describe(e), ExitCode.ENVIRONMENT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return report(toolName, err, verbose, e, "interrupted", ExitCode.ENVIRONMENT);
    } catch (OutOfMemoryError e) {
      return outOfMemory(toolName, err, verbose, e);
    } catch (Exception | StackOverflowError e) {
      if (causedByOutOfMemory(e)) {
        return outOfMemory(toolName, err, verbose, e);
      }
      String message = "internal error (" + e.getClass().getSimpleName() + ": " + e.getMessage()
          + "); please report it" + (verbose ? "" : ", with the output of --verbose");
      return report(toolName, err, verbose, e, message, ExitCode.INTERNAL);
    }
  }

  /**
   * Out of memory: in a bounded child that its parent starts again with a larger heap, quietly {@link
   * HeapCap#OUT_OF_BOUNDED_HEAP}; else one line with the limit and how to raise it, exit 4.
   */
  private static int outOfMemory(String toolName, PrintStream err, boolean verbose, Throwable e) {
    if (HeapCap.retriesOutOfMemory()) {
      return HeapCap.OUT_OF_BOUNDED_HEAP;
    }
    return report(toolName, err, verbose, e, outOfMemoryMessage(toolName), ExitCode.ENVIRONMENT);
  }

  /** What to do when the heap ran out: the limit it had, and how to give it more. */
  static String outOfMemoryMessage(String toolName) {
    long megabytes = Runtime.getRuntime().maxMemory() / (1024 * 1024);
    return "out of memory: the Java heap is limited to " + megabytes + " MB; run again with a larger limit, e.g. java"
        + " -Xmx2g -jar " + toolName + ".jar ...";
  }

  private static boolean causedByOutOfMemory(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof OutOfMemoryError) {
        return true;
      }
    }
    return false;
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return "I/O error: " + (message == null ? e.getClass().getSimpleName() : message);
  }

  private static int report(
      String toolName, PrintStream err, boolean verbose, Throwable e, String message, ExitCode code) {
    err.println(toolName + ": error: " + oneLine(message));
    if (verbose) {
      e.printStackTrace(err);
    }
    err.flush();
    return code.code();
  }

  private static String oneLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    return message.strip().replace("\r", "").replace("\n", "; ");
  }
}

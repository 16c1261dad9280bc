package io.pryv.migration.common;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Where a tool's errors are caught, once: a {@link ToolException} becomes {@code TOOL: error:
 * MESSAGE} on stderr and its exit code; anything else is an internal error (exit 5). The stack
 * trace is printed only when the arguments contain {@code --verbose} (before any {@code --}), and
 * never for a usage error.
 */
public final class CommandBoundary {

  /** The body of a command: returns an exit code, or throws. */
  @FunctionalInterface
  public interface Body {
    int run() throws Exception;
  }

  private CommandBoundary() {}

  public static int run(String toolName, String[] args, PrintStream err, Body body) {
    List<String> arguments = Arrays.asList(args);
    int end = arguments.indexOf("--");
    boolean verbose = (end < 0 ? arguments : arguments.subList(0, end)).contains("--verbose");
    try {
      return body.run();
    } catch (ToolException e) {
      // a usage error quotes the user's words: a pasted 5,000-character argument is cut to one
      // readable line
      String message =
          e.exitCode() == ExitCode.USAGE ? ArgumentText.cutWithin(e.getMessage()) : e.getMessage();
      return report(toolName, err, verbose, e, message, e.exitCode());
    } catch (UncheckedIOException e) {
      return ioError(toolName, err, verbose, e, e.getCause());
    } catch (IOException e) {
      return ioError(toolName, err, verbose, e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return report(toolName, err, verbose, e, "interrupted", ExitCode.ENVIRONMENT);
    } catch (OutOfMemoryError e) {
      return outOfMemory(toolName, err, verbose, e);
    } catch (Exception | StackOverflowError e) {
      if (causedByOutOfMemory(e)) {
        return outOfMemory(toolName, err, verbose, e);
      }
      String message =
          "internal error ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + "); please report it"
              + (verbose ? "" : ", with the output of --verbose");
      return report(toolName, err, verbose, e, message, ExitCode.INTERNAL);
    }
  }

  /**
   * Out of memory: in a bounded tool that its launcher starts again with a larger heap, quietly
   * {@link HeapCap#OUT_OF_BOUNDED_HEAP}; else one line with the limit and how to raise it, exit 4.
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
    return "out of memory: the Java heap is limited to "
        + megabytes
        + " MB; run again with a larger limit, e.g. java"
        + " -Xmx2g -jar "
        + toolName
        + ".jar ...";
  }

  private static boolean causedByOutOfMemory(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof OutOfMemoryError) {
        return true;
      }
    }
    return false;
  }

  /**
   * A file system error names its file in {@link FileErrors}' words; any other I/O error is
   * described as is.
   */
  private static int ioError(
      String toolName, PrintStream err, boolean verbose, Exception e, IOException cause) {
    if (cause instanceof FileSystemException f && f.getFile() != null) {
      ToolException described = FileErrors.describe(Path.of(f.getFile()), f);
      return report(toolName, err, verbose, e, described.getMessage(), described.exitCode());
    }
    return report(toolName, err, verbose, e, describe(cause), ExitCode.ENVIRONMENT);
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return "I/O error: " + (message == null ? e.getClass().getSimpleName() : message);
  }

  private static int report(
      String toolName,
      PrintStream err,
      boolean verbose,
      Throwable e,
      String message,
      ExitCode code) {
    err.println(toolName + ": error: " + oneLine(message));
    // A usage error is about the command line, not the code: its stack trace would only hide the
    // message.
    if (verbose && code != ExitCode.USAGE) {
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

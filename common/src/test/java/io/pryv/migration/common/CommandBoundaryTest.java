package io.pryv.migration.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class CommandBoundaryTest {
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  @Test
  void toolErrorIsOneLineWithItsCode() {
    int code =
        CommandBoundary.run(
            "tool",
            new String[0],
            err,
            () -> {
              throw ToolException.badInput("site.conf:12: unexpected \"}\"\nsecond line");
            });
    assertEquals(3, code);
    assertEquals("tool: error: site.conf:12: unexpected \"}\"; second line\n", text());
  }

  @Test
  void missingFileIsBadInput() {
    int code =
        CommandBoundary.run(
            "tool",
            new String[0],
            err,
            () -> {
              throw new NoSuchFileException("/nope");
            });
    assertEquals(3, code);
    assertEquals("tool: error: no such file: /nope\n", text());
  }

  @Test
  void aUsageErrorHasNoStackTraceEvenWithVerbose() {
    int code =
        CommandBoundary.run(
            "tool",
            new String[] {"--verbose", "--bogus"},
            err,
            () -> {
              throw ToolException.usage("Unrecognized option: --bogus (see --help)");
            });
    assertEquals(2, code);
    assertEquals("tool: error: Unrecognized option: --bogus (see --help)\n", text());
  }

  @Test
  void verboseAfterDoubleDashIsAnArgumentNotTheOption() {
    CommandBoundary.run(
        "tool",
        new String[] {"get", "--", "--verbose"},
        err,
        () -> {
          throw new IllegalStateException("boom");
        });
    assertFalse(text().contains("\tat "), text());
  }

  @Test
  void aFileSystemErrorUsesTheCommonWords() {
    int code =
        CommandBoundary.run(
            "tool",
            new String[0],
            err,
            () -> {
              throw new java.nio.file.FileSystemException("/etc/x.conf", null, "Is a directory");
            });
    assertEquals(3, code);
    assertEquals("tool: error: /etc/x.conf is a folder, not a file\n", text());
  }

  @Test
  void bugIsInternalErrorWithoutStackTraceUnlessVerbose() {
    int code =
        CommandBoundary.run(
            "tool",
            new String[0],
            err,
            () -> {
              throw new IllegalStateException("boom");
            });
    assertEquals(5, code);
    assertTrue(text().startsWith("tool: error: internal error (IllegalStateException: boom)"));
    assertFalse(text().contains("\tat "));

    errBytes.reset();
    CommandBoundary.run(
        "tool",
        new String[] {"--verbose"},
        err,
        () -> {
          throw new IllegalStateException("boom");
        });
    assertTrue(text().contains("\tat "), "stack trace with --verbose");
  }

  @Test
  void runningOutOfMemoryNamesTheHeapLimitAndHowToRaiseIt() {
    long megabytes = Runtime.getRuntime().maxMemory() / (1024 * 1024);
    String expected =
        "tool: error: out of memory: the Java heap is limited to "
            + megabytes
            + " MB; run again with a larger limit, e.g. java -Xmx2g -jar tool.jar ...\n";
    int code =
        CommandBoundary.run(
            "tool",
            new String[0],
            err,
            () -> {
              throw new OutOfMemoryError("Java heap space");
            });
    assertEquals(4, code);
    assertEquals(expected, text());

    errBytes.reset(); // raised on another thread, and handed over wrapped
    code =
        CommandBoundary.run(
            "tool",
            new String[0],
            err,
            () -> {
              throw new java.util.concurrent.CompletionException(
                  new OutOfMemoryError("Java heap space"));
            });
    assertEquals(4, code);
    assertEquals(expected, text());
  }

  @Test
  void returnsTheBodysCode() {
    assertEquals(1, CommandBoundary.run("tool", new String[0], err, () -> 1));
    assertEquals("", text());
  }

  private String text() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }
}

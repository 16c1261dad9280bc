package io.pryv.migration.common;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a tool that its launcher may run again ({@link HeapCap}) needs to know and do: whether it
 * has written to stdout yet (a second run would write it again, so it may be retried only before),
 * and, when it runs out of memory in a thread whose failure nobody waits for (the SSH library's
 * own), to end at once with {@link HeapCap#OUT_OF_BOUNDED_HEAP} rather than go on without that
 * thread.
 */
final class BoundedChild {
  private static final AtomicBoolean WROTE = new AtomicBoolean();

  private BoundedChild() {}

  static void prepare() {
    // As the JVM makes System.out: autoflush, and the terminal's encoding when it set one.
    String encoding = System.getProperty("sun.stdout.encoding");
    Charset charset = encoding == null ? Charset.defaultCharset() : Charset.forName(encoding);
    System.setOut(
        new PrintStream(
            new Watched(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 8192)),
            true,
            charset));
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, failure) -> {
          if (failure instanceof OutOfMemoryError && HeapCap.retriesOutOfMemory()) {
            ExitCleanup.halt(HeapCap.OUT_OF_BOUNDED_HEAP);
          }
          System.err.print(
              "Exception in thread \"" + thread.getName() + "\" "); // the JVM's own wording
          failure.printStackTrace(System.err);
        });
  }

  static boolean wroteOutput() {
    return WROTE.get();
  }

  /** Notes the first byte written through it. */
  private static final class Watched extends FilterOutputStream {
    Watched(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      WROTE.set(true);
      out.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      if (length > 0) {
        WROTE.set(true);
      }
      out.write(bytes, offset, length);
    }
  }
}

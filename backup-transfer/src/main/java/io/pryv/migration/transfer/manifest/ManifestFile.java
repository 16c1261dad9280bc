package io.pryv.migration.transfer.manifest;

import io.pryv.migration.common.ArgumentText;
import io.pryv.migration.common.FileErrors;
import io.pryv.migration.common.SafeFileWriter;
import io.pryv.migration.common.ToolException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The file {@code manifest -o FILE} writes: checked before the folder is read, then written
 * atomically; a failure leaves neither the temp file nor a half-written manifest, and its one line
 * names the file the user gave.
 */
public final class ManifestFile {
  private static final int MAX_NAME_BYTES = 255;

  private ManifestFile() {}

  /**
   * Refuses, before any work, a name that cannot be written: a folder, a missing folder, a name too
   * long.
   */
  public static void check(Path file) {
    String shown = ArgumentText.cut(file.toString());
    if (file.getFileName() == null || Files.isDirectory(file)) {
      throw FileErrors.folderGivenAsFile(file);
    }
    if (file.getFileName().toString().getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
      throw FileErrors.nameTooLong(file);
    }
    Path parent = file.toAbsolutePath().getParent();
    if (!Files.isDirectory(parent)) {
      throw ToolException.badInput(
          shown + ": no such folder " + ArgumentText.cut(parent.toString()));
    }
  }

  /**
   * Writes what {@code content} prints under the name {@code file}, atomically ({@link
   * SafeFileWriter}: a temp file beside it, fsync'ed, renamed over it; an existing file keeps its
   * mode and owner; a link stays a link and its target is written).
   */
  public static void write(Path file, Consumer<PrintStream> content) {
    check(file);
    SafeFileWriter.writeAtomically(
        file,
        out -> {
          PrintStream print = new PrintStream(out, false, StandardCharsets.UTF_8);
          content.accept(print);
          print.flush();
          if (print.checkError()) {
            throw new IOException("write error");
          }
        });
  }
}

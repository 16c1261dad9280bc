package io.pryv.migration.transfer.manifest;

import io.pryv.migration.common.ArgumentText;
import io.pryv.migration.common.FileErrors;
import io.pryv.migration.common.ToolException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * The file {@code manifest -o FILE} writes: checked before the folder is read, written under a temp name beside
 * it and renamed over it; a failure leaves neither the temp file nor a half-written manifest, and its one line
 * names the file the user gave.
 */
public final class ManifestFile {
  private static final int MAX_NAME_BYTES = 255;

  private ManifestFile() {}

  /** Refuses, before any work, a name that cannot be written: a folder, a missing folder, a name too long. */
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
      throw ToolException.badInput(shown + ": no such folder " + ArgumentText.cut(parent.toString()));
    }
  }

  /** Writes what {@code content} prints, then gives it the name {@code file}. */
  public static void write(Path file, Consumer<PrintStream> content) throws IOException {
    check(file);
    byte[] random = new byte[6];
    new SecureRandom().nextBytes(random);
    Path temp = file.toAbsolutePath().resolveSibling(".bt-manifest-" + HexFormat.of().formatHex(random) + ".tmp");
    try {
      try (OutputStream stream = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
          PrintStream print = new PrintStream(stream, false, StandardCharsets.UTF_8)) {
        content.accept(print);
        print.flush();
        if (print.checkError()) {
          throw new IOException("write error");
        }
      }
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Files.deleteIfExists(temp);
      throw failure(file, e);
    } catch (RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
  }

  private static ToolException failure(Path file, IOException e) {
    return FileErrors.describe(file, e);
  }
}

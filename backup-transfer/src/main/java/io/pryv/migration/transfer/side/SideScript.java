package io.pryv.migration.transfer.side;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The POSIX sh scripts that list, hash, delete, send and receive, on the far side (which needs only
 * a stock GNU userland: sh, find, tar, sha256sum, cksum, xargs, cp, rm) and on this machine alike:
 * one implementation for both sides. Each is a resource file of this package, run as {@code sh -c
 * "LIB SCRIPT" sh ARG...} with {@code lib.sh}'s shared functions first; user-supplied paths only
 * ever arrive as positional arguments, never inside the script text (the build runs shellcheck on
 * each one as it runs). Each file's header says what its arguments, input and output are.
 */
public enum SideScript {
  /** FOLDER ZIP(gzip|plain) FOLLOW(-L|-P): the sorted listing of a folder that must exist. */
  LIST_SOURCE("list-source.sh"),
  /**
   * FOLDER DRY(yes|no) ZIP; stdin: a listing digest or nothing: prepares a destination and lists
   * it.
   */
  PREPARE_DESTINATION("prepare-destination.sh"),
  /** FOLDER; stdin: NUL-terminated paths: sha256sum's (escaped) line for each. */
  HASH_ESCAPED("hash-escaped.sh"),
  /** FOLDER FOLLOW CHECKSUM(crc32|sha256): the checksum of every file, in PathOrder. */
  HASH_EVERYTHING("hash-everything.sh"),
  /** FOLDER; stdin: NUL-terminated paths in PathOrder: the SHA-256 of each, in that order. */
  HASH_LISTED("hash-listed.sh"),
  /** FOLDER; stdin: NUL-terminated relative paths to remove. */
  DELETE("delete.sh"),
  /** FOLDER FOLLOW; stdin: NUL-terminated relative paths: a tar stream of exactly those. */
  SEND_TAR("send-tar.sh"),
  /** DEST STAGE ROOT_MTIME; stdin: a push batch's tar stream: checks it, then commits it. */
  RECEIVE_BATCH("receive-batch.sh");

  private final String fileName;
  private final String text;

  SideScript(String fileName) {
    this.fileName = fileName;
    this.text = resource("lib.sh") + resource(fileName);
  }

  /** The resource file's name (in this class's package). */
  public String fileName() {
    return fileName;
  }

  /** What {@code sh -c} runs: lib.sh's functions, then the script. */
  public String text() {
    return text;
  }

  /**
   * {@code sh -c TEXT sh ARG...}: the command that runs this script with these positional
   * arguments.
   */
  public List<String> command(String... args) {
    List<String> command = new ArrayList<>(List.of("sh", "-c", text, "sh"));
    command.addAll(List.of(args));
    return command;
  }

  /** find's option for links: {@code -L} follows them, {@code -P} lists them as links. */
  public static String follow(boolean followLinks) {
    return followLinks ? "-L" : "-P";
  }

  private static String resource(String name) {
    try (InputStream in = SideScript.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            "missing resource " + name + " next to " + SideScript.class.getName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

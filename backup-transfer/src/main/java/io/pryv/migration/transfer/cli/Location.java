package io.pryv.migration.transfer.cli;

import io.pryv.migration.common.ArgumentText;
import io.pryv.migration.common.ToolException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A folder argument: {@code /local/dir}, or {@code [user@]host:/dir} ({@code user@[v6]:/dir}) on an
 * SSH host.
 */
public record Location(Optional<String> userAtHost, String path) {
  private static final Pattern REMOTE =
      Pattern.compile(
          "^((?:[^/:@\\s]+@)?(?:\\[[0-9A-Fa-f:.]+\\]|[^/:@\\[\\]\\s]+)):(.*)$", Pattern.DOTALL);

  public static Location parse(String text) {
    if (text == null || text.isEmpty()) {
      throw ToolException.usage("an empty folder argument");
    }
    Matcher remote = REMOTE.matcher(text);
    if (remote.matches()) {
      String path = remote.group(2);
      if (path.isEmpty()) {
        throw ToolException.usage(
            ArgumentText.quoted(text) + ": the remote folder is missing after ':'");
      }
      return new Location(Optional.of(remote.group(1)), homeRelative(text, path));
    }
    return new Location(Optional.empty(), text);
  }

  /**
   * A remote folder as the far side's scripts take it: relative to the login's home (where sshd
   * starts them), like rsync's {@code host:dir}; {@code ~} and {@code ~/dir} say the same (the far
   * shell never sees them unquoted, so they are resolved here). {@code ~user} is refused rather
   * than taken as a folder named so.
   */
  private static String homeRelative(String text, String path) {
    if (path.equals("~") || path.equals("~/")) {
      return ".";
    }
    if (path.startsWith("~/")) {
      return path.substring(2);
    }
    if (path.startsWith("~")) {
      throw ToolException.usage(
          ArgumentText.quoted(text)
              + ": ~USER is not expanded; give the folder as an"
              + " absolute path, or relative to the login's home");
    }
    return path;
  }

  public boolean isRemote() {
    return userAtHost.isPresent();
  }
}

package io.pryv.migration.dockerops.layout;

import io.pryv.migration.common.ToolException;
import java.util.regex.Pattern;

/**
 * Validation of what users type: container names, database names and paths. Nothing reaches a shell
 * (commands are argument lists), but a value starting with '-' would become an option of docker or
 * of the tool it runs, and a path with '..' or a newline could point somewhere unexpected; both are
 * refused with a usage error.
 */
public final class Names {
  /** Docker's own rule for container names. */
  private static final Pattern CONTAINER = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}");

  /** MongoDB database names: no '/\. "$' and no NUL; we also refuse a leading '-'. */
  private static final Pattern MONGO_DB = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]{0,63}");

  private Names() {}

  public static String container(String name) {
    if (name == null || !CONTAINER.matcher(name).matches()) {
      throw ToolException.usage(
          "'"
              + printable(name)
              + "' is not a valid container name"
              + " (letters, digits, '_', '.', '-', starting with a letter or digit)");
    }
    return name;
  }

  public static String mongoDatabase(String name) {
    if (name == null || !MONGO_DB.matcher(name).matches()) {
      throw ToolException.usage(
          "'"
              + printable(name)
              + "' is not a valid MongoDB database name"
              + " (letters, digits, '_', '-', not starting with '-')");
    }
    return name;
  }

  /**
   * An absolute POSIX path without '..' segments, control characters or a trailing mess; returned
   * normalised.
   */
  public static String absolutePath(String what, String path) {
    if (path == null || path.isEmpty() || !path.startsWith("/")) {
      throw ToolException.usage(what + " must be an absolute path, not '" + printable(path) + "'");
    }
    for (int i = 0; i < path.length(); i++) {
      if (Character.isISOControl(path.charAt(i))) {
        throw ToolException.usage(
            what + " contains a control character: '" + printable(path) + "'");
      }
    }
    for (String segment : path.split("/")) {
      if (segment.equals("..")) {
        throw ToolException.usage(what + " must not contain '..': '" + path + "'");
      }
    }
    String normalised = path.replaceAll("/+", "/").replaceAll("(/\\.)+(/|$)", "/");
    if (normalised.length() > 1 && normalised.endsWith("/")) {
      normalised = normalised.substring(0, normalised.length() - 1);
    }
    return normalised;
  }

  /**
   * HOST:PORT for --host/--port style options of the database tools (IPv4, IPv6 in brackets, or a
   * host name).
   */
  public static String[] hostAndPort(String what, String value) {
    io.pryv.migration.common.HostAndPort parsed;
    try {
      parsed = io.pryv.migration.common.HostAndPort.parse(value, -1);
    } catch (ToolException e) {
      throw ToolException.usage(what + ": " + e.getMessage());
    }
    if (parsed.port() < 0) {
      throw ToolException.usage(what + " needs HOST:PORT, not '" + printable(value) + "'");
    }
    return new String[] {parsed.host(), Integer.toString(parsed.port())};
  }

  static String printable(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    value
        .codePoints()
        .forEach(c -> out.append(Character.isISOControl(c) ? "?" : Character.toString(c)));
    return out.toString();
  }
}

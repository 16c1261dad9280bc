package io.pryv.migration.common;

import java.util.regex.Pattern;

/**
 * A validated network target: an IPv4 address, a bracketed IPv6 address or a DNS host name, with an
 * optional port. Nothing else gets through, so a value like {@code 1.2.3.4; evil} can never reach a
 * config file.
 */
public record HostAndPort(String host, int port, Kind kind) {

  public enum Kind {
    IPV4,
    IPV6,
    HOSTNAME
  }

  private static final Pattern IPV4 =
      Pattern.compile(
          "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern HOST_LABEL =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

  /** Parses {@code HOST[:PORT]}; {@code [IPV6]:PORT} for IPv6; a bare IPv6 only without port. */
  public static HostAndPort parse(String text, int defaultPort) {
    if (text == null || text.isBlank()) {
      throw ToolException.usage("a host is required (IPv4, [IPv6] or host name)");
    }
    String value = text.strip();
    if (value.startsWith("[")) {
      int close = value.indexOf(']');
      if (close < 0) {
        throw invalid(text);
      }
      String address = value.substring(1, close);
      String rest = value.substring(close + 1);
      int port = defaultPort;
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw invalid(text);
        }
        port = parsePort(rest.substring(1), text);
      }
      if (!isIpv6(address)) {
        throw invalid(text);
      }
      return new HostAndPort(address, port, Kind.IPV6);
    }
    if (isIpv6(value)) {
      return new HostAndPort(value, defaultPort, Kind.IPV6);
    }
    int colon = value.lastIndexOf(':');
    String host = colon < 0 ? value : value.substring(0, colon);
    int port = colon < 0 ? defaultPort : parsePort(value.substring(colon + 1), text);
    if (isIpv4(host)) {
      return new HostAndPort(host, port, Kind.IPV4);
    }
    if (looksNumeric(host)) {
      throw invalid(text);
    }
    if (isHostName(host)) {
      return new HostAndPort(host, port, Kind.HOSTNAME);
    }
    throw invalid(text);
  }

  public static boolean isIpv4(String value) {
    return IPV4.matcher(value).matches();
  }

  /** A textual IPv6 address (full, compressed with {@code ::}, or with an embedded IPv4 tail). */
  public static boolean isIpv6(String value) {
    if (value.indexOf(':') < 0 || !IPV6_CHARS.matcher(value).matches()) {
      return false;
    }
    String body = value;
    int lastColon = value.lastIndexOf(':');
    String tail = value.substring(lastColon + 1);
    if (tail.contains(".")) {
      if (!isIpv4(tail)) {
        return false;
      }
      body = value.substring(0, lastColon + 1) + "0:0"; // an IPv4 tail stands for two groups
    }
    int doubleColon = body.indexOf("::");
    if (doubleColon < 0) {
      return groupCount(body) == 8;
    }
    if (body.indexOf("::", doubleColon + 1) >= 0) {
      return false;
    }
    String left = body.substring(0, doubleColon);
    String right = body.substring(doubleColon + 2);
    int leftGroups = left.isEmpty() ? 0 : groupCount(left);
    int rightGroups = right.isEmpty() ? 0 : groupCount(right);
    return leftGroups >= 0 && rightGroups >= 0 && leftGroups + rightGroups <= 7;
  }

  /** The number of 1-4 digit hex groups separated by single colons, or -1 when malformed. */
  private static int groupCount(String groups) {
    String[] parts = groups.split(":", -1);
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 4 || part.contains(".")) {
        return -1;
      }
    }
    return parts.length;
  }

  /**
   * A DNS name: dot-separated labels of letters, digits and inner hyphens, at most 253 characters.
   */
  public static boolean isHostName(String value) {
    if (value.isEmpty() || value.length() > 253) {
      return false;
    }
    String name = value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
    for (String label : name.split("\\.", -1)) {
      if (!HOST_LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  /** The host as it is written in an URL or an nginx {@code server} line: IPv6 in brackets. */
  public String hostForUrl() {
    return kind == Kind.IPV6 ? "[" + host + "]" : host;
  }

  /** {@code host:port}, with brackets around IPv6. */
  @Override
  public String toString() {
    return hostForUrl() + ":" + port;
  }

  private static boolean looksNumeric(String host) {
    return host.chars().allMatch(c -> Character.isDigit(c) || c == '.');
  }

  private static int parsePort(String text, String whole) {
    try {
      int port = Integer.parseInt(text);
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ToolException.usage("invalid port in '" + whole + "': expected 1-65535");
  }

  private static ToolException invalid(String text) {
    return ToolException.usage(
        "'"
            + text
            + "' is not an IPv4 address, a bracketed IPv6 address or a host name"
            + " (with an optional :PORT)");
  }
}

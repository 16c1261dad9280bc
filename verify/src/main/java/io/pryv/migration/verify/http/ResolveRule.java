package io.pryv.migration.verify.http;

import io.pryv.migration.common.HostAndPort;
import io.pryv.migration.common.ToolException;

/**
 * curl's {@code --resolve HOST:PORT:ADDRESS}: connections to HOST:PORT go to ADDRESS, while the
 * Host header, the TLS SNI and the certificate check still use HOST.
 */
public record ResolveRule(String host, int port, String address) {

  public static ResolveRule parse(String text) {
    int first = text.indexOf(':');
    int second = first < 0 ? -1 : text.indexOf(':', first + 1);
    if (first <= 0 || second < 0) {
      throw ToolException.usage("--resolve takes HOST:PORT:ADDRESS, not '" + text + "'");
    }
    String host = text.substring(0, first);
    String portText = text.substring(first + 1, second);
    String address = text.substring(second + 1);
    if (address.startsWith("[") && address.endsWith("]")) {
      address = address.substring(1, address.length() - 1);
    }
    if (!HostAndPort.isHostName(host) && !HostAndPort.isIpv4(host)) {
      throw ToolException.usage("--resolve: '" + host + "' is not a host name");
    }
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 1 || port > 65535) {
      throw ToolException.usage("--resolve: '" + portText + "' is not a port (1-65535)");
    }
    if (!HostAndPort.isIpv4(address) && !HostAndPort.isIpv6(address)) {
      throw ToolException.usage("--resolve: '" + address + "' is not an IPv4 or IPv6 address");
    }
    return new ResolveRule(host.toLowerCase(java.util.Locale.ROOT), port, address);
  }

  public boolean matches(String otherHost, int otherPort) {
    return port == otherPort && host.equalsIgnoreCase(otherHost);
  }
}

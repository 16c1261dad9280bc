package io.pryv.migration.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostAndPortTest {

  @ParameterizedTest
  @CsvSource({
    "10.0.0.2, 10.0.0.2, 443, IPV4",
    "10.0.0.2:8443, 10.0.0.2, 8443, IPV4",
    "[::1]:443, ::1, 443, IPV6",
    "[2001:db8::7], 2001:db8::7, 443, IPV6",
    "2001:db8:0:0:0:0:0:7, 2001:db8:0:0:0:0:0:7, 443, IPV6",
    "::ffff:10.0.0.2, ::ffff:10.0.0.2, 443, IPV6",
    "co2.pryv.example.com, co2.pryv.example.com, 443, HOSTNAME",
    "core-2:8443, core-2, 8443, HOSTNAME",
  })
  void acceptsAddressesAndNames(String text, String host, int port, HostAndPort.Kind kind) {
    HostAndPort parsed = HostAndPort.parse(text, 443);
    assertEquals(host, parsed.host());
    assertEquals(port, parsed.port());
    assertEquals(kind, parsed.kind());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1.2.3.4; evil",
        "1.2.3.4;",
        "1.2.3.4 5",
        "256.1.1.1",
        "1.2.3",
        "10.0.0.2:0",
        "10.0.0.2:70000",
        "host/../x",
        "-host",
        "host-",
        "a..b",
        "[::1",
        "[::1]x",
        "[1.2.3.4]",
        "1:2:3:4:5:6:7:8:9",
        "1:::2",
        "$host",
        "{x}",
        "host\nserver evil",
        "",
        " "
      })
  void refusesEverythingElse(String text) {
    ToolException e = assertThrows(ToolException.class, () -> HostAndPort.parse(text, 443));
    assertEquals(ExitCode.USAGE, e.exitCode());
  }

  @Test
  void ipv6IsBracketedInUrlsAndServerLines() {
    assertEquals("[::1]:443", HostAndPort.parse("[::1]", 443).toString());
    assertEquals("10.0.0.2:443", HostAndPort.parse("10.0.0.2", 443).toString());
  }

  @Test
  void ipv6Validation() {
    assertTrue(HostAndPort.isIpv6("::"));
    assertTrue(HostAndPort.isIpv6("fe80::1"));
    assertTrue(HostAndPort.isIpv6("1:2:3:4:5:6:7::"));
    assertFalse(HostAndPort.isIpv6("1:2:3:4:5:6:7:8::"));
    assertFalse(HostAndPort.isIpv6(":1:2"));
    assertFalse(HostAndPort.isIpv6("12345::"));
  }
}

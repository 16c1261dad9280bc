package io.pryv.migration.common;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The switch that turns a mechanism off for measuring: its name in a comma-separated list, or all.
 */
class FastPathTest {

  @Test
  void aMechanismIsOffWhenTheListNamesItOrAll() {
    assertTrue(FastPath.names("rsa-crt", "rsa-crt"));
    assertTrue(
        FastPath.names("bulk-cipher-warm-up, RSA-CRT ", "rsa-crt"),
        "spaces and case do not matter");
    assertTrue(FastPath.names("all", "bulk-cipher-warm-up"));
    assertFalse(FastPath.names("", "rsa-crt"));
    assertFalse(FastPath.names("rsa-crt-x,openssl", "rsa-crt"), "whole names only");
  }

  @Test
  void everyMechanismIsOnByDefault() {
    for (FastPath mechanism : FastPath.values()) {
      assertTrue(mechanism.on(), mechanism.name());
    }
  }
}

package io.pryv.migration.ssh;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The bulk cipher warm-up: started only for a transfer large enough, once per direction, and runs
 * through.
 */
class CryptoWarmUpTest {

  /** Once per JVM: the flags are the process's (this class runs once per test JVM). */
  @Test
  void startsOncePerDirectionAndOnlyForALargeTransfer() {
    assertFalse(
        CryptoWarmUp.beforeBulk(1 << 20, true), "1 MiB is over before a warm-up would pay off");
    assertTrue(CryptoWarmUp.beforeBulk(1L << 30, true));
    assertFalse(CryptoWarmUp.beforeBulk(1L << 30, true), "already started for sending");
    assertTrue(
        CryptoWarmUp.beforeBulk(1L << 30, false), "receiving warms decryption, started apart");
    assertFalse(CryptoWarmUp.beforeBulk(1L << 30, false));
  }

  @Test
  void sealsAndOpensEveryPacketWithoutAFailure() {
    assertTrue(CryptoWarmUp.runBulk(true));
    assertTrue(
        CryptoWarmUp.runBulk(false),
        "each sealed packet opens: same key, nonce and associated data");
  }
}

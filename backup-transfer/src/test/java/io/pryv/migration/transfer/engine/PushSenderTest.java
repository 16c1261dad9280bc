package io.pryv.migration.transfer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ToolException;
import org.junit.jupiter.api.Test;

/** A push counts as verified only what the far side says it checked. */
class PushSenderTest {

  @Test
  void theFarSidesCountIsTheVerifiedCount() {
    assertEquals(3, PushSender.confirmed("verified 3\n", 3, "host"));
    assertEquals(0, PushSender.confirmed("verified 0\n", 0, "host"));
  }

  @Test
  void fewerVerifiedThanSentIsAnError() {
    ToolException error =
        assertThrows(ToolException.class, () -> PushSender.confirmed("verified 2\n", 3, "host"));
    assertTrue(
        error.getMessage().contains("verified the SHA-256 of 2 files of a batch of 3"),
        error.getMessage());
  }

  @Test
  void noConfirmationIsAnError() {
    ToolException error =
        assertThrows(ToolException.class, () -> PushSender.confirmed("", 3, "host"));
    assertTrue(
        error.getMessage().contains("did not confirm the SHA-256 check"), error.getMessage());
  }
}

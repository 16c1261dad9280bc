package io.pryv.migration.verify.cli;

import io.pryv.migration.standins.pryvcore.FakePryvServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * {@link MigrationScenarios} against a fake v2 core (dnsLess, as recorded and seen live) and a fake
 * v1 core.
 */
class MigrationCheckTest {

  @Nested
  @DisplayName("v2 core")
  class OnV2Core extends MigrationScenarios {
    OnV2Core() {
      super(FakePryvServer.Version.V2);
    }
  }

  @Nested
  @DisplayName("v1 core")
  class OnV1Core extends MigrationScenarios {
    OnV1Core() {
      super(FakePryvServer.Version.V1);
    }
  }
}

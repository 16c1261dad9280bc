package io.pryv.migration.dockerops.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pryv.migration.common.ProcessRunner;
import io.pryv.migration.dockerops.exec.CommandRunner;
import io.pryv.migration.dockerops.exec.Commands;
import io.pryv.migration.dockerops.layout.PryvLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The mongo container's address read from {@code docker inspect}: the files under docker-inspect/
 * are its output (host-network and no-network from the test engine, the others in the same shape
 * for the networks a compose file or a plain docker run gives).
 */
class ContainerAddressTest {
  private static String inspect(String file) throws IOException {
    try (InputStream in =
        ContainerAddressTest.class.getResourceAsStream("/docker-inspect/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static ContainerAddress.Lookup parse(String file) throws IOException {
    return ContainerAddress.parse(inspect(file), "pryvio_mongodb");
  }

  @Test
  void hostNetworkIsTheLoopback() throws IOException {
    assertEquals(Optional.of("127.0.0.1"), parse("host-network.json").address());
  }

  @Test
  void noNetworkHasNoAddressAndSaysWhy() throws IOException {
    ContainerAddress.Lookup lookup = parse("no-network.json");
    assertEquals(Optional.empty(), lookup.address());
    assertEquals("pryvio_mongodb has no IP address (network mode none)", lookup.reason());
  }

  @Test
  void theNetworkNamedByTheModeWinsOverOthers() throws IOException {
    // "monitoring" sorts first, but the container runs on the compose project's network
    assertEquals(Optional.of("172.18.0.3"), parse("compose-two-networks.json").address());
  }

  @Test
  void defaultModeIsTheBridgeNetwork() throws IOException {
    assertEquals(Optional.of("172.17.0.2"), parse("default-bridge.json").address());
  }

  @Test
  void withoutAnAddressOnTheModesNetworkTheFirstNetworkByName() throws IOException {
    assertEquals(
        Optional.of("10.10.0.5"), parse("networks-without-the-mode-address.json").address());
  }

  @Test
  void anotherContainersNetworkIsNotLookedUp() {
    ContainerAddress.Lookup lookup =
        ContainerAddress.parse(
            "[{\"HostConfig\":{\"NetworkMode\":\"container:pryvio_core\"},"
                + "\"NetworkSettings\":{\"Networks\":{}}}]",
            "pryvio_mongodb");
    assertEquals(Optional.empty(), lookup.address());
    assertEquals("pryvio_mongodb shares the network of pryvio_core", lookup.reason());
  }

  @Test
  void unreadableOutputHasNoAddress() {
    assertEquals(
        "docker inspect pryvio_mongodb printed no JSON",
        ContainerAddress.parse("Error: no such object", "pryvio_mongodb").reason());
    assertEquals(
        "docker inspect pryvio_mongodb printed no container",
        ContainerAddress.parse("[]", "pryvio_mongodb").reason());
  }

  @Test
  void runsOneInspectOfTheMongoContainerAndReportsItsFailure() {
    List<List<String>> ran = new ArrayList<>();
    ProcessRunner docker =
        (command, dir, timeout) -> {
          ran.add(command);
          return new ProcessRunner.Result(
              command, 1, "[]\n", "Error: No such container: pryvio_mongodb\n");
        };
    CommandRunner runner =
        new CommandRunner(
            docker, false, new PrintStream(new ByteArrayOutputStream()), Duration.ofSeconds(5), "");
    ContainerAddress.Lookup lookup =
        ContainerAddress.of(runner, new Commands(PryvLayout.defaults()), "pryvio_mongodb");
    assertEquals(
        List.of(List.of("docker", "inspect", "--type", "container", "pryvio_mongodb")), ran);
    assertEquals(Optional.empty(), lookup.address());
    assertEquals(
        "docker inspect pryvio_mongodb failed: Error: No such container: pryvio_mongodb",
        lookup.reason());
  }
}

package io.pryv.migration.dockerops.mongo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pryv.migration.common.ProcessRunner;
import io.pryv.migration.dockerops.exec.CommandRunner;
import io.pryv.migration.dockerops.exec.Commands;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The address at which this machine reaches a local container: one {@code docker inspect}, read for
 * its network mode and IP addresses. {@code host} network: 127.0.0.1; one or more networks: the
 * IPv4 address on the network named by the network mode, else on the first network by name; {@code
 * none}, or the network of another container: no address.
 */
public final class ContainerAddress {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** An address, or why there is none (for the log line). */
  public record Lookup(Optional<String> address, String reason) {
    static Lookup of(String address) {
      return new Lookup(Optional.of(address), "");
    }

    static Lookup none(String reason) {
      return new Lookup(Optional.empty(), reason);
    }
  }

  private ContainerAddress() {}

  /** Runs {@code docker inspect --type container CONTAINER} (read-only, not logged). */
  public static Lookup of(CommandRunner runner, Commands commands, String container) {
    ProcessRunner.Result result =
        runner.queryAllowingFailure(commands.docker("inspect", "--type", "container", container));
    if (!result.succeeded()) {
      String why = result.stderr().strip();
      return Lookup.none(
          "docker inspect " + container + " failed" + (why.isEmpty() ? "" : ": " + why));
    }
    return parse(result.stdout(), container);
  }

  /** Reads the JSON array that {@code docker inspect} prints for one container. */
  static Lookup parse(String inspectJson, String container) {
    JsonNode root;
    try {
      root = JSON.readTree(inspectJson);
    } catch (IOException e) {
      return Lookup.none("docker inspect " + container + " printed no JSON");
    }
    JsonNode info = root != null && root.isArray() ? root.path(0) : root;
    if (info == null || !info.isObject()) {
      return Lookup.none("docker inspect " + container + " printed no container");
    }
    String mode = info.path("HostConfig").path("NetworkMode").asText("");
    if (mode.equals("host")) {
      return Lookup.of("127.0.0.1");
    }
    if (mode.startsWith("container:")) {
      return Lookup.none(container + " shares the network of " + mode.substring(10));
    }
    Map<String, String> addresses = new TreeMap<>();
    JsonNode networks = info.path("NetworkSettings").path("Networks");
    for (Iterator<Map.Entry<String, JsonNode>> it = networks.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> network = it.next();
      String ip = network.getValue().path("IPAddress").asText("");
      if (!ip.isBlank()) {
        addresses.put(network.getKey(), ip.strip());
      }
    }
    // "default" is the bridge network
    String preferred = mode.equals("default") ? "bridge" : mode;
    if (addresses.containsKey(preferred)) {
      return Lookup.of(addresses.get(preferred));
    }
    if (!addresses.isEmpty()) {
      return Lookup.of(addresses.values().iterator().next());
    }
    String legacy = info.path("NetworkSettings").path("IPAddress").asText("");
    if (!legacy.isBlank()) {
      return Lookup.of(legacy.strip());
    }
    return Lookup.none(
        container + " has no IP address (network mode " + (mode.isEmpty() ? "?" : mode) + ")");
  }
}

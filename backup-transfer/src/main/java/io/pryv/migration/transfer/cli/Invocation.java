package io.pryv.migration.transfer.cli;

import io.pryv.migration.transfer.side.Checksum;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A parsed command line: the verb, its folder arguments and every option. */
public record Invocation(
    Verb verb,
    List<Location> locations,
    int port,
    Optional<Path> identity,
    Optional<Path> knownHosts,
    boolean acceptNewHostKey,
    Optional<Checksum> checksum,
    boolean compress,
    boolean delete,
    boolean followLinks,
    boolean dryRun,
    boolean json,
    boolean progress,
    boolean sha256sumFormat,
    Optional<Path> output,
    int connectTimeoutSeconds) {

  public enum Verb { PUSH, PULL, COPY, MANIFEST, CHECK, HELP, VERSION }

  public static Invocation help() {
    return simple(Verb.HELP);
  }

  public static Invocation version() {
    return simple(Verb.VERSION);
  }

  private static Invocation simple(Verb verb) {
    return new Invocation(verb, List.of(), 22, Optional.empty(), Optional.empty(), false, Optional.empty(), false,
        false, true, false, false, false, false, Optional.empty(), 20);
  }
}

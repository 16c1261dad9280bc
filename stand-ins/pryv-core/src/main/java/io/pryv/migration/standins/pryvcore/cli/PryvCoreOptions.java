package io.pryv.migration.standins.pryvcore.cli;

import io.pryv.migration.standins.pryvcore.FakePryvServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What the stand-in core serves: the data folder (none: in memory), where it listens, which core it
 * plays, the series cool-down, the URL clients use to reach it; or only help/version.
 */
record PryvCoreOptions(
    Optional<Path> data,
    InetSocketAddress listen,
    FakePryvServer.Version version,
    Duration seriesCoolDown,
    Optional<String> publicUrl,
    boolean help,
    boolean showVersion) {}

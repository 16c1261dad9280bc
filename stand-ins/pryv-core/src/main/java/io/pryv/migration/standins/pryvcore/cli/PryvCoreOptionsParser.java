package io.pryv.migration.standins.pryvcore.cli;

import io.pryv.migration.common.CommandLineParsing;
import io.pryv.migration.common.HostAndPort;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.standins.pryvcore.FakePryvServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** The stand-in core's command line into {@link PryvCoreOptions}; usage errors name the option. */
final class PryvCoreOptionsParser {
  /**
   * Pryv's core listens on 3000 (site-443.conf's {@code upstream core_server}: core:3000 to
   * core:3005).
   */
  static final int DEFAULT_PORT = 3000;

  private PryvCoreOptionsParser() {}

  static Options options() {
    Options options = new Options();
    options.addOption(
        Option.builder()
            .longOpt("data")
            .hasArg()
            .argName("DIR")
            .desc(
                "the data folder: accounts, events, series and attachments, loaded at start and saved on every"
                    + " write before the answer (default: none, in memory)")
            .get());
    options.addOption(
        Option.builder()
            .longOpt("listen")
            .hasArg()
            .argName("HOST:PORT")
            .desc(
                "where to serve plain HTTP, as Pryv's core behind nginx (default 0.0.0.0:"
                    + DEFAULT_PORT
                    + ")")
            .get());
    options.addOption(
        Option.builder()
            .longOpt("api-version")
            .hasArg()
            .argName("v2|v1")
            .desc("the core played: v2 (open-pryv.io 2.0, dnsLess, default) or v1 (1.9)")
            .get());
    options.addOption(
        Option.builder()
            .longOpt("series-cool-down")
            .hasArg()
            .argName("SECONDS")
            .desc(
                "how long after the last points write a series event is rewritten (default 10, as the core)")
            .get());
    options.addOption(
        Option.builder()
            .longOpt("public-url")
            .hasArg()
            .argName("URL")
            .desc(
                "the URL clients reach the core at, for service info and registration (default the listen address)")
            .get());
    options.addOption(Option.builder().longOpt("verbose").desc("stack traces with errors").get());
    options.addOption(Option.builder("h").longOpt("help").desc("this help").get());
    options.addOption(Option.builder().longOpt("version").desc("the stand-in's version").get());
    return options;
  }

  static PryvCoreOptions parse(String[] args) {
    CommandLine line = CommandLineParsing.parse(options(), args);
    if (!line.getArgList().isEmpty()) {
      throw ToolException.usage(
          "unexpected argument: " + line.getArgList().get(0) + " (see --help)");
    }
    Optional<Path> data = Optional.ofNullable(line.getOptionValue("data")).map(Path::of);
    HostAndPort listen =
        line.hasOption("listen")
            ? listen(line.getOptionValue("listen"))
            : new HostAndPort("0.0.0.0", DEFAULT_PORT, HostAndPort.Kind.IPV4);
    FakePryvServer.Version version =
        switch (line.getOptionValue("api-version", "v2")) {
          case "v2" -> FakePryvServer.Version.V2;
          case "v1" -> FakePryvServer.Version.V1;
          default ->
              throw ToolException.usage(
                  "--api-version: expected v2 or v1, got " + line.getOptionValue("api-version"));
        };
    Duration coolDown = Duration.ofSeconds(10);
    if (line.hasOption("series-cool-down")) {
      try {
        double seconds = Double.parseDouble(line.getOptionValue("series-cool-down"));
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
          throw new NumberFormatException();
        }
        coolDown = Duration.ofMillis(Math.round(seconds * 1000));
      } catch (NumberFormatException e) {
        throw ToolException.usage(
            "--series-cool-down: expected seconds (e.g. 10 or 0.5), got "
                + line.getOptionValue("series-cool-down"));
      }
    }
    Optional<String> publicUrl = Optional.ofNullable(line.getOptionValue("public-url"));
    publicUrl.ifPresent(PryvCoreOptionsParser::requireHttpUrl);
    return new PryvCoreOptions(
        data,
        new InetSocketAddress(listen.host(), listen.port()),
        version,
        coolDown,
        publicUrl,
        line.hasOption("help"),
        line.hasOption("version"));
  }

  private static HostAndPort listen(String text) {
    HostAndPort address = HostAndPort.parse(text, -1);
    if (address.port() < 0) {
      throw ToolException.usage("--listen: expected HOST:PORT, got " + text);
    }
    return address;
  }

  private static void requireHttpUrl(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw ToolException.usage("--public-url: not a URL: " + url);
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        || uri.getHost() == null) {
      throw ToolException.usage("--public-url: expected http(s)://HOST[:PORT]/, got " + url);
    }
  }
}

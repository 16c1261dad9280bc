package io.pryv.migration.dockerops.cli;

import io.pryv.migration.common.CommandLineParsing;
import io.pryv.migration.common.SharedOptions;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.dockerops.layout.ExecMode;
import io.pryv.migration.dockerops.layout.Names;
import io.pryv.migration.dockerops.layout.PryvLayout;
import io.pryv.migration.dockerops.permissions.EnsurePermissions;
import io.pryv.migration.ssh.SshOptions;
import io.pryv.migration.ssh.SshTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** commons-cli → {@link DockerOpsOptions}; every value validated here (usage error, exit 2). */
public final class DockerOpsOptionsParser {
  /** Environment variable for a MongoDB URI holding a password (never on the command line). */
  public static final String MONGO_URI_ENV = "DOCKER_OPS_MONGO_URI";

  private DockerOpsOptionsParser() {}

  static Options options() {
    Options o = SharedOptions.addTo(new Options(), true);
    o.addOption(
        Option.builder("n")
            .longOpt("dry-run")
            .desc("print every command it would run; change nothing")
            .get());
    o.addOption(
        value(
            "exec",
            "MODE",
            "docker (default): run the database tools in the containers with docker exec;"
                + " local: run them directly on the machine (non-container installs, tests)"));
    o.addOption(
        value(
            "host", "USER@HOST", "run everything on that machine over SSH (known_hosts checked)"));
    SshOptions.addTo(o);
    o.addOption(value("conf-root", "DIR", "PRYV_CONF_ROOT (default /var/pryv)"));
    o.addOption(value("docker", "PATH", "docker client (default docker)"));
    o.addOption(value("docker-host", "URI", "docker daemon socket, passed as docker -H URI"));
    o.addOption(value("mongo-container", "NAME", "default pryvio_mongodb"));
    o.addOption(value("influx-container", "NAME", "default pryvio_influxdb"));
    o.addOption(value("db", "NAME", "MongoDB database (default pryv-node)"));
    o.addOption(
        value(
            "mongo-bin",
            "DIR",
            "folder of mongodump, mongorestore and the shell that counts: mongosh"
                + " (MongoDB 6.0 images) or mongo (3.6), whichever is there (default /app/bin/mongodb/bin/; with --exec"
                + " local: from PATH)"));
    o.addOption(
        value(
            "mongo-host",
            "HOST:PORT",
            "mongod address for the mongo tools (default: theirs, localhost)"));
    o.addOption(
        value(
            "mongo-uri",
            "URI",
            "count live documents with the MongoDB driver from here instead of the"
                + " MongoDB shell (no password on the command line: use "
                + MONGO_URI_ENV
                + ")"));
    o.addOption(
        value(
            "mongo-backup",
            "DIR",
            "backup folder inside the mongodb container (default /app/backup)"));
    o.addOption(
        value(
            "mongo-backup-host",
            "DIR",
            "the same folder on the host (default" + " CONF_ROOT/pryv/mongodb/backup)"));
    o.addOption(
        value("influxd", "PATH", "influxd (default /usr/bin/influxd; with --exec local: influxd)"));
    o.addOption(
        value(
            "influx",
            "PATH",
            "influx client (default /usr/bin/influx; with --exec local: influx)"));
    o.addOption(
        value(
            "influx-rpc",
            "HOST:PORT",
            "influxd backup/restore -host (default theirs, 127.0.0.1:8088)"));
    o.addOption(
        value(
            "influx-http",
            "HOST:PORT",
            "influx client -host/-port (default theirs, localhost:8086)"));
    o.addOption(
        value(
            "influx-backup",
            "DIR",
            "backup folder inside the influxdb container (default /pryv/backup)"));
    o.addOption(
        value(
            "influx-backup-host",
            "DIR",
            "the same folder on the host (default" + " CONF_ROOT/pryv/influxdb/backup)"));
    o.addOption(
        value(
            "influx-settle",
            "SECONDS",
            "influx-restore: how long to wait for the restored data to" + " answer (default 60)"));
    o.addOption(
        Option.builder()
            .longOpt("drop")
            .desc(
                "mongo-restore: drop each collection before restoring it;"
                    + " influx-restore: drop each database of the backup that exists (dest must equal the dump)")
            .get());
    o.addOption(
        Option.builder()
            .longOpt("write-manifest")
            .desc(
                "mongo-check: write the dump manifest of a dump"
                    + " made by hand, from its BSON files (never over one that disagrees)")
            .get());
    o.addOption(value("timeout", "SECONDS", "limit for each command (default 3600)"));
    o.addOption(
        value("stop-timeout", "SECONDS", "stop/restart: docker's -t (seconds before SIGKILL)"));
    o.addOption(value("owner", "UID:GID", "ensure-permissions: owner (default 9999:9999)"));
    o.addOption(
        Option.builder().longOpt("sudo").desc("ensure-permissions: run chown with sudo -n").get());
    return o;
  }

  private static Option value(String name, String arg, String description) {
    return Option.builder().longOpt(name).hasArg().argName(arg).desc(description).get();
  }

  public static DockerOpsOptions parse(String[] args, Map<String, String> env) {
    CommandLine line = CommandLineParsing.parse(options(), args);
    boolean help = line.hasOption("help");
    boolean version = line.hasOption("version");
    List<String> rest = new ArrayList<>(line.getArgList());
    if (help || version) {
      // no verb: only the help or the version is printed
      return new DockerOpsOptions(
          help,
          version,
          null,
          List.of(),
          List.of(),
          PryvLayout.defaults(),
          Optional.empty(),
          SshOptions.defaults(),
          false,
          false,
          false,
          false,
          false,
          Duration.ZERO,
          OptionalInt.empty(),
          Optional.empty(),
          EnsurePermissions.DEFAULT_OWNER,
          false,
          Duration.ZERO);
    }
    if (rest.isEmpty()) {
      throw ToolException.usage(
          "a command is required: " + String.join(", ", DockerOpsVerb.words()) + " (see --help)");
    }
    String command = rest.remove(0);
    // Several database commands joined by commas run in order in one call: one start, one SSH
    // connection.
    List<DockerOpsVerb> steps = new ArrayList<>();
    for (String word : command.split(",", -1)) {
      steps.add(
          DockerOpsVerb.named(word)
              .orElseThrow(
                  () ->
                      ToolException.usage(
                          "unknown command '"
                              + word
                              + "'; expected one of "
                              + String.join(", ", DockerOpsVerb.words()))));
    }
    boolean containerCommand = steps.stream().anyMatch(DockerOpsVerb::onContainers);
    if (containerCommand && steps.size() > 1) {
      throw ToolException.usage(
          "only database commands ("
              + String.join(
                  ", ",
                  DockerOpsVerb.words().stream()
                      .filter(w -> !DockerOpsVerb.named(w).orElseThrow().onContainers())
                      .toList())
              + ") can be joined with commas, not '"
              + command
              + "'");
    }
    if (steps.size() != steps.stream().distinct().count()) {
      throw ToolException.usage("each command once in '" + command + "'");
    }
    DockerOpsVerb verb = steps.get(0);
    if (!containerCommand && !rest.isEmpty()) {
      throw ToolException.usage(command + " takes no arguments, got: " + String.join(" ", rest));
    }
    if (containerCommand && verb != DockerOpsVerb.STATUS && rest.isEmpty()) {
      throw ToolException.usage(
          command + " needs one or more container names (e.g. " + command + " pryvio_nginx)");
    }
    List<String> containers = rest.stream().map(Names::container).toList();
    if (line.hasOption("drop")
        && !steps.contains(DockerOpsVerb.MONGO_RESTORE)
        && !steps.contains(DockerOpsVerb.INFLUX_RESTORE)) {
      throw ToolException.usage("--drop only applies to mongo-restore and influx-restore");
    }
    if (line.hasOption("write-manifest") && !steps.contains(DockerOpsVerb.MONGO_CHECK)) {
      throw ToolException.usage("--write-manifest only applies to mongo-check");
    }

    ExecMode mode =
        switch (line.getOptionValue("exec", "docker")) {
          case "docker" -> ExecMode.DOCKER;
          case "local" -> ExecMode.LOCAL;
          default ->
              throw ToolException.usage(
                  "--exec is docker or local, not '" + line.getOptionValue("exec") + "'");
        };
    if (mode == ExecMode.LOCAL && containerCommand) {
      throw ToolException.usage(command + " manages containers: it needs docker, not --exec local");
    }
    boolean local = mode == ExecMode.LOCAL;
    String confRoot =
        Names.absolutePath(
            "--conf-root", line.getOptionValue("conf-root", PryvLayout.DEFAULT_CONF_ROOT));
    PryvLayout layout =
        new PryvLayout(
            mode,
            program("--docker", line.getOptionValue("docker", "docker")),
            Optional.ofNullable(line.getOptionValue("docker-host"))
                .map(DockerOpsOptionsParser::dockerHost),
            confRoot,
            Names.container(
                line.getOptionValue("mongo-container", PryvLayout.DEFAULT_MONGO_CONTAINER)),
            Names.container(
                line.getOptionValue("influx-container", PryvLayout.DEFAULT_INFLUX_CONTAINER)),
            Names.mongoDatabase(line.getOptionValue("db", PryvLayout.DEFAULT_MONGO_DATABASE)),
            mongoBin(line.getOptionValue("mongo-bin", local ? "" : PryvLayout.DEFAULT_MONGO_BIN)),
            Optional.ofNullable(line.getOptionValue("mongo-host"))
                .map(v -> Names.hostAndPort("--mongo-host", v)),
            Names.absolutePath(
                "--mongo-backup",
                line.getOptionValue("mongo-backup", PryvLayout.DEFAULT_MONGO_BACKUP_IN_CONTAINER)),
            Names.absolutePath(
                "--mongo-backup-host",
                line.getOptionValue("mongo-backup-host", PryvLayout.mongoBackupOnHost(confRoot))),
            program(
                "--influxd",
                line.getOptionValue("influxd", local ? "influxd" : PryvLayout.DEFAULT_INFLUXD)),
            program(
                "--influx",
                line.getOptionValue("influx", local ? "influx" : PryvLayout.DEFAULT_INFLUX)),
            Optional.ofNullable(line.getOptionValue("influx-rpc"))
                .map(
                    v -> {
                      String[] hp = Names.hostAndPort("--influx-rpc", v);
                      return hp[0].contains(":") ? "[" + hp[0] + "]:" + hp[1] : hp[0] + ":" + hp[1];
                    }),
            Optional.ofNullable(line.getOptionValue("influx-http"))
                .map(v -> Names.hostAndPort("--influx-http", v)),
            Names.absolutePath(
                "--influx-backup",
                line.getOptionValue(
                    "influx-backup", PryvLayout.DEFAULT_INFLUX_BACKUP_IN_CONTAINER)),
            Names.absolutePath(
                "--influx-backup-host",
                line.getOptionValue(
                    "influx-backup-host", PryvLayout.influxBackupOnHost(confRoot))));

    Optional<String> host = Optional.ofNullable(line.getOptionValue("host"));
    host.ifPresent(SshTarget::parse); // a malformed USER@HOST is a usage error of the parse
    List<String> sshOnly = SshOptions.given(line);
    if (host.isEmpty() && !sshOnly.isEmpty()) {
      throw ToolException.usage(sshOnly.get(0) + " needs --host USER@HOST");
    }
    SshOptions ssh = SshOptions.from(line);

    Optional<String> mongoUri = Optional.ofNullable(line.getOptionValue("mongo-uri"));
    if (mongoUri.isPresent() && mongoUri.get().matches("(?s)mongodb(\\+srv)?://[^/@]*:[^/@]*@.*")) {
      throw ToolException.usage(
          "--mongo-uri must not carry a password (it would show in the process list);"
              + " put the URI in the environment variable "
              + MONGO_URI_ENV
              + " instead");
    }
    if (mongoUri.isEmpty() && env.get(MONGO_URI_ENV) != null && !env.get(MONGO_URI_ENV).isBlank()) {
      mongoUri = Optional.of(env.get(MONGO_URI_ENV).strip());
    }
    if (mongoUri.isPresent() && !mongoUri.get().matches("mongodb(\\+srv)?://.+")) {
      throw ToolException.usage("--mongo-uri needs a mongodb://HOST:PORT URI");
    }

    String owner = line.getOptionValue("owner", EnsurePermissions.DEFAULT_OWNER);
    if (!owner.matches("\\d{1,10}:\\d{1,10}")) {
      throw ToolException.usage("--owner is numeric UID:GID (like 9999:9999), not '" + owner + "'");
    }
    int timeout = positive("timeout", CommandLineParsing.intValue(line, "timeout", 3600));
    OptionalInt stopTimeout =
        line.hasOption("stop-timeout")
            ? OptionalInt.of(
                positive("stop-timeout", CommandLineParsing.intValue(line, "stop-timeout", 10)))
            : OptionalInt.empty();
    int settle = positive("influx-settle", CommandLineParsing.intValue(line, "influx-settle", 60));
    return new DockerOpsOptions(
        false,
        false,
        verb,
        List.copyOf(steps),
        containers,
        layout,
        host,
        ssh,
        line.hasOption("dry-run"),
        line.hasOption("json"),
        line.hasOption("verbose"),
        line.hasOption("drop"),
        line.hasOption("write-manifest"),
        Duration.ofSeconds(timeout),
        stopTimeout,
        mongoUri,
        owner,
        line.hasOption("sudo"),
        Duration.ofSeconds(settle));
  }

  private static int positive(String option, int value) {
    if (value < 0) {
      throw ToolException.usage("--" + option + " must not be negative");
    }
    return value;
  }

  /**
   * A program: a bare name (looked up in PATH) or an absolute path; never something that looks like
   * an option.
   */
  private static String program(String option, String value) {
    if (value.matches("[A-Za-z0-9_.+-]+") && !value.startsWith("-")) {
      return value;
    }
    return Names.absolutePath(option, value);
  }

  private static String mongoBin(String value) {
    return value.isEmpty() ? "" : Names.absolutePath("--mongo-bin", value) + "/";
  }

  private static String dockerHost(String value) {
    if (!value.matches("(unix://|tcp://|ssh://)[A-Za-z0-9_./:@\\[\\]-]+")) {
      throw ToolException.usage(
          "--docker-host is unix:///PATH, tcp://HOST:PORT or ssh://USER@HOST, not '" + value + "'");
    }
    return value;
  }
}

package io.pryv.migration.dockerops.cli;

import io.pryv.migration.common.CommandLineParsing;

/** The --help text: what docker-ops does, its verbs, its options and examples. */
final class DockerOpsHelp {
  static final String USAGE = "docker-ops [OPTIONS] COMMAND [CONTAINER...]";

  private DockerOpsHelp() {}

  static String text() {
    String description =
        String.join(
            "\n",
            "Container stop/start and database dump/restore for a Pryv.io core, with proof that nothing was lost.",
            "Runs the docker CLI as argument lists (never a shell string), locally or on --host USER@HOST over SSH.",
            "",
            "Commands:",
            "  status [NAME...]        the Pryv containers (or the named ones): state, status, image",
            "  stop|start|restart NAME...  e.g. restart pryvio_nginx (applies a redirect; never run-pryv)",
            "  mongo-dump              moves an earlier dump aside (never deletes), mongodump, counts the",
            "                          documents per collection live and in the BSON files, writes",
            "                          BACKUP/DB.dump-manifest.json. Live counts use the container's",
            "                          shell, mongosh (MongoDB 6.0 images) or mongo (3.6), and say which",
            "  mongo-restore [--drop]  checks the dump against its manifest, refuses a non-empty dest",
            "                          without --drop, mongorestore, compares dest with the manifest",
            "  mongo-check             counts the documents in the dump's BSON files and compares them",
            "                          with its manifest; reads files only (no database, no docker):",
            "                          run it on dest after the transfer, before mongo-restore",
            "  mongo-check --write-manifest  writes the manifest of a dump made by hand, from its files",
            "  influx-backup           moves an earlier backup aside, influxd backup -portable, checks",
            "                          its files, writes series/points per database beside it",
            "  influx-restore [--drop] refuses a database that exists on dest without --drop (prints",
            "                          the documented way around; --drop drops it first), influxd",
            "                          restore -portable, waits for the counts",
            "  ensure-permissions      chown -R 9999:9999 CONF_ROOT/pryv CONF_ROOT/config-follower",
            "Database commands joined by commas run in order in one call (one SSH connection), each with the",
            "options that concern it, and stop at the first that fails: ensure-permissions,mongo-restore,influx-restore");
    String footer =
        String.join(
            "\n",
            "Examples:",
            "  docker-ops status",
            "  docker-ops stop pryvio_nginx",
            "  docker-ops --dry-run mongo-dump",
            "  docker-ops --host ubuntu@10.0.0.2 mongo-check",
            "  docker-ops --host ubuntu@10.0.0.2 mongo-restore --drop",
            "  docker-ops --host ubuntu@10.0.0.2 influx-restore",
            "  docker-ops --exec local --influx-backup-host /srv/influx-backup influx-backup",
            "  docker-ops --host ubuntu@10.0.0.2 --drop ensure-permissions,mongo-restore,influx-restore",
            "",
            "Exit codes: 0 done and verified, 1 a count differs (dump, check, restore), 2 usage, 3 bad",
            "input (missing or incomplete backup, no manifest), 4 environment (docker, container missing",
            "or stopped, SSH, a command failed), 5 bug.");
    return CommandLineParsing.help(USAGE, description, DockerOpsOptionsParser.options(), footer);
  }
}

package io.pryv.migration.dockerops.influx;

import io.pryv.migration.dockerops.exec.CommandRunner;
import io.pryv.migration.dockerops.exec.Commands;
import io.pryv.migration.dockerops.files.HostFiles;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** What the InfluxDB operations work with. */
public record InfluxContext(
    CommandRunner runner, Commands commands, HostFiles files, Clock clock, PrintStream log) {

  String backupOnHost() {
    return commands.layout().influxBackupOnHost();
  }

  String countsPath() {
    return backupOnHost() + "/" + InfluxCountsFile.FILE_NAME;
  }

  InfluxCli cli() {
    return new InfluxCli(runner, commands);
  }

  /** {@code influxd VERB -portable [-host RPC] [EXTRA...] FOLDER/}, in the container or local. */
  List<String> influxd(String verb, List<String> extra) {
    List<String> tool = new ArrayList<>(List.of(commands.layout().influxd(), verb, "-portable"));
    commands.layout().influxRpc().ifPresent(rpc -> tool.addAll(List.of("-host", rpc)));
    tool.addAll(extra);
    tool.add(commands.layout().influxBackupForTools() + "/");
    return commands.inInflux(tool);
  }
}

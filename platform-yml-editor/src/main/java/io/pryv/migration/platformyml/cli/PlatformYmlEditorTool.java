package io.pryv.migration.platformyml.cli;

import io.pryv.migration.common.ToolRoot;
import io.pryv.migration.platformyml.command.Commands;
import java.io.PrintStream;

/** The platform-yml-editor command line: parses, runs one verb, prints its report. */
public final class PlatformYmlEditorTool {
  static final String NAME = "platform-yml-editor";

  private final ToolRoot root;

  public PlatformYmlEditorTool(PrintStream out, PrintStream err) {
    this.root = new ToolRoot(NAME, PlatformYmlEditorTool.class, out, err);
  }

  public int run(String[] args) {
    return root.runWithHelpOf(
        args, PlatformYmlEditorOptionsParser::parse, PlatformYmlEditorHelp::text, this::dispatch);
  }

  private int dispatch(PlatformYmlEditorOptions o) throws Exception {
    boolean json = o.json();
    return switch (o.verb()) {
      case GET -> root.print(Commands.get(o.file(), o.path()), json, PlatformYmlEditorPrinters.GET);
      case SET ->
          root.print(
              Commands.set(o.file(), o.path(), o.value(), o.write()),
              json,
              PlatformYmlEditorPrinters.EDIT);
      case LIST_CORES ->
          root.print(Commands.listCores(o.file()), json, PlatformYmlEditorPrinters.LIST_CORES);
      case SET_CORE_IP ->
          root.print(
              Commands.setCoreIp(o.file(), o.core(), o.hosting(), o.ip(), o.write()),
              json,
              PlatformYmlEditorPrinters.EDIT);
    };
  }
}

package io.pryv.migration.nginx.rewriter.freeze;

import io.pryv.migration.common.FileErrors;
import io.pryv.migration.common.SafeFileWriter;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.common.UnifiedDiff;
import io.pryv.migration.nginx.rewriter.config.ConfigReader;
import io.pryv.migration.nginx.rewriter.config.IncludedBackups;
import io.pryv.migration.nginx.rewriter.config.Node;
import io.pryv.migration.nginx.rewriter.config.ParsedFile;
import io.pryv.migration.nginx.rewriter.config.ParsedTree;
import io.pryv.migration.nginx.rewriter.nginxtest.NginxSandbox;
import io.pryv.migration.nginx.rewriter.redirect.Marks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * freeze, unfreeze and the freeze state of a site file and the files it includes. Like redirect:
 * whole lines spliced in, written through {@link SafeFileWriter} (atomic, only when changed, {@code
 * FILE.bak}), the written files read back and checked before success is reported, reversible from
 * the file itself.
 */
public final class Freezer {
  private final Optional<NginxSandbox> nginxTest;

  public Freezer(Optional<NginxSandbox> nginxTest) {
    this.nginxTest = nginxTest;
  }

  /**
   * One file of the tree: its text now, its text without freeze lines (and that text's directives).
   */
  private record Loaded(
      Path path,
      String name,
      String current,
      String base,
      List<Node> currentNodes,
      List<Node> baseNodes) {}

  public FreezeOutcome freeze(Path file, int retryAfter, boolean dryRun) throws IOException {
    List<Loaded> tree = load(file);
    Map<Loaded, String> texts = new LinkedHashMap<>();
    List<String> servers = new ArrayList<>();
    for (Loaded loaded : tree) {
      FreezePlanner.Plan plan =
          FreezePlanner.plan(loaded.name(), loaded.base(), loaded.baseNodes(), retryAfter);
      texts.put(loaded, plan.text());
      plan.serverLines().forEach(line -> servers.add(loaded.name() + ":" + line));
    }
    if (servers.isEmpty()) {
      throw ToolException.badInput(
          tree.get(0).name()
              + " and the files it includes hold no http server block:"
              + " nothing to freeze");
    }
    refuseBackupsThatIncludesLoad(file, tree, texts, dryRun);
    String nginxOutput = testWithNginx(texts, "frozen");
    List<FreezeOutcome.FileChange> changes = apply(texts, dryRun);
    if (!dryRun) {
      checkWritten(
          file,
          texts,
          () -> {
            FreezeState state = state(file);
            if (state.frozenCount() != servers.size()
                || !Integer.valueOf(retryAfter).equals(state.retryAfter())) {
              throw new IllegalStateException(
                  "the written files do not read back as frozen with Retry-After "
                      + retryAfter
                      + " in "
                      + servers.size()
                      + " server blocks");
            }
          });
    }
    return new FreezeOutcome(
        "freeze",
        tree.get(0).name(),
        retryAfter,
        dryRun,
        anyChanged(changes),
        changes,
        List.copyOf(servers),
        nginxOutput);
  }

  public FreezeOutcome unfreeze(Path file, boolean dryRun) throws IOException {
    List<Loaded> tree = load(file);
    Map<Loaded, String> texts = new LinkedHashMap<>();
    tree.forEach(loaded -> texts.put(loaded, loaded.base()));
    refuseBackupsThatIncludesLoad(file, tree, texts, dryRun);
    String nginxOutput = testWithNginx(texts, "unfrozen");
    List<FreezeOutcome.FileChange> changes = apply(texts, dryRun);
    if (!dryRun) {
      checkWritten(
          file,
          texts,
          () -> {
            if (state(file).frozen()) {
              throw new IllegalStateException("the written files still read back as frozen");
            }
          });
    }
    return new FreezeOutcome(
        "unfreeze",
        tree.get(0).name(),
        null,
        dryRun,
        anyChanged(changes),
        changes,
        List.of(),
        nginxOutput);
  }

  public FreezeState state(Path file) throws IOException {
    List<FreezeState.Server> servers = new ArrayList<>();
    Integer retryAfter = null;
    for (Loaded loaded : load(file)) {
      for (Node server : FreezePlanner.servers(loaded.currentNodes())) {
        Optional<Integer> frozen = frozenRetryAfter(loaded.current(), server);
        servers.add(new FreezeState.Server(loaded.name(), server.line(), frozen.isPresent()));
        if (frozen.isPresent() && retryAfter == null) {
          retryAfter = frozen.get();
        }
      }
    }
    return new FreezeState(file.toString(), retryAfter != null, retryAfter, List.copyOf(servers));
  }

  /**
   * The Retry-After of a frozen server block: its marked refusal and its marked location are both
   * there.
   */
  private static Optional<Integer> frozenRetryAfter(String text, Node server) {
    boolean refuses =
        server.children().stream()
            .anyMatch(
                child ->
                    child.name().equals("if")
                        && FreezeMarks.isFrozenLine(FreezeMarks.lineAt(text, child.start())));
    for (Node child : server.children()) {
      if (refuses
          && child.name().equals("location")
          && child.values().equals(List.of("=", FreezeLines.LOCATION))
          && FreezeMarks.isFrozenLine(FreezeMarks.lineAt(text, child.start()))) {
        for (Node directive : child.children()) {
          if (directive.name().equals("add_header")
              && directive.args().size() >= 2
              && directive.arg(0).equalsIgnoreCase("Retry-After")) {
            try {
              return Optional.of(Integer.parseInt(directive.arg(1)));
            } catch (NumberFormatException e) {
              return Optional.of(-1);
            }
          }
        }
      }
    }
    return Optional.empty();
  }

  private static List<Loaded> load(Path mainFile) {
    FileErrors.requireReadableFile(mainFile);
    ParsedTree tree = ConfigReader.read(mainFile, false);
    ParsedTree.failOnErrors(tree.errors(), "");
    List<Loaded> files = new ArrayList<>();
    for (ParsedFile parsed : tree.files()) {
      String current = Marks.text(parsed.content());
      if (current.replace("\r\n", "").indexOf('\r') >= 0) {
        throw ToolException.badInput(
            parsed.name()
                + ": has lone carriage returns (old Mac line endings);"
                + " convert them to LF or CRLF, then run again");
      }
      String base = FreezeMarks.unfrozen(current);
      List<Node> baseNodes = parsed.nodes();
      if (!base.equals(current)) {
        ParsedTree alone = ConfigReader.readText(parsed.name(), Marks.bytes(base));
        ParsedTree.failOnErrors(alone.errors(), " (without its freeze lines)");
        baseNodes = alone.files().get(0).nodes();
      }
      files.add(
          new Loaded(
              Path.of(parsed.name()), parsed.name(), current, base, parsed.nodes(), baseNodes));
    }
    return files;
  }

  private static void refuseBackupsThatIncludesLoad(
      Path mainFile, List<Loaded> tree, Map<Loaded, String> texts, boolean dryRun) {
    if (dryRun) {
      return;
    }
    List<Path> written = new ArrayList<>();
    texts.forEach(
        (loaded, text) -> {
          if (!text.equals(loaded.current())) {
            written.add(loaded.path());
          }
        });
    IncludedBackups.refuse(
        mainFile,
        tree.stream()
            .map(loaded -> new IncludedBackups.TreeFile(loaded.name(), loaded.currentNodes()))
            .toList(),
        written);
  }

  private static List<Node> nodesNamed(List<Node> nodes, String name, List<Node> into) {
    for (Node node : nodes) {
      if (node.name().equals(name)) {
        into.add(node);
      }
      nodesNamed(node.children(), name, into);
    }
    return into;
  }

  private String testWithNginx(Map<Loaded, String> texts, String what) throws IOException {
    if (nginxTest.isEmpty()) {
      return null;
    }
    List<NginxSandbox.Input> inputs = new ArrayList<>();
    texts.forEach(
        (loaded, text) ->
            inputs.add(
                new NginxSandbox.Input(
                    loaded.name(),
                    text,
                    // freeze lines hold no include: the include directives of the current text are
                    // those of the new one
                    nodesNamed(loaded.currentNodes(), "include", new ArrayList<>()).stream()
                        .map(Node::includes)
                        .toList())));
    NginxSandbox.Result result = nginxTest.get().test(inputs);
    if (!result.passed()) {
      throw ToolException.environment(
          "nginx -t fails on the " + what + " config, nothing written: " + result.output());
    }
    return result.output();
  }

  /** Writes every changed text (unless dryRun), once each of them is known to parse. */
  private static List<FreezeOutcome.FileChange> apply(Map<Loaded, String> texts, boolean dryRun)
      throws IOException {
    texts.forEach(
        (loaded, text) -> {
          if (!text.equals(loaded.current())) {
            List<ParsedTree.Problem> problems =
                ConfigReader.readText(loaded.name(), Marks.bytes(text)).errors();
            if (!problems.isEmpty()) {
              throw new IllegalStateException(
                  "the edited "
                      + loaded.name()
                      + " would not parse ("
                      + problems.get(0)
                      + "); nothing written");
            }
          }
        });
    List<FreezeOutcome.FileChange> changes = new ArrayList<>();
    List<Loaded> done = new ArrayList<>();
    for (Map.Entry<Loaded, String> entry : texts.entrySet()) {
      Loaded loaded = entry.getKey();
      String text = entry.getValue();
      if (text.equals(loaded.current())) {
        changes.add(new FreezeOutcome.FileChange(loaded.name(), false, null, ""));
        continue;
      }
      String diff = UnifiedDiff.diff(loaded.name(), loaded.name(), loaded.current(), text);
      String backup = null;
      if (!dryRun) {
        SafeFileWriter.Result written;
        try {
          written =
              SafeFileWriter.replace(
                  loaded.path(), Marks.bytes(loaded.current()), Marks.bytes(text), true);
        } catch (RuntimeException e) {
          // a file that cannot be written: the ones already written get their content back
          for (Loaded previous : done) {
            SafeFileWriter.replace(previous.path(), null, Marks.bytes(previous.current()), null);
          }
          throw e;
        }
        done.add(loaded);
        backup = written.backup().map(Path::toString).orElse(null);
      }
      changes.add(new FreezeOutcome.FileChange(loaded.name(), true, backup, diff));
    }
    return changes;
  }

  private interface Check {
    void run() throws IOException;
  }

  /**
   * Reads the written files back: each must parse and hold, without its freeze lines, the text it
   * had without them before; then the given check. On failure the previous content is put back.
   */
  private static void checkWritten(Path file, Map<Loaded, String> texts, Check check)
      throws IOException {
    try {
      Map<String, String> bases = new LinkedHashMap<>();
      texts.keySet().forEach(loaded -> bases.put(loaded.name(), loaded.base()));
      for (Loaded written : load(file)) {
        if (!written.base().equals(bases.get(written.name()))) {
          throw new IllegalStateException(
              written.name() + ": the written file does not unfreeze to its base");
        }
      }
      check.run();
    } catch (RuntimeException e) {
      for (Map.Entry<Loaded, String> entry : texts.entrySet()) {
        if (!entry.getValue().equals(entry.getKey().current())) {
          SafeFileWriter.replace(
              entry.getKey().path(), null, Marks.bytes(entry.getKey().current()), null);
        }
      }
      throw new IllegalStateException(
          "the written files failed their check, previous content put back: " + e.getMessage(), e);
    }
  }

  private static boolean anyChanged(List<FreezeOutcome.FileChange> changes) {
    return changes.stream().anyMatch(FreezeOutcome.FileChange::changed);
  }
}

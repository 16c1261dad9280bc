package io.pryv.migration.nginx.rewriter.redirect;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pryv.migration.common.HostAndPort;
import io.pryv.migration.common.SafeFileWriter;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.common.UnifiedDiff;
import io.pryv.migration.common.VerbReport;
import io.pryv.migration.nginx.rewriter.config.ConfigReader;
import io.pryv.migration.nginx.rewriter.config.IncludedBackups;
import io.pryv.migration.nginx.rewriter.config.Node;
import io.pryv.migration.nginx.rewriter.config.ParsedTree;
import io.pryv.migration.nginx.rewriter.nginxtest.NginxSandbox;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The three operations on a site file and the files it includes: redirect, rollback, status. Writes
 * go through {@link SafeFileWriter} (atomic, only when changed, {@code FILE.bak} backup); what was
 * written is read back and checked before success is reported.
 */
public final class Rewriter {

  /** How to run nginx -t on a result before writing it, when asked. */
  private final Optional<NginxSandbox> nginxTest;

  public Rewriter(Optional<NginxSandbox> nginxTest) {
    this.nginxTest = nginxTest;
  }

  public record FileResult(String file, boolean changed, String backup, String diff) {}

  /**
   * Lines another command added that a redirect takes out in the same atomic write ({@code redirect
   * --unfreeze}: the lines of a freeze), so that the redirect replaces them with no moment where
   * the file holds one without the other.
   */
  @FunctionalInterface
  public interface Lift {
    /** The text without those lines (the same text when it holds none). */
    String without(String text);
  }

  /**
   * What a redirect asked to lift found.
   *
   * @param wasFrozen some file held lines to lift
   * @param files the files they were taken out of
   * @param alreadyRedirected the redirect itself changed nothing: only the lift did
   */
  public record Unfreeze(boolean wasFrozen, List<String> files, boolean alreadyRedirected) {}

  /**
   * What a redirect or rollback did (or, with dryRun, would do).
   *
   * @param unfreeze what the lift of {@code redirect --unfreeze} found; null (and left out of the
   *     JSON) without it
   */
  public record Outcome(
      String command,
      String file,
      String target,
      boolean dryRun,
      boolean changed,
      List<FileResult> files,
      List<UpstreamChange> upstreams,
      List<ProxyPassChange> proxyPasses,
      List<SslAddition> sslAdditions,
      List<String> warnings,
      String nginxTest,
      @JsonInclude(JsonInclude.Include.NON_NULL) Unfreeze unfreeze)
      implements VerbReport {}

  public record UpstreamState(String name, String file, int line, String target) {}

  public record Status(
      String file, boolean redirected, Set<String> targets, List<UpstreamState> upstreams) {}

  public Outcome redirect(
      Path file, HostAndPort target, Optional<List<String>> only, boolean dryRun)
      throws IOException {
    return redirect(file, target, only, dryRun, Optional.empty());
  }

  /**
   * A redirect that, given a lift, also takes out that lift's lines in the same write: the result
   * is the redirect of the files without them, byte for byte what taking them out first and
   * redirecting then would give.
   */
  public Outcome redirect(
      Path file,
      HostAndPort target,
      Optional<List<String>> only,
      boolean dryRun,
      Optional<Lift> lift)
      throws IOException {
    UnaryOperator<String> before =
        lift.isPresent() ? lift.get()::without : UnaryOperator.identity();
    ConfigTree tree = ConfigTree.load(file, before);
    RedirectReport report =
        RedirectPlanner.plan(tree.files(), target, new RedirectPlanner.Selection(only));
    String nginxOutput = testWithNginx(tree, report.results(), "redirected");
    refuseBackupsThatIncludesLoad(file, tree, report.results(), dryRun);
    List<FileResult> results = apply(report.results(), dryRun);
    if (!dryRun) {
      try {
        verifyRedirect(file, report, lift);
      } catch (RuntimeException e) {
        restore(report.results());
        throw new IllegalStateException(
            "the written files failed their check, previous content put back: " + e.getMessage(),
            e);
      }
    }
    return new Outcome(
        "redirect",
        tree.main().displayName(),
        target.toString(),
        dryRun,
        results.stream().anyMatch(FileResult::changed),
        results,
        report.upstreams(),
        report.proxyPasses(),
        report.sslAdditions(),
        report.warnings(),
        nginxOutput,
        lift.map(l -> unfreeze(tree, report, l)).orElse(null));
  }

  private static Unfreeze unfreeze(ConfigTree tree, RedirectReport report, Lift lift) {
    List<String> files = new ArrayList<>();
    boolean alreadyRedirected = true;
    for (SourceFile source : tree.files()) {
      String without = lift.without(source.current());
      if (!without.equals(source.current())) {
        files.add(source.displayName());
      }
      if (!report.results().get(source).equals(without)) {
        alreadyRedirected = false;
      }
    }
    return new Unfreeze(!files.isEmpty(), List.copyOf(files), alreadyRedirected);
  }

  public Outcome rollback(Path file, boolean dryRun) throws IOException {
    ConfigTree tree = ConfigTree.load(file);
    Map<SourceFile, String> originals = new LinkedHashMap<>();
    for (SourceFile source : tree.files()) {
      originals.put(source, source.original());
    }
    String nginxOutput = testWithNginx(tree, originals, "rolled back");
    refuseBackupsThatIncludesLoad(file, tree, originals, dryRun);
    List<FileResult> results = apply(originals, dryRun);
    if (!dryRun) {
      for (SourceFile source : ConfigTree.load(file).files()) {
        if (Marks.present(source.current())) {
          throw new IllegalStateException(
              source.displayName() + " still holds nginx-rewriter lines after rollback");
        }
      }
    }
    return new Outcome(
        "rollback",
        tree.main().displayName(),
        null,
        dryRun,
        results.stream().anyMatch(FileResult::changed),
        results,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        nginxOutput,
        null);
  }

  public Status status(Path file) throws IOException {
    ConfigTree tree = ConfigTree.load(file);
    List<UpstreamState> states = new ArrayList<>();
    Set<String> targets = new LinkedHashSet<>();
    for (StatusReader.Upstream upstream : StatusReader.upstreams(tree.files()).values()) {
      states.add(
          new UpstreamState(upstream.name(), upstream.file(), upstream.line(), upstream.target()));
      if (upstream.target() != null) {
        targets.add(upstream.target());
      }
    }
    return new Status(tree.main().displayName(), !targets.isEmpty(), targets, states);
  }

  private String testWithNginx(ConfigTree tree, Map<SourceFile, String> texts, String what)
      throws IOException {
    if (nginxTest.isEmpty()) {
      return null;
    }
    List<NginxSandbox.Input> inputs = new ArrayList<>();
    for (int i = 0; i < tree.files().size(); i++) {
      SourceFile source = tree.files().get(i);
      inputs.add(
          new NginxSandbox.Input(
              source.displayName(), texts.get(source), includesOf(source.currentParsed())));
    }
    NginxSandbox.Result result = nginxTest.get().test(inputs);
    if (!result.passed()) {
      throw ToolException.environment(
          "nginx -t fails on the " + what + " config, nothing written: " + result.output());
    }
    return result.output();
  }

  private static void refuseBackupsThatIncludesLoad(
      Path file, ConfigTree tree, Map<SourceFile, String> texts, boolean dryRun) {
    if (dryRun) {
      return;
    }
    List<Path> written = new ArrayList<>();
    texts.forEach(
        (source, text) -> {
          if (!text.equals(source.current())) {
            written.add(source.path());
          }
        });
    IncludedBackups.refuse(
        file,
        tree.files().stream()
            .map(
                source ->
                    new IncludedBackups.TreeFile(source.displayName(), source.currentParsed()))
            .toList(),
        written);
  }

  private static List<List<Integer>> includesOf(List<Node> directives) {
    List<List<Integer>> includes = new ArrayList<>();
    RedirectPlanner.walk(
        directives,
        new ArrayList<>(),
        (directive, ancestors) -> {
          if (directive.name().equals("include")) {
            includes.add(directive.includes());
          }
        });
    return includes;
  }

  /**
   * Writes every changed text (unless dryRun), after checking that each one parses: a planned edit
   * that broke the syntax would be a bug, and it must not reach the disk.
   */
  private static List<FileResult> apply(Map<SourceFile, String> texts, boolean dryRun)
      throws IOException {
    List<FileResult> results = new ArrayList<>();
    for (Map.Entry<SourceFile, String> entry : texts.entrySet()) {
      SourceFile source = entry.getKey();
      String text = entry.getValue();
      if (!text.equals(source.current())) {
        List<ParsedTree.Problem> problems =
            ConfigReader.readText(source.displayName(), Marks.bytes(text)).errors();
        if (!problems.isEmpty()) {
          throw new IllegalStateException(
              "the edited "
                  + source.displayName()
                  + " would not parse ("
                  + problems.get(0)
                  + "); nothing written");
        }
      }
    }
    Map<SourceFile, String> done = new LinkedHashMap<>();
    for (Map.Entry<SourceFile, String> entry : texts.entrySet()) {
      SourceFile source = entry.getKey();
      String text = entry.getValue();
      if (text.equals(source.current())) {
        results.add(new FileResult(source.displayName(), false, null, ""));
        continue;
      }
      String diff =
          UnifiedDiff.diff(source.displayName(), source.displayName(), source.current(), text);
      String backup = null;
      if (!dryRun) {
        SafeFileWriter.Result written;
        try {
          written =
              SafeFileWriter.replace(
                  source.path(), Marks.bytes(source.current()), Marks.bytes(text), true);
        } catch (RuntimeException e) {
          restore(
              done); // a file that cannot be written: the ones already written get their content
          // back
          throw e;
        }
        done.put(source, text);
        backup = written.backup().map(Path::toString).orElse(null);
      }
      results.add(new FileResult(source.displayName(), true, backup, diff));
    }
    return results;
  }

  /** Puts back what the files held before this run, after a failed check of what was written. */
  private static void restore(Map<SourceFile, String> texts) throws IOException {
    for (Map.Entry<SourceFile, String> entry : texts.entrySet()) {
      SourceFile source = entry.getKey();
      if (!entry.getValue().equals(source.current())) {
        SafeFileWriter.replace(source.path(), null, Marks.bytes(source.current()), null);
      }
    }
  }

  /**
   * Reads the written files back: they must parse, give back the same original, and point where we
   * said.
   */
  private static void verifyRedirect(Path file, RedirectReport report, Optional<Lift> lift)
      throws IOException {
    ConfigTree written = ConfigTree.load(file);
    for (SourceFile source : written.files()) {
      if (lift.isPresent() && !lift.get().without(source.current()).equals(source.current())) {
        throw new IllegalStateException(
            source.displayName() + ": the written file still holds lines the redirect lifts");
      }
    }
    Map<String, String> planned = new LinkedHashMap<>();
    report
        .results()
        .forEach((source, text) -> planned.put(source.displayName(), source.original()));
    for (SourceFile source : written.files()) {
      if (!source.original().equals(planned.get(source.displayName()))) {
        throw new IllegalStateException(
            source.displayName() + ": the written file does not roll back to its original");
      }
    }
    Map<String, StatusReader.Upstream> redirected =
        StatusReader.redirectedUpstreams(written.files());
    for (UpstreamChange change : report.upstreams()) {
      StatusReader.Upstream upstream = redirected.get(RedirectPlanner.key(change.name()));
      if (upstream == null || !upstream.target().equals(report.target())) {
        throw new IllegalStateException(
            "upstream "
                + change.name()
                + " does not point at "
                + report.target()
                + " in the written file");
      }
    }
  }
}

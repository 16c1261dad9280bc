package io.pryv.migration.dockerops.cli;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.FastPath;
import io.pryv.migration.common.Futures;
import io.pryv.migration.common.JsonOutput;
import io.pryv.migration.common.ToolRoot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Several database commands in one call ({@code mongo-dump,influx-backup}): in the order given,
 * except that a MongoDB command next to an InfluxDB command runs side by side with it (different
 * containers, different folders, the time of the slower only). The first step logs on stderr as it
 * runs, the second's stderr is kept apart meanwhile, and everything is printed in the order given:
 * a step's log, then its report. The first step in that order that fails (or does not end in 0)
 * gives the error line and the exit code, as when they run one after the other; the log of the step
 * that ran beside it is printed too (it ran), its report is not. Text reports one after the other;
 * {@code --json} one document holding each step's report in order, as far as they ran.
 */
final class DockerOpsSteps {
  private static final Set<DockerOpsVerb> MONGO =
      EnumSet.of(DockerOpsVerb.MONGO_DUMP, DockerOpsVerb.MONGO_RESTORE, DockerOpsVerb.MONGO_CHECK);
  private static final Set<DockerOpsVerb> INFLUX =
      EnumSet.of(DockerOpsVerb.INFLUX_BACKUP, DockerOpsVerb.INFLUX_RESTORE);

  /** Runs one verb with the verbs built for it (DockerOpsTool's dispatch). */
  interface StepRun {
    DockerOpsTool.Printed<?> run(DockerOpsVerb verb, DockerOpsVerbs verbs) throws Exception;
  }

  /** A step that ran: its report or its failure, and what it logged (when kept apart). */
  private record Outcome(
      DockerOpsVerb verb, DockerOpsTool.Printed<?> printed, Exception failure, String log) {
    /** A failure, or a report that does not end in 0, stops the call. */
    boolean stops() {
      return failure != null || printed.report().exitCode() != ExitCode.OK;
    }
  }

  private final DockerOpsOptions options;
  private final Machine machine;
  private final Clock clock;
  private final ToolRoot root;
  private final PrintStream out;
  private final PrintStream err;
  private final StepRun step;

  DockerOpsSteps(
      DockerOpsOptions options,
      Machine machine,
      Clock clock,
      ToolRoot root,
      PrintStream out,
      PrintStream err,
      StepRun step) {
    this.options = options;
    this.machine = machine;
    this.clock = clock;
    this.root = root;
    this.out = out;
    this.err = err;
    this.step = step;
  }

  /**
   * The steps in order, a MongoDB command and an InfluxDB command next to each other in one group;
   * every other step alone ({@code ensure-permissions} stays before or after both).
   */
  static List<List<DockerOpsVerb>> groups(List<DockerOpsVerb> steps) {
    boolean pairs = FastPath.SIDE_BY_SIDE_STEPS.on(); // off: one after the other, for measuring
    List<List<DockerOpsVerb>> groups = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      DockerOpsVerb verb = steps.get(i);
      if (pairs && i + 1 < steps.size() && sideBySide(verb, steps.get(i + 1))) {
        groups.add(List.of(verb, steps.get(++i)));
      } else {
        groups.add(List.of(verb));
      }
    }
    return groups;
  }

  private static boolean sideBySide(DockerOpsVerb a, DockerOpsVerb b) {
    return (MONGO.contains(a) && INFLUX.contains(b)) || (INFLUX.contains(a) && MONGO.contains(b));
  }

  int run() throws Exception {
    List<Map<String, Object>> reports = new ArrayList<>();
    try {
      for (List<DockerOpsVerb> group : groups(options.steps())) {
        List<Outcome> outcomes = group.size() == 1 ? List.of(alone(group.get(0))) : together(group);
        for (int i = 0; i < outcomes.size(); i++) {
          Outcome outcome = outcomes.get(i);
          err.print(outcome.log());
          if (outcome.stops()) {
            // the call stops here; what the step beside it did is still said
            outcomes.subList(i + 1, outcomes.size()).forEach(rest -> err.print(rest.log()));
            err.flush();
            if (outcome.failure() != null) {
              throw outcome.failure();
            }
            return report(outcome, reports);
          }
          err.flush();
          report(outcome, reports);
        }
      }
      return ExitCode.OK.code();
    } finally {
      if (options.json()) {
        JsonOutput.write(Map.of("steps", reports), out);
        out.flush();
      }
    }
  }

  /** Prints the step's text report, or adds it to the --json document; its exit code. */
  private int report(Outcome outcome, List<Map<String, Object>> reports) throws IOException {
    if (options.json()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("command", outcome.verb().word());
      entry.put("report", outcome.printed().report());
      reports.add(entry);
      return outcome.printed().report().exitCode().code();
    }
    return outcome.printed().print(root, false);
  }

  /** One step, its log straight on stderr. */
  private Outcome alone(DockerOpsVerb verb) {
    return outcome(verb, err, null);
  }

  /**
   * Two steps side by side (the second on a thread of its own, logging into its own buffer); their
   * outcomes in the order given.
   */
  private List<Outcome> together(List<DockerOpsVerb> group) {
    CompletableFuture<Outcome> second = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                second.complete(buffered(group.get(1)));
              } catch (Throwable t) {
                second.completeExceptionally(t);
              }
            },
            "docker-ops " + group.get(1).word());
    thread.setDaemon(true);
    thread.start();
    // the first logs straight on stderr (a long dump shows its progress as it goes); the second's
    // log
    // follows it
    Outcome first = alone(group.get(0));
    return List.of(first, Futures.join(second));
  }

  private Outcome buffered(DockerOpsVerb verb) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    return outcome(verb, new PrintStream(buffer, true, StandardCharsets.UTF_8), buffer);
  }

  /** Runs the step with its own verbs (its own command runner logging into {@code log}). */
  private Outcome outcome(DockerOpsVerb verb, PrintStream log, ByteArrayOutputStream buffer) {
    DockerOpsTool.Printed<?> printed = null;
    Exception failure = null;
    try {
      printed = step.run(verb, new DockerOpsVerbs(options, machine, clock, log));
    } catch (Exception e) {
      failure = e;
    }
    log.flush();
    return new Outcome(
        verb, printed, failure, buffer == null ? "" : buffer.toString(StandardCharsets.UTF_8));
  }
}

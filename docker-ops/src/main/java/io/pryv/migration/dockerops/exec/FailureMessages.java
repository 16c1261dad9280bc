package io.pryv.migration.dockerops.exec;

import io.pryv.migration.common.ProcessRunner;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a failed docker (or database tool) run into one sentence that names the container and the
 * command.
 */
final class FailureMessages {
  private static final Pattern NO_SUCH_CONTAINER = Pattern.compile("No such container: ?([^\\s]+)");
  private static final Pattern NOT_RUNNING =
      Pattern.compile("[Cc]ontainer ([0-9a-f]+|[^\\s]+) is not running");
  private static final Pattern PAUSED = Pattern.compile("[Cc]ontainer ([^\\s]+) is paused");

  private FailureMessages() {}

  static String describe(ProcessRunner.Result result) {
    List<String> command = result.command();
    String stderr = result.stderr().strip();
    String text = ShellQuote.join(command.stream().map(FailureMessages::shorten).toList());
    String container = containerOf(command);
    Matcher m = NO_SUCH_CONTAINER.matcher(stderr);
    if (m.find()) {
      return "container "
          + m.group(1)
          + " does not exist (docker ps -a lists the containers); command: "
          + text;
    }
    if (NOT_RUNNING.matcher(stderr).find()) {
      return "container "
          + (container == null ? "" : container + " ")
          + "is not running (start it first: "
          + "docker-ops start "
          + (container == null ? "NAME" : container)
          + "); command: "
          + text;
    }
    if (PAUSED.matcher(stderr).find()) {
      return "container "
          + container
          + " is paused (docker unpause "
          + container
          + "); command: "
          + text;
    }
    if (stderr.contains("Cannot connect to the Docker daemon")
        || stderr.contains("docker daemon is not running")
        || stderr.contains("permission denied while trying to connect to the Docker daemon")) {
      return "docker is not reachable: " + lastLine(stderr) + "; command: " + text;
    }
    String inside = container == null ? "" : " in container " + container;
    String reason = lastLine(stderr.isEmpty() ? result.stdout().strip() : stderr);
    return "command failed"
        + inside
        + " with exit code "
        + result.exitCode()
        + ": "
        + text
        + (reason.isEmpty() ? "" : " (" + reason + ")");
  }

  /**
   * The container of a {@code docker [-H X] exec|start|stop|restart ... NAME} command, if it is
   * one.
   */
  static String containerOf(List<String> command) {
    int verb = -1;
    for (int i = 1; i < command.size(); i++) {
      String arg = command.get(i);
      if (arg.equals("-H")) {
        i++;
        continue;
      }
      verb = i;
      break;
    }
    if (verb < 0 || !command.get(0).endsWith("docker")) {
      return null;
    }
    String name = command.get(verb);
    for (int i = verb + 1; i < command.size(); i++) {
      String arg = command.get(i);
      if (arg.startsWith("-")) {
        if (arg.equals("-t") || arg.equals("--time") || arg.equals("-u") || arg.equals("-w")) {
          i++;
        }
        continue;
      }
      return name.equals("exec")
              || name.equals("start")
              || name.equals("stop")
              || name.equals("restart")
              || name.equals("inspect")
          ? arg
          : null;
    }
    return null;
  }

  /**
   * A long argument (a mongo shell script) would drown the message: its start is enough to
   * recognise it.
   */
  private static String shorten(String argument) {
    return argument.length() <= 80 ? argument : argument.substring(0, 40) + "...";
  }

  private static String lastLine(String text) {
    String[] lines = text.strip().split("\n");
    return lines[lines.length - 1].strip();
  }
}

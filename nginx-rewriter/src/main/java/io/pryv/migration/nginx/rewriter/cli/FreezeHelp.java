package io.pryv.migration.nginx.rewriter.cli;

import io.pryv.migration.common.CommandLineParsing;
import org.apache.commons.cli.Options;

/** The --help texts of freeze and unfreeze. */
final class FreezeHelp {
  private FreezeHelp() {}

  static String of(String verb, Options options) {
    return switch (verb) {
      case "freeze" ->
          CommandLineParsing.help(
              "nginx-rewriter freeze FILE [OPTIONS]",
              """
          Pauses writes, keeps reads: at the top of every server block of FILE (and of the files it includes),
          requests whose method is not GET, HEAD or OPTIONS, and websocket upgrades (socket.io carries writes),
          get 503 with Retry-After and {"error":{"id":"api-unavailable","message":...}}, without reaching the
          core. GET, HEAD and OPTIONS (CORS preflight) pass as before. Logins are writes (POST .../auth/login):
          they are refused too. Each added line ends with #[nginx-rewriter:frozen]; unfreeze removes exactly
          them. Running it again changes nothing; another --retry-after replaces the value. Works on a
          redirected file, and redirect works on a frozen one. Then reload nginx (a HUP to its master, as
          nginx -s reload sends): reads keep being answered during a reload, a restart would drop them.""",
              options,
              """
          Examples:
            nginx-rewriter freeze site-443.conf --dry-run
            nginx-rewriter freeze site-443.conf --retry-after 300 --nginx-test
          """
                  + HelpTexts.EXIT_CODES);
      case "unfreeze" ->
          CommandLineParsing.help(
              "nginx-rewriter unfreeze FILE [OPTIONS]",
              """
          Removes every line marked #[nginx-rewriter:frozen] from FILE and the files it includes: the file comes
          back byte for byte as it was before freeze (a redirect made meanwhile stays). Works on a copy of the
          file, and after the backup is gone.""",
              options,
              """
          Examples:
            nginx-rewriter unfreeze site-443.conf --dry-run
            nginx-rewriter unfreeze site-443.conf
          """
                  + HelpTexts.EXIT_CODES);
      default -> throw new IllegalArgumentException(verb);
    };
  }
}

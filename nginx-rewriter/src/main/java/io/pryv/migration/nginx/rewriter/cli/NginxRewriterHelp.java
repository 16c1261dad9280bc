package io.pryv.migration.nginx.rewriter.cli;

import io.pryv.migration.common.CommandLineParsing;
import org.apache.commons.cli.Options;

/** The --help texts: the overview of the verbs, and what each verb does, with examples. */
final class NginxRewriterHelp {
  private NginxRewriterHelp() {}

  /** The verb's own page, or the overview. */
  static String text(NginxRewriterOptions options) {
    return options.verb() == null ? global() : of(options.verb());
  }

  static final String EXIT_CODES =
      """
      Exit codes: 0 done (status: redirected), 1 status: not redirected, 2 usage error,
                  3 bad input (unparsable config, unknown upstream), 4 environment (nginx -t failed, I/O),
                  5 internal error.""";

  static String global() {
    return """
        Usage: nginx-rewriter COMMAND [OPTIONS] FILE

        Re-points the upstreams of an nginx site file (Pryv.io's site-443.conf) at another machine while DNS
        propagates, and undoes it. Only the needed lines change: each old line is kept, commented out with the
        mark #[nginx-rewriter:was], each added line ends with #[nginx-rewriter:added]; comments, indentation,
        tabs and CRLF stay as they were. Writes are atomic and keep FILE.bak (a name no site*.conf glob loads).

        Commands:
          redirect FILE --to HOST[:PORT]  every upstream (or --only a,b) -> one "server HOST:PORT;" (port 443);
                                          proxy_pass http://UPSTREAM[/URI] -> proxy_pass https://UPSTREAM;
                                          adds proxy_ssl_server_name on; proxy_ssl_name $host;
                                          --unfreeze: lifts a freeze in the same write
          rollback FILE                   restores every touched file byte for byte, from the file itself
          freeze FILE                     writes (not GET/HEAD/OPTIONS) get 503 + Retry-After, reads pass
          unfreeze FILE                   removes the freeze lines, byte for byte
          status FILE                     says whether and where FILE is redirected (exit 0 yes, 1 no), and
                                          whether it is frozen (does not change the exit code)
          parse FILE                      crossplane parse: the config as JSON (crossplane's flags)
          build FILE                      crossplane build: config files from such JSON
          lex FILE                        crossplane lex: the tokens of a config as JSON

        Examples:
          nginx-rewriter redirect /var/pryv/pryv/nginx/conf/site-443.conf --to 10.0.0.2 --dry-run
          nginx-rewriter redirect site-443.conf --to 10.0.0.2 --nginx-test
          nginx-rewriter redirect site-443.conf --to '[2001:db8::2]:8443' --only core_server,hfs_server
          nginx-rewriter freeze site-443.conf --retry-after 120
          nginx-rewriter redirect site-443.conf --to 10.0.0.2 --unfreeze
          nginx-rewriter status site-443.conf
          nginx-rewriter rollback site-443.conf
          nginx-rewriter parse --include-comments nginx.conf

        Run 'nginx-rewriter COMMAND --help' for the options of a command. --version prints the version.
        """
        + EXIT_CODES
        + "\n";
  }

  static String of(NginxRewriterVerb verb) {
    Options options = NginxRewriterOptionsParser.options(verb);
    return switch (verb) {
      case REDIRECT ->
          CommandLineParsing.help(
              "nginx-rewriter redirect FILE --to HOST[:PORT] [OPTIONS]",
              """
          Re-points every upstream block of FILE and of the files it includes (or only those named by --only)
          at one "server HOST:PORT;", the old server lines commented out in place. Every
          "proxy_pass http://UPSTREAM[/URI]" to a redirected upstream becomes "proxy_pass https://UPSTREAM;"
          (no URI part, so /auth/login reaches the new core as /auth/login), and its location gets
          "proxy_ssl_server_name on; proxy_ssl_name $host;" unless it sets them (an https proxy_pass to a
          redirected upstream too). proxy_pass lines with a variable or to another host are left alone;
          fastcgi/uwsgi/scgi/grpc/memcached_pass lines to a redirected upstream are reported. A line holding
          several directives is commented out whole, its edited copy added above. A symbolic link stays a link:
          its target is edited. Running it again with the same target changes nothing; another target
          re-points cleanly (upstreams redirected before stay redirected). With --unfreeze the lines of a
          freeze (nginx-rewriter freeze) go in the same atomic write: the result is byte for byte that of
          unfreeze then redirect, with no moment where the file is unfrozen but not yet redirected. On a
          file that is not frozen it is a plain redirect, and says so.""",
              options,
              """
          Examples:
            nginx-rewriter redirect site-443.conf --to 10.0.0.2 --dry-run
            nginx-rewriter redirect site-443.conf --to core2.example.com:443 --nginx-test
            nginx-rewriter redirect site-443.conf --to '[2001:db8::2]' --only core_server,websocket_server
            nginx-rewriter redirect site-443.conf --to 10.0.0.2 --unfreeze --nginx-test
          """
                  + EXIT_CODES);
      case ROLLBACK ->
          CommandLineParsing.help(
              "nginx-rewriter rollback FILE [OPTIONS]",
              """
          Undoes every redirect in FILE and the files it includes: removes the lines marked
          #[nginx-rewriter:added] and un-comments the lines marked #[nginx-rewriter:was]. The original comes back
          byte for byte from the file itself: it works on a copy, and after the backup is gone.""",
              options,
              """
          Examples:
            nginx-rewriter rollback site-443.conf --dry-run
            nginx-rewriter rollback site-443.conf
          """
                  + EXIT_CODES);
      case STATUS ->
          CommandLineParsing.help(
              "nginx-rewriter status FILE [OPTIONS]",
              """
          Says whether FILE (with the files it includes) is redirected, and to where, upstream by upstream,
          and whether it is frozen (nginx-rewriter freeze), server block by server block. Exit 0 when at least
          one upstream is redirected, 1 when none is, frozen or not ("frozen" in --json).""",
              options,
              """
          Example:
            nginx-rewriter status site-443.conf && echo redirected
          """
                  + EXIT_CODES);
      case FREEZE ->
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
                  + EXIT_CODES);
      case UNFREEZE ->
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
                  + EXIT_CODES);
      case PARSE, BUILD, LEX ->
          throw new IllegalArgumentException(verb.word() + " prints crossplane's own help");
    };
  }
}

package io.pryv.migration.nginx.rewriter.cli;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.HostAndPort;
import io.pryv.migration.common.ToolRoot;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything the command line says, validated. {@code help}/{@code version} short-circuit the rest;
 * the help is the verb's own page when {@code verb} is set, else the overview. Fields a verb does
 * not take hold their defaults.
 *
 * @param verb null for the overview and the version
 * @param helpExit 0 when the help was asked for, 2 when it is printed because no verb was given
 * @param target where redirect points the upstreams; null for the other verbs
 * @param unfreeze redirect --unfreeze: the freeze's lines go in the same write
 * @param retryAfter freeze's Retry-After, in seconds
 * @param crossplaneArguments parse, build and lex: every argument but the verb, for crossplane's
 *     own parser
 * @param warnings deprecation lines of old spellings
 */
record NginxRewriterOptions(
    boolean help,
    boolean version,
    ExitCode helpExit,
    NginxRewriterVerb verb,
    Path file,
    HostAndPort target,
    Optional<List<String>> only,
    boolean unfreeze,
    int retryAfter,
    boolean dryRun,
    NginxTest nginxTest,
    boolean json,
    List<String> crossplaneArguments,
    List<String> warnings)
    implements ToolRoot.Parsed {

  static NginxRewriterOptions overview(ExitCode exit) {
    return bare(true, false, exit, null, List.of(), List.of());
  }

  static NginxRewriterOptions help(NginxRewriterVerb verb) {
    return bare(true, false, ExitCode.OK, verb, List.of(), List.of());
  }

  static NginxRewriterOptions versionOnly(List<String> warnings) {
    return bare(false, true, ExitCode.OK, null, List.of(), warnings);
  }

  static NginxRewriterOptions crossplane(NginxRewriterVerb verb, List<String> arguments) {
    return bare(false, false, ExitCode.OK, verb, arguments, List.of());
  }

  /** Options that run no verb of the tool's own (help, version, crossplane's verbs). */
  private static NginxRewriterOptions bare(
      boolean help,
      boolean version,
      ExitCode helpExit,
      NginxRewriterVerb verb,
      List<String> crossplaneArguments,
      List<String> warnings) {
    return new NginxRewriterOptions(
        help,
        version,
        helpExit,
        verb,
        null,
        null,
        Optional.empty(),
        false,
        0,
        false,
        NginxTest.OFF,
        false,
        List.copyOf(crossplaneArguments),
        List.copyOf(warnings));
  }

  @Override
  public ExitCode helpExitCode() {
    return helpExit;
  }
}

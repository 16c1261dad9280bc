package io.pryv.migration.verify.cli;

import io.pryv.migration.common.CommandLineParsing;

/** The --help text: what verify does, its verbs, its options and examples. */
final class VerifyHelp {
  static final String USAGE = "java -jar verify.jar seed|snapshot|check|health --api URL [options]";

  private VerifyHelp() {}

  static String text() {
    return CommandLineParsing.help(USAGE, DESCRIPTION, VerifyOptionsParser.options(), EXAMPLES);
  }

  private static final String DESCRIPTION =
      String.join(
          "\n",
          "Proves through the Pryv.io HTTP API that accounts arrived intact after a core migration.",
          "  seed      before the move: create marker streams/events (attachment, series, trashed, deleted) in",
          "            existing accounts, a read-only access for the check, and a seed manifest (--out)",
          "  snapshot  fingerprint whole accounts (streams, every event incl. trashed and deleted, attachment",
          "            SHA-256, series points, accesses) into a snapshot file (--out)",
          "  check     re-read dest and compare with a seed manifest or snapshot (--against); exit 1 on any difference",
          "  health    the core answers (API root, service info with its api URL, on classic and dnsLess cores),",
          "            TLS is valid, a token can read; --wait 2m keeps probing while a starting core does not answer",
          "seed and snapshot wait (--settle, default 30s) for series events the core has not rewritten yet: a core",
          "rewrites a series event about 10 s after its last points write, and a record taken before goes stale.",
          "Event integrity (EVENT:0:sha256-...) is recomputed: present and intact are checked separately.",
          "Tokens: --token-file FILE or PRYV_TOKEN, never argv, never printed.");

  private static final String EXAMPLES =
      String.join(
          "\n",
          "Examples:",
          "  PRYV_TOKEN=... java -jar verify.jar seed --api https://core1.example.com/ --user alice --out seed.json",
          "  java -jar verify.jar snapshot --api https://core1.example.com/ --users accounts.txt \\",
          "      --token-file tokens.txt --out before.jsonl",
          "  java -jar verify.jar check --api https://core1.example.com/ --against seed.json --token-file seed.json.token \\",
          "      --resolve core1.example.com:443:203.0.113.7     # dest by IP, before DNS moves",
          "  java -jar verify.jar health --api https://core1.example.com/ --user alice --cacert dest-ca.pem",
          "Exit codes: 0 identical / healthy, 1 difference / unhealthy, 2 usage, 3 bad input, 4 network or API error.");
}

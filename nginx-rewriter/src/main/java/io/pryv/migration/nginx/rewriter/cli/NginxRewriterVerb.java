package io.pryv.migration.nginx.rewriter.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The verbs of nginx-rewriter, as typed on the command line. */
enum NginxRewriterVerb {
  REDIRECT,
  ROLLBACK,
  FREEZE,
  UNFREEZE,
  STATUS,
  PARSE,
  BUILD,
  LEX;

  String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** parse, build and lex: crossplane's command line, with crossplane's own options. */
  boolean crossplane() {
    return this == PARSE || this == BUILD || this == LEX;
  }

  /** The verbs that write the site files: --dry-run, --nginx-test, --nginx. */
  boolean writes() {
    return this == REDIRECT || this == ROLLBACK || this == FREEZE || this == UNFREEZE;
  }

  static Optional<NginxRewriterVerb> named(String word) {
    return Arrays.stream(values()).filter(v -> v.word().equals(word)).findFirst();
  }

  /** "redirect, rollback, ..., build or lex". */
  static String list() {
    List<String> words = Arrays.stream(values()).map(NginxRewriterVerb::word).toList();
    return String.join(", ", words.subList(0, words.size() - 1))
        + " or "
        + words.get(words.size() - 1);
  }
}

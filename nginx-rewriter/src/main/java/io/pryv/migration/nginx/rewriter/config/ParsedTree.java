package io.pryv.migration.nginx.rewriter.config;

import java.util.List;

/** A parsed main file and the files it includes (the main file first), or the errors that stopped it. */
public record ParsedTree(List<ParsedFile> files, List<Problem> errors) {

  /** A parse error: file, line (null when unknown), message. */
  public record Problem(String file, Integer line, String message) {}
}

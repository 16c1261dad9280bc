package io.pryv.migration.nginx.conf.lex;

/**
 * crossplane's {@code NgxParserSyntaxError}: a reason, the file and the line. Its message reads
 * like crossplane's {@code str(e)}: {@code REASON in FILE:LINE}, or {@code REASON in FILE} without
 * line.
 */
public class NgxSyntaxError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String reason;
  private final String file;
  private final Integer line;

  public NgxSyntaxError(String reason, String file, Integer line) {
    super(line == null ? reason + " in " + file : reason + " in " + file + ":" + line);
    this.reason = reason;
    this.file = file;
    this.line = line;
  }

  public String reason() {
    return reason;
  }

  public String file() {
    return file;
  }

  /** The line, or null when crossplane reports none. */
  public Integer line() {
    return line;
  }
}

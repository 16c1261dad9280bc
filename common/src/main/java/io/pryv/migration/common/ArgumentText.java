package io.pryv.migration.common;

/**
 * A user's argument as error lines show it: whole when short, else its start and end around an
 * ellipsis with its length, so that a pasted 5,000-character path still gives one readable line.
 */
public final class ArgumentText {
  /** Longer arguments are cut. */
  static final int MAX = 120;

  private static final int HEAD = 80;
  private static final int TAIL = 30;

  private ArgumentText() {}

  public static String cut(String text) {
    if (text == null || text.length() <= MAX) {
      return text;
    }
    return text.substring(0, HEAD)
        + "..."
        + text.substring(text.length() - TAIL)
        + " ("
        + text.length()
        + " characters)";
  }

  /**
   * {@code message} with every run of non-blank characters longer than the limit {@link #cut} (a
   * parser's words).
   */
  public static String cutWithin(String message) {
    if (message == null) {
      return null;
    }
    return java.util.regex.Pattern.compile("\\S{" + (MAX + 1) + ",}")
        .matcher(message)
        .replaceAll(match -> java.util.regex.Matcher.quoteReplacement(cut(match.group())));
  }

  /** {@link #cut} between single quotes. */
  public static String quoted(String text) {
    return "'" + cut(text) + "'";
  }
}

package io.pryv.migration.nginx.conf.parse;

/**
 * The part of Python's {@code str % arg} that crossplane's flag error message goes through twice:
 * {@code %s} and {@code %%}. A flag value containing another {@code %} sequence makes Python fail
 * the same way here.
 */
final class PercentFormat {
  private PercentFormat() {}

  static String format(String template, String arg) {
    StringBuilder out = new StringBuilder(template.length() + arg.length());
    boolean used = false;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c != '%') {
        out.append(c);
        continue;
      }
      if (i + 1 >= template.length()) {
        throw new IllegalArgumentException("incomplete format");
      }
      char spec = template.charAt(++i);
      if (spec == '%') {
        out.append('%');
      } else if (spec == 's') {
        if (used) {
          throw new IllegalArgumentException("not enough arguments for format string");
        }
        out.append(arg);
        used = true;
      } else {
        throw new IllegalArgumentException(
            String.format(
                "unsupported format character '%c' (0x%x) at index %d", spec, (int) spec, i));
      }
    }
    if (!used) {
      throw new IllegalArgumentException("not all arguments converted during string formatting");
    }
    return out.toString();
  }
}

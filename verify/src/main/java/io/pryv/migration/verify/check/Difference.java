package io.pryv.migration.verify.check;

/**
 * One difference between what was expected and what dest holds.
 *
 * @param type {@code missing|changed|extra}
 * @param kind {@code stream|event|attachment|series|access}
 */
public record Difference(String type, String kind, String id, String message) {

  public String line() {
    return String.format(
        "%-8s %-10s %s: %s", type.toUpperCase(java.util.Locale.ROOT), kind, id, message);
  }
}

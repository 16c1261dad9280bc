package io.pryv.migration.common.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers written the way JavaScript's {@code String(number)} writes them: the value is first
 * rounded to a double (as {@code JSON.parse} does), then printed with the fewest digits that read
 * back as that double, in the ECMAScript layout ({@code 1e+21}, {@code 100000000000000000000},
 * {@code 1e-7}, {@code 0.000001}).
 */
public final class JsNumber {
  private static final long MAX_SAFE = 1L << 53;

  private JsNumber() {}

  /** Formats a numeric JSON node; the node should keep the exact text (BigDecimal for floats). */
  public static String format(JsonNode number) {
    if (number.isIntegralNumber()) {
      if (number.canConvertToLong()) {
        long value = number.longValue();
        if (value > -MAX_SAFE && value < MAX_SAFE) {
          return Long.toString(value);
        }
      }
      return format(number.bigIntegerValue().doubleValue());
    }
    if (number.isBigDecimal()) {
      return format(number.decimalValue());
    }
    return format(number.doubleValue());
  }

  /** Formats an exact decimal as JavaScript would after parsing it. */
  public static String format(BigDecimal exact) {
    if (exact.signum() == 0) {
      return "0";
    }
    BigDecimal stripped = exact.stripTrailingZeros();
    // Up to 15 significant digits, a decimal is the shortest text of the double nearest to it: two
    // different
    // decimals of at most 15 digits never round to the same double.
    if (stripped.precision() <= 15) {
      double asDouble = stripped.doubleValue();
      if (Double.isInfinite(asDouble) || asDouble == 0) {
        return format(asDouble);
      }
      String digits = stripped.unscaledValue().abs().toString();
      return layout(stripped.signum() < 0, digits, digits.length() - stripped.scale());
    }
    return format(exact.doubleValue());
  }

  /** Formats a double as JavaScript's {@code String(number)}. */
  public static String format(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "null"; // JSON.stringify writes non-finite numbers as null
    }
    if (value == 0) {
      return "0";
    }
    if (value == Math.rint(value) && Math.abs(value) < MAX_SAFE) {
      return Long.toString((long) value);
    }
    BigDecimal exact = new BigDecimal(Math.abs(value));
    for (int precision = 1; precision <= 17; precision++) {
      BigDecimal rounded = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
      if (rounded.doubleValue() == Math.abs(value)) {
        BigDecimal stripped = rounded.stripTrailingZeros();
        String digits = stripped.unscaledValue().toString();
        return layout(value < 0, digits, digits.length() - stripped.scale());
      }
    }
    throw new IllegalStateException("no 17-digit representation for " + value);
  }

  /**
   * ECMAScript Number::toString layout for digits {@code s} (k of them) and point position {@code
   * n}: the value is {@code 0.s × 10^n}.
   */
  static String layout(boolean negative, String digits, int n) {
    int k = digits.length();
    StringBuilder out = new StringBuilder(k + 8);
    if (negative) {
      out.append('-');
    }
    if (k <= n && n <= 21) {
      out.append(digits);
      out.append("0".repeat(n - k));
    } else if (0 < n && n <= 21) {
      out.append(digits, 0, n).append('.').append(digits, n, k);
    } else if (-6 < n && n <= 0) {
      out.append("0.").append("0".repeat(-n)).append(digits);
    } else {
      int exponent = n - 1;
      out.append(digits.charAt(0));
      if (k > 1) {
        out.append('.').append(digits, 1, k);
      }
      out.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
    }
    return out.toString();
  }
}

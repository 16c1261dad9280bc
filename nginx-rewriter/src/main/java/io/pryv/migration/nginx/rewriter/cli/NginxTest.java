package io.pryv.migration.nginx.rewriter.cli;

/**
 * How to test a result with nginx before writing it: not at all, or with this program (null: find
 * it).
 */
record NginxTest(boolean enabled, String program) {
  static final NginxTest OFF = new NginxTest(false, null);
}

package io.pryv.migration.nginx.rewriter.cli;

import io.pryv.migration.common.ProcessRunner;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Runs the whole nginx-rewriter command line in-process (nginx found in /usr/sbin or /usr/bin) and
 * keeps exit code, stdout and stderr.
 */
record ToolRun(int code, String out, String err) {

  static ToolRun of(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new NginxRewriterTool(
                InputStream.nullInputStream(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("PATH", "/usr/sbin:/usr/bin"),
                ProcessRunner.local())
            .run(args);
    return new ToolRun(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}

package io.pryv.migration.nginx.rewriter.crossplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.nginx.rewriter.redirect.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands end to end, on files in a temp folder, with captured streams. */
class ParserCommandsTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Path dir, String stdin, String command, String... args) {
    out.reset();
    err.reset();
    ParserCommands commands =
        new ParserCommands(
            "nginx-rewriter",
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            dir);
    return commands.run(command, args);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void parseWritesCrossplanesJsonByteForByte(@TempDir Path dir) throws Exception {
    Path root = Fixtures.copyFolder("parse-verb/crossplane-py", dir);
    assertEquals(0, run(root, "", "parse", "messy/nginx.conf", "--indent", "2"));
    assertEquals(Files.readString(root.resolve("messy/nginx.json")), out());
    assertEquals(
        0, run(root, "", "parse", "includes-regular/nginx.conf", "-i", "2", "--include-comments"));
    assertEquals(Files.readString(root.resolve("includes-regular/nginx.comments.json")), out());
  }

  @Test
  void parseThenBuildThenParseAgainRoundTrips(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("site.conf"),
        "http {\nupstream core { server 10.0.0.1:3000; }\n"
            + "server {\n  listen 443 ssl;  # tls\n  location / { proxy_pass http://core; }\n}\n}\n");
    assertEquals(0, run(dir, "", "parse", "site.conf", "--include-comments", "-o", "site.json"));
    assertEquals("", out());
    assertEquals(0, run(dir, "", "build", "site.json", "--stdout", "--no-headers"));
    assertEquals(
        "# "
            + dir.toAbsolutePath()
            + "/site.conf\nhttp {\n    upstream core {\n"
            + "        server 10.0.0.1:3000;\n    }\n    server {\n        listen 443 ssl; # tls\n"
            + "        location / {\n            proxy_pass http://core;\n        }\n    }\n}\n\n",
        out());

    Path rebuilt = dir.resolve("rebuilt");
    assertEquals(0, run(dir, "", "build", "site.json", "--dir", rebuilt.toString(), "-v"));
    assertEquals("wrote to " + rebuilt.resolve("site.conf") + "\n", out());
    String built = Files.readString(rebuilt.resolve("site.conf"));
    assertTrue(built.startsWith("# This config was built from JSON"), built);

    // an existing file is only replaced after a yes
    Files.writeString(rebuilt.resolve("site.conf"), "keep me\n");
    assertEquals(0, run(dir, "n\n", "build", "site.json", "--dir", rebuilt.toString()));
    assertTrue(
        out().contains("would overwrite these files:") && out().endsWith("not overwritten\n"),
        out());
    assertEquals("keep me\n", Files.readString(rebuilt.resolve("site.conf")));
    assertEquals(1, run(dir, "", "build", "site.json", "--dir", rebuilt.toString()));
    assertEquals("keep me\n", Files.readString(rebuilt.resolve("site.conf")));
    assertEquals(0, run(dir, "y\n", "build", "site.json", "--dir", rebuilt.toString()));
    assertEquals(built, Files.readString(rebuilt.resolve("site.conf")));
  }

  @Test
  void lexPrintsTokensWithLineNumbers(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.conf"), "user nginx;\nevents {}\n");
    assertEquals(0, run(dir, "", "lex", "a.conf", "-n"));
    assertEquals(
        "[[\"user\",1],[\"nginx\",1],[\";\",1],[\"events\",2],[\"{\",2],[\"}\",2]]\n", out());
    assertEquals(0, run(dir, "", "lex", "a.conf"));
    assertEquals("[\"user\",\"nginx\",\";\",\"events\",\"{\",\"}\"]\n", out());
  }

  @Test
  void errorsAreOneLineWithTheirExitCode(@TempDir Path dir) throws Exception {
    assertEquals(3, run(dir, "", "lex", "missing.conf"));
    assertEquals(
        "nginx-rewriter: error: no such file: " + dir.resolve("missing.conf") + "\n",
        err.toString(StandardCharsets.UTF_8));
    Files.writeString(dir.resolve("broken.conf"), "a {\n");
    assertEquals(3, run(dir, "", "lex", "broken.conf"));
    assertEquals(
        "nginx-rewriter: error: unexpected end of file, expecting \"}\" in broken.conf:1\n",
        err.toString(StandardCharsets.UTF_8));
    assertEquals(2, run(dir, "", "parse", "--bogus"));
    Files.writeString(dir.resolve("bad.json"), "{not json");
    assertEquals(3, run(dir, "", "build", "bad.json", "--stdout"));
    assertTrue(
        err.toString(StandardCharsets.UTF_8)
            .startsWith("nginx-rewriter: error: bad.json: not JSON"));
    // a config with errors still gives its payload, with exit 0, as crossplane does
    assertEquals(0, run(dir, "", "parse", "broken.conf"));
    assertTrue(out().startsWith("{\"status\":\"failed\""), out());
  }

  @Test
  void helpExplainsEachCommand(@TempDir Path dir) {
    for (String command : new String[] {"parse", "build", "lex"}) {
      assertEquals(0, run(dir, "", command, "--help"));
      assertTrue(out().startsWith("usage: nginx-rewriter " + command), out());
      assertTrue(out().contains("Examples:"), out());
    }
  }
}

package io.pryv.migration.nginx.rewriter.nginxtest;

import io.pryv.migration.common.ProcessRunner;
import io.pryv.migration.common.ProgramPath;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.nginx.rewriter.config.ConfigReader;
import io.pryv.migration.nginx.rewriter.config.Node;
import io.pryv.migration.nginx.rewriter.config.ParsedTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs {@code nginx -t} on texts that are not written yet, in a temp folder: each file of the
 * include tree is copied there (includes pointing at the copies), and only what ties a config to
 * its machine is swapped for sandbox stand-ins: log files, certificates and keys, the pid file,
 * {@code user}. A site file (no {@code http} block of its own) is wrapped in a minimal {@code
 * nginx.conf} that includes it inside {@code http}, with the log formats it uses. Everything else,
 * upstream hosts included, is tested as written.
 */
public final class NginxSandbox {

  /**
   * One file to test: its name for messages, its text, and for each of its include directives (in
   * file order) the indices of the files (in the same list) it loads.
   */
  public record Input(String name, String text, List<List<Integer>> includes) {}

  public record Result(boolean passed, String output) {}

  private static final Set<String> CERTIFICATES =
      Set.of(
          "ssl_certificate",
          "proxy_ssl_certificate",
          "proxy_ssl_trusted_certificate",
          "ssl_trusted_certificate",
          "ssl_client_certificate");
  private static final Set<String> KEYS =
      Set.of("ssl_certificate_key", "proxy_ssl_certificate_key");
  private static final Set<String> DROPPED =
      Set.of(
          "user",
          "ssl_dhparam",
          "ssl_crl",
          "proxy_ssl_crl",
          "ssl_stapling_file",
          "ssl_session_ticket_key",
          "ssl_password_file",
          "proxy_ssl_password_file");

  private final Path nginx;
  private final ProcessRunner runner;

  public NginxSandbox(Path nginx, ProcessRunner runner) {
    this.nginx = nginx;
    this.runner = runner;
  }

  public Result test(List<Input> inputs) throws IOException {
    Path dir = Files.createTempDirectory("nginx-rewriter-test-");
    try {
      Files.createDirectories(dir.resolve("logs"));
      SelfSignedCertificate certificate = SelfSignedCertificate.create(dir, "localhost", runner);
      Set<String> formats = new LinkedHashSet<>();
      Set<String> defined = new LinkedHashSet<>();
      boolean fullConfig = false;
      for (int i = 0; i < inputs.size(); i++) {
        Path copy = copyName(dir, i);
        Files.write(copy, inputs.get(i).text().getBytes(StandardCharsets.ISO_8859_1));
        ParsedTree tree =
            ConfigReader.readText(
                copy.toString(), inputs.get(i).text().getBytes(StandardCharsets.ISO_8859_1));
        if (!tree.errors().isEmpty()) {
          return new Result(false, inputs.get(i).name() + ": " + tree.errors().get(0).message());
        }
        List<Node> parsed = tree.files().get(0).nodes();
        if (i == 0) {
          fullConfig =
              parsed.stream().anyMatch(d -> d.name().equals("http") || d.name().equals("events"));
        }
        Adapter adapter = new Adapter(dir, certificate, inputs.get(i).includes(), formats, defined);
        adapter.walk(parsed);
        Files.write(
            copy, adapter.apply(inputs.get(i).text()).getBytes(StandardCharsets.ISO_8859_1));
      }
      Path main = fullConfig ? copyName(dir, 0) : wrapper(dir, formats, defined);
      ProcessRunner.Result result =
          runner.run(
              List.of(nginx.toString(), "-t", "-p", dir + "/", "-c", main.toString()),
              dir,
              Duration.ofSeconds(60));
      String output = result.stdout() + result.stderr();
      for (int i = inputs.size() - 1; i >= 0; i--) {
        output = output.replace(copyName(dir, i).toString(), inputs.get(i).name());
      }
      return new Result(result.succeeded(), output.replace(dir + "/", "SANDBOX/").strip());
    } finally {
      deleteTree(dir);
    }
  }

  private static Path copyName(Path dir, int index) {
    return dir.resolve("f" + index + ".conf");
  }

  private static Path wrapper(Path dir, Set<String> formats, Set<String> defined)
      throws IOException {
    StringBuilder text = new StringBuilder();
    text.append("pid ").append(dir.resolve("nginx.pid")).append(";\n");
    text.append("error_log ").append(dir.resolve("logs/error.log")).append(";\n");
    text.append("events {}\nhttp {\n");
    text.append("  server_names_hash_bucket_size 128;\n");
    for (String format : formats) {
      if (!format.equals("combined") && !defined.contains(format)) {
        text.append("  log_format ")
            .append(format)
            .append(" '$remote_addr \"$request\" $status';\n");
      }
    }
    text.append("  ssl_certificate ").append(dir.resolve("cert.pem")).append(";\n");
    text.append("  ssl_certificate_key ").append(dir.resolve("key.pem")).append(";\n");
    text.append("  include ").append(copyName(dir, 0)).append(";\n}\n");
    Path wrapper = dir.resolve("nginx.conf");
    Files.writeString(wrapper, text);
    return wrapper;
  }

  /** Collects the span replacements of one file. */
  private static final class Adapter {
    private record Splice(int start, int end, String text) {}

    private final Path dir;
    private final SelfSignedCertificate certificate;
    private final List<List<Integer>> includes;
    private final Set<String> formats;
    private final Set<String> defined;
    private final List<Splice> splices = new ArrayList<>();
    private int includeIndex;

    Adapter(
        Path dir,
        SelfSignedCertificate certificate,
        List<List<Integer>> includes,
        Set<String> formats,
        Set<String> defined) {
      this.dir = dir;
      this.certificate = certificate;
      this.includes = includes;
      this.formats = formats;
      this.defined = defined;
    }

    void walk(List<Node> directives) {
      for (Node directive : directives) {
        adapt(directive);
        directive.block().ifPresent(this::walk);
      }
    }

    private void adapt(Node d) {
      String name = d.name();
      List<Node.Arg> args = d.args();
      if (name.equals("include")) {
        List<Integer> targets =
            includeIndex < includes.size() ? includes.get(includeIndex) : List.of();
        includeIndex++;
        StringBuilder text = new StringBuilder();
        for (int target : targets) {
          text.append("include ").append(copyName(dir, target)).append("; ");
        }
        splices.add(new Splice(d.start(), d.end(), text.toString().strip()));
      } else if (name.equals("log_format") && !args.isEmpty()) {
        defined.add(args.get(0).value());
      } else if (name.equals("access_log")
          && !args.isEmpty()
          && !args.get(0).value().equals("off")
          && !args.get(0).value().startsWith("syslog:")) {
        if (args.size() > 1) {
          formats.add(args.get(1).value());
        }
        replace(args.get(0), dir.resolve("logs/access-" + splices.size() + ".log").toString());
      } else if (name.equals("error_log")
          && !args.isEmpty()
          && !args.get(0).value().equals("stderr")
          && !args.get(0).value().startsWith("syslog:")
          && !args.get(0).value().startsWith("memory:")) {
        replace(args.get(0), dir.resolve("logs/error-" + splices.size() + ".log").toString());
      } else if (name.equals("pid") && !args.isEmpty()) {
        replace(args.get(0), dir.resolve("nginx.pid").toString());
      } else if (CERTIFICATES.contains(name) && !args.isEmpty()) {
        replace(args.get(0), certificate.certificate().toString());
      } else if (KEYS.contains(name) && !args.isEmpty()) {
        replace(args.get(0), certificate.key().toString());
      } else if (DROPPED.contains(name)) {
        splices.add(new Splice(d.start(), d.end(), ""));
      }
    }

    private void replace(Node.Arg token, String value) {
      splices.add(new Splice(token.start(), token.end(), value));
    }

    String apply(String text) {
      splices.sort(Comparator.comparingInt(Splice::start));
      StringBuilder out = new StringBuilder();
      int position = 0;
      for (Splice splice : splices) {
        out.append(text, position, splice.start()).append(splice.text());
        position = splice.end();
      }
      return out.append(text, position, text.length()).toString();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  /**
   * The nginx program: the given path, or the first {@code nginx} on PATH or in the sbin folders.
   */
  public static Path locate(String given, Map<String, String> environment) {
    if (given != null) {
      Path path = Path.of(given);
      if (!Files.isExecutable(path)) {
        throw ToolException.environment("--nginx " + given + " is not an executable program");
      }
      return path;
    }
    List<String> sbin = new ArrayList<>(ProgramPath.SBIN);
    sbin.add("/usr/local/nginx/sbin");
    return ProgramPath.find("nginx", environment.get("PATH"), sbin)
        .orElseThrow(
            () ->
                ToolException.environment(
                    "--nginx-test needs nginx, which is not installed here; give its path with --nginx, or run without"
                        + " --nginx-test"));
  }
}

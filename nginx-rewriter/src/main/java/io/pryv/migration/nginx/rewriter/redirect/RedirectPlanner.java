package io.pryv.migration.nginx.rewriter.redirect;

import io.pryv.migration.common.HostAndPort;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.nginx.rewriter.config.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Computes a redirect on the original text of every file of the tree: each chosen upstream gets one
 * {@code server TARGET;} line and its old server lines commented out; each {@code proxy_pass
 * http[s]://UPSTREAM[URI]} to a chosen upstream becomes {@code proxy_pass https://UPSTREAM;}; each
 * location holding such a line (one that was https before included) gets {@code
 * proxy_ssl_server_name on; proxy_ssl_name $host;} unless it sets them itself. Directives that
 * share their line with others are edited in a copy of the line ({@link SharedLines}). Starting
 * from the original text makes a second run with the same target a no-op and a run with another
 * target a clean re-point.
 */
final class RedirectPlanner {
  static final List<String> SSL_DIRECTIVES = List.of("proxy_ssl_server_name", "proxy_ssl_name");
  private static final Map<String, String> SSL_VALUES =
      Map.of("proxy_ssl_server_name", "on", "proxy_ssl_name", "$host");
  private static final Set<String> OTHER_PASSES =
      Set.of("fastcgi_pass", "uwsgi_pass", "scgi_pass", "grpc_pass", "memcached_pass");

  /**
   * The upstreams to redirect: all of them, or the named ones plus those the file already
   * redirects.
   */
  record Selection(Optional<List<String>> only) {}

  private final List<SourceFile> files;
  private final HostAndPort target;
  private final Map<SourceFile, TextEdits> edits = new LinkedHashMap<>();
  private final Map<SourceFile, SharedLines> sharedLines = new LinkedHashMap<>();
  private final List<UpstreamChange> upstreams = new ArrayList<>();
  private final List<ProxyPassChange> proxyPasses = new ArrayList<>();
  private final List<SslAddition> sslAdditions = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  private RedirectPlanner(List<SourceFile> files, HostAndPort target) {
    this.files = files;
    this.target = target;
  }

  static RedirectReport plan(List<SourceFile> files, HostAndPort target, Selection selection) {
    return new RedirectPlanner(files, target).run(selection);
  }

  private RedirectReport run(Selection selection) {
    Map<String, Located> found = new LinkedHashMap<>();
    for (SourceFile file : files) {
      walk(
          file.originalParsed(),
          new ArrayList<>(),
          (directive, ancestors) -> {
            if (directive.name().equals("upstream") && !directive.args().isEmpty()) {
              found.putIfAbsent(key(directive.arg(0)), new Located(file, directive));
            }
          });
    }
    if (found.isEmpty()) {
      throw ToolException.badInput(
          files.get(0).displayName() + ": no upstream block found; nothing to redirect");
    }
    Set<String> chosen = choose(found, selection);
    found.forEach(
        (name, located) -> {
          if (chosen.contains(name)) {
            redirectUpstream(located);
          }
        });
    for (SourceFile file : files) {
      rewritePasses(file, chosen);
    }
    sharedLines.forEach((file, lines) -> lines.addTo(editsOf(file)));
    Map<SourceFile, String> results = new LinkedHashMap<>();
    for (SourceFile file : files) {
      TextEdits fileEdits = edits.get(file);
      results.put(file, fileEdits == null ? file.original() : fileEdits.applyTo(file.original()));
    }
    return new RedirectReport(
        target.toString(), results, upstreams, proxyPasses, sslAdditions, warnings);
  }

  private Set<String> choose(Map<String, Located> found, Selection selection) {
    Set<String> chosen = new LinkedHashSet<>();
    if (selection.only().isEmpty()) {
      chosen.addAll(found.keySet());
      return chosen;
    }
    Set<String> unknown = new TreeSet<>();
    for (String name : selection.only().get()) {
      if (found.containsKey(key(name))) {
        chosen.add(key(name));
      } else {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      throw ToolException.badInput(
          "no upstream named "
              + String.join(", ", unknown)
              + " in "
              + files.get(0).displayName()
              + "; upstreams found: "
              + String.join(", ", names(found)));
    }
    // Upstreams an earlier run redirected stay redirected (to the new target): rollback undoes them
    // all.
    chosen.addAll(StatusReader.redirectedUpstreams(files).keySet());
    return chosen;
  }

  private static List<String> names(Map<String, Located> found) {
    List<String> names = new ArrayList<>();
    found.values().forEach(located -> names.add(located.directive().arg(0)));
    return names;
  }

  private void redirectUpstream(Located upstream) {
    SourceFile file = upstream.file();
    String text = file.original();
    String name = upstream.directive().arg(0);
    List<Node> servers = new ArrayList<>();
    for (Node child : upstream.directive().children()) {
      if (child.name().equals("server")) {
        servers.add(child);
      } else if (child.name().equals("include")) {
        throw ToolException.badInput(
            where(file, child)
                + ": upstream "
                + name
                + " takes its servers from an include; put them in the upstream block itself, then run again");
      }
    }
    if (servers.isEmpty()) {
      throw ToolException.badInput(
          where(file, upstream.directive()) + ": upstream " + name + " has no server line");
    }
    TextEdits fileEdits = editsOf(file);
    boolean first = true;
    for (Node server : servers) {
      Optional<LineSpan> own = LineSpan.of(text, server.start(), server.end());
      if (own.isEmpty()) {
        sharedLinesOf(file)
            .replace(server.start(), server.end(), first ? "server " + target + ";" : "");
      } else {
        LineSpan lines = own.get();
        if (first) {
          fileEdits.insert(
              lines.firstLineStart(),
              lines.indentation() + "server " + target + ";" + Marks.ADDED + lines.lineEnding());
        }
        commentOut(fileEdits, text, lines);
      }
      first = false;
    }
    upstreams.add(
        new UpstreamChange(name, file.displayName(), upstream.directive().line(), servers.size()));
  }

  private record Pass(Node directive, String url, String host, List<Node> ancestors) {}

  private void rewritePasses(SourceFile file, Set<String> chosen) {
    List<Pass> passes = new ArrayList<>();
    walk(
        file.originalParsed(),
        new ArrayList<>(),
        (directive, ancestors) -> {
          String name = directive.name();
          if (OTHER_PASSES.contains(name)
              && !directive.args().isEmpty()
              && chosen.contains(key(hostOf(directive.arg(0))))) {
            warnings.add(
                where(file, directive)
                    + ": "
                    + name
                    + " "
                    + directive.arg(0)
                    + " points at a redirected upstream and is NOT rewritten: dest only speaks HTTPS on that port");
          }
          if (!name.equals("proxy_pass") || directive.args().size() != 1) {
            return;
          }
          String url = directive.arg(0);
          String lower = url.toLowerCase(Locale.ROOT);
          // With a variable nginx picks the upstream at run time.
          if (url.contains("$") || !(lower.startsWith("http://") || lower.startsWith("https://"))) {
            return;
          }
          String host = hostOf(url.substring(url.indexOf("://") + 3));
          if (chosen.contains(key(host))) {
            passes.add(new Pass(directive, url, host, ancestors));
          }
        });
    if (passes.isEmpty()) {
      return;
    }
    TextEdits fileEdits = editsOf(file);
    // One ssl line per enclosing block, above its child that holds the block's first redirected
    // proxy_pass.
    Map<Node, Node> sslBlocks = new LinkedHashMap<>();
    for (Pass pass : passes) {
      int index = enclosingIndex(pass.ancestors());
      if (index >= 0) {
        Node block = pass.ancestors().get(index);
        Node child =
            index + 1 < pass.ancestors().size()
                ? pass.ancestors().get(index + 1)
                : pass.directive();
        sslBlocks.putIfAbsent(block, child);
      }
    }
    sslBlocks.forEach((block, child) -> addSslLine(file, fileEdits, block, child));
    for (Pass pass : passes) {
      String replacement = "https://" + pass.host();
      // An https proxy_pass without URI part needs only the SNI settings.
      if (!pass.url().equals(replacement)) {
        Optional<LineSpan> own =
            LineSpan.of(file.original(), pass.directive().start(), pass.directive().end());
        if (own.isEmpty()) {
          Node.Arg arg = pass.directive().args().get(0);
          sharedLinesOf(file).replace(arg.start(), arg.end(), replacement);
        } else {
          LineSpan lines = own.get();
          fileEdits.insert(
              lines.firstLineStart(),
              lines.indentation()
                  + "proxy_pass "
                  + replacement
                  + ";"
                  + Marks.ADDED
                  + lines.lineEnding());
          commentOut(fileEdits, file.original(), lines);
        }
        proxyPasses.add(
            new ProxyPassChange(
                file.displayName(), pass.directive().line(), pass.url(), replacement));
      }
      warnWithoutHostHeader(file, pass);
    }
    for (Node block : sslBlocks.keySet()) {
      warnOtherHttpsPasses(file, block, chosen);
    }
  }

  /**
   * Adds the missing ssl directives to block, on a line of their own above child (a direct child of
   * block).
   */
  private void addSslLine(SourceFile file, TextEdits fileEdits, Node block, Node child) {
    List<String> missing = new ArrayList<>();
    for (String ssl : SSL_DIRECTIVES) {
      boolean present = block.children().stream().anyMatch(d -> d.name().equals(ssl));
      if (!present) {
        missing.add(ssl + " " + SSL_VALUES.get(ssl) + ";");
      }
    }
    String label =
        block.name() + (block.args().isEmpty() ? "" : " " + String.join(" ", block.values()));
    if (missing.isEmpty()) {
      return;
    }
    Optional<LineSpan> own = LineSpan.of(file.original(), child.start(), child.end());
    if (own.isEmpty()) {
      sharedLinesOf(file).insert(child.start(), String.join(" ", missing) + " ");
    } else {
      LineSpan lines = own.get();
      fileEdits.insert(
          lines.firstLineStart(),
          lines.indentation() + String.join(" ", missing) + Marks.ADDED + lines.lineEnding());
    }
    sslAdditions.add(new SslAddition(file.displayName(), block.line(), label, missing));
  }

  private void warnOtherHttpsPasses(SourceFile file, Node block, Set<String> chosen) {
    walk(
        block.children(),
        new ArrayList<>(),
        (directive, ancestors) -> {
          if (directive.name().equals("proxy_pass") && directive.args().size() == 1) {
            String url = directive.arg(0);
            if (url.toLowerCase(Locale.ROOT).startsWith("https://")
                && !chosen.contains(key(hostOf(url.substring(8))))) {
              warnings.add(
                  where(file, directive)
                      + ": proxy_pass "
                      + url
                      + " shares its location with a redirected"
                      + " proxy_pass, so it now also sends SNI with proxy_ssl_name $host");
            }
          }
        });
  }

  /**
   * Without {@code proxy_set_header Host}, nginx sends the upstream's name as Host ({@code
   * $proxy_host}): dest would get {@code Host: core_server}. The innermost level that has any
   * proxy_set_header defines them all.
   */
  private void warnWithoutHostHeader(SourceFile file, Pass pass) {
    for (int i = pass.ancestors().size() - 1; i >= 0; i--) {
      Node level = pass.ancestors().get(i);
      List<Node> headers =
          level.children().stream().filter(n -> n.name().equals("proxy_set_header")).toList();
      if (!headers.isEmpty()) {
        if (headers.stream()
            .noneMatch(h -> !h.args().isEmpty() && h.arg(0).equalsIgnoreCase("Host"))) {
          addOnce(
              where(file, level)
                  + ": the proxy_set_header lines of this "
                  + level.name()
                  + " do not set Host,"
                  + " so dest receives Host: "
                  + pass.host()
                  + " (add proxy_set_header Host $host; there)");
        }
        return;
      }
    }
    addOnce(
        where(file, pass.directive())
            + ": no proxy_set_header Host applies here; unless nginx.conf sets it in"
            + " http, dest receives Host: "
            + pass.host());
  }

  private void addOnce(String warning) {
    if (!warnings.contains(warning)) {
      warnings.add(warning);
    }
  }

  /**
   * The nearest ancestor where nginx accepts proxy_ssl_* (location, else server, else http), or -1.
   */
  private static int enclosingIndex(List<Node> ancestors) {
    for (String wanted : List.of("location", "server", "http")) {
      for (int i = ancestors.size() - 1; i >= 0; i--) {
        if (ancestors.get(i).name().equals(wanted)) {
          return i;
        }
      }
    }
    return -1;
  }

  private SharedLines sharedLinesOf(SourceFile file) {
    return sharedLines.computeIfAbsent(file, SharedLines::new);
  }

  private static void commentOut(TextEdits fileEdits, String text, LineSpan lines) {
    for (int lineStart : lines.lineStarts()) {
      fileEdits.insert(Marks.indentationEnd(text, lineStart), Marks.WAS);
    }
  }

  private TextEdits editsOf(SourceFile file) {
    return edits.computeIfAbsent(file, f -> new TextEdits());
  }

  /** The host part of a URL without scheme: up to the first '/', or the whole. */
  static String hostOf(String withoutScheme) {
    String rest = withoutScheme.replaceFirst("^[a-zA-Z]+://", "");
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }

  /** nginx matches upstream names without regard to case. */
  static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  static String where(SourceFile file, Node directive) {
    return file.displayName() + ":" + directive.line();
  }

  record Located(SourceFile file, Node directive) {}

  interface Visitor {
    void visit(Node directive, List<Node> ancestors);
  }

  /**
   * Visits every directive depth-first, in file order, with its enclosing blocks (outermost first).
   */
  static void walk(List<Node> directives, List<Node> ancestors, Visitor visitor) {
    for (Node directive : directives) {
      visitor.visit(directive, List.copyOf(ancestors));
      if (directive.block().isPresent()) {
        ancestors.add(directive);
        walk(directive.block().get(), ancestors, visitor);
        ancestors.remove(ancestors.size() - 1);
      }
    }
  }
}

package io.pryv.migration.verify.snapshot;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.common.integrity.PryvJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a snapshot or seed manifest written by {@link SnapshotWriter}, one account section at a
 * time.
 */
public final class SnapshotReader {
  public static final String FORMAT = "pryv-verify/1";

  /** The start of one account section. */
  public record Section(String user, Scope scope) {}

  /**
   * What an account's end line says: whether the token could list accesses, and the series events
   * recorded before the core had rewritten them (they may have changed since by themselves).
   */
  public record End(boolean accessesReadable, java.util.Set<String> unsettledSeries) {}

  /**
   * Receives each account's items; {@code end} is called with the section once its end line was
   * read.
   */
  public interface Visitor {
    ItemSink begin(Section section);

    void end(Section section, End end);
  }

  private SnapshotReader() {}

  /** Reads the whole file; returns its type ({@code snapshot} or {@code seed}). */
  public static String read(Path file, Visitor visitor) throws IOException {
    ObjectMapper mapper = PryvJson.mapper();
    String type = null;
    Section current = null;
    ItemSink sink = null;
    int lineNumber = 0;
    // One parser for the whole file (lines are JSON values in sequence): a parser per line cost
    // more than the
    // parsing itself.
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        JsonParser parser = mapper.getFactory().createParser(reader)) {
      while (true) {
        JsonNode node;
        try {
          if (parser.nextToken() == null) {
            break;
          }
          lineNumber = parser.currentTokenLocation().getLineNr();
          node = mapper.readTree(parser);
        } catch (JsonProcessingException e) {
          int line = e.getLocation() == null ? lineNumber : e.getLocation().getLineNr();
          throw ToolException.badInput(
              file
                  + ":"
                  + line
                  + ": not JSON: "
                  + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        String kind = node.path("kind").asText("");
        if (type == null) {
          if (!kind.equals("header") || !FORMAT.equals(node.path("format").asText())) {
            throw ToolException.badInput(
                file
                    + ":"
                    + lineNumber
                    + ": not a verify snapshot or seed manifest"
                    + " (expected a header line with format "
                    + FORMAT
                    + ")");
          }
          type = node.path("type").asText();
          continue;
        }
        switch (kind) {
          case "account" -> {
            if (current != null) {
              throw ToolException.badInput(
                  file
                      + ":"
                      + lineNumber
                      + ": account '"
                      + current.user()
                      + "' has no end line: the file is incomplete");
            }
            current = new Section(node.path("user").asText(), scope(node));
            sink = visitor.begin(current);
          }
          case "end" -> {
            if (current == null) {
              throw ToolException.badInput(
                  file + ":" + lineNumber + ": end line outside an account");
            }
            java.util.Set<String> unsettled = new HashSet<>();
            node.path("unsettledSeries").forEach(id -> unsettled.add(id.asText()));
            visitor.end(
                current,
                new End(node.path("accessesReadable").asBoolean(true), Set.copyOf(unsettled)));
            current = null;
            sink = null;
          }
          default -> {
            if (current == null) {
              throw ToolException.badInput(file + ":" + lineNumber + ": item outside an account");
            }
            sink.accept(mapper.treeToValue(node, Item.class));
          }
        }
      }
    }
    if (type == null) {
      throw ToolException.badInput(file + ": empty file, not a snapshot");
    }
    if (current != null) {
      throw ToolException.badInput(
          file
              + ": account '"
              + current.user()
              + "' has no end line: the file is"
              + " incomplete (was the snapshot interrupted?)");
    }
    return type;
  }

  private static Scope scope(JsonNode account) {
    if (!account.path("scopeRoots").isArray()) {
      return Scope.wholeAccount();
    }
    List<String> roots = new ArrayList<>();
    account.path("scopeRoots").forEach(r -> roots.add(r.asText()));
    HashSet<String> streams = new HashSet<>();
    account.path("scopeStreams").forEach(s -> streams.add(s.asText()));
    HashSet<String> events = new HashSet<>();
    account.path("scopeEvents").forEach(e -> events.add(e.asText()));
    return new Scope(roots, streams, events);
  }
}

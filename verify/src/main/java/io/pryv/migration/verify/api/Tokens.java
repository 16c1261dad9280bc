package io.pryv.migration.verify.api;

import io.pryv.migration.common.ToolException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where tokens come from, never argv: a file ({@code --token-file}) holding one token for every
 * account, or lines {@code USER TOKEN} (blank lines and {@code #} comments ignored); else the
 * {@code PRYV_TOKEN} environment variable. Tokens are never printed: messages name the file and
 * line only.
 */
public final class Tokens {
  private final String single;
  private final Map<String, String> perUser;
  private final String origin;

  private Tokens(String single, Map<String, String> perUser, String origin) {
    this.single = single;
    this.perUser = Map.copyOf(perUser);
    this.origin = origin;
  }

  public static Tokens none() {
    return new Tokens(null, Map.of(), "no --token-file and no PRYV_TOKEN");
  }

  public static Tokens load(Path tokenFile, Map<String, String> environment) {
    if (tokenFile != null) {
      return fromFile(tokenFile);
    }
    String fromEnvironment = environment.get("PRYV_TOKEN");
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return new Tokens(fromEnvironment.strip(), Map.of(), "PRYV_TOKEN");
    }
    return none();
  }

  static Tokens fromFile(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw ToolException.badInput("--token-file " + file + ": cannot read: " + e.getMessage());
    }
    String single = null;
    Map<String, String> perUser = new HashMap<>();
    int number = 0;
    for (String raw : lines) {
      number++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] words = line.split("\\s+");
      if (words.length == 1 && single == null && perUser.isEmpty()) {
        single = words[0];
      } else if (words.length == 2 && single == null) {
        if (perUser.put(words[0], words[1]) != null) {
          throw ToolException.badInput(
              "--token-file " + file + ":" + number + ": second token for " + words[0]);
        }
      } else {
        throw ToolException.badInput(
            "--token-file "
                + file
                + ":"
                + number
                + ": expected one token, or lines"
                + " 'USER TOKEN' (the line's content is not shown: it may be a secret)");
      }
    }
    if (single == null && perUser.isEmpty()) {
      throw ToolException.badInput("--token-file " + file + ": no token in the file");
    }
    return new Tokens(single, perUser, "--token-file " + file);
  }

  /** The token for this account, or null when none is known. */
  public String forUser(String user) {
    String token = perUser.get(user);
    return token != null ? token : single;
  }

  /** The token for this account, or a usage error saying where it was looked for. */
  public String require(String user) {
    String token = forUser(user);
    if (token == null) {
      throw ToolException.usage(
          "no token for account '"
              + user
              + "' ("
              + origin
              + "); give --token-file FILE"
              + " (one token, or lines 'USER TOKEN') or set PRYV_TOKEN");
    }
    return token;
  }
}

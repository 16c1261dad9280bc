package io.pryv.migration.nginx.conf.parse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * crossplane's {@code DIRECTIVES} and {@code CONTEXTS}: the nginx bit masks saying where each known
 * directive may appear and how many arguments it takes. Loaded once from {@code directives.txt}
 * beside this class.
 */
final class DirectiveTable {
  static final int NOARGS = 0x00000001;
  static final int BLOCK = 0x00000100;
  static final int FLAG = 0x00000200;
  static final int ANY_ARGS = 0x00000400;
  static final int MORE1 = 0x00000800;
  static final int MORE2 = 0x00001000;

  static final int MAIN = 0x00040000;
  static final int DIRECT = 0x00010000;
  static final int EVENT = 0x00080000;
  static final int MAIL_MAIN = 0x00100000;
  static final int MAIL_SRV = 0x00200000;
  static final int STREAM_MAIN = 0x00400000;
  static final int STREAM_SRV = 0x00800000;
  static final int STREAM_UPS = 0x01000000;
  static final int HTTP_MAIN = 0x02000000;
  static final int HTTP_SRV = 0x04000000;
  static final int HTTP_LOC = 0x08000000;
  static final int HTTP_UPS = 0x10000000;
  static final int HTTP_SIF = 0x20000000;
  static final int HTTP_LIF = 0x40000000;
  static final int HTTP_LMT = 0x80000000;
  static final int ANY_CONF =
      MAIN
          | EVENT
          | MAIL_MAIN
          | MAIL_SRV
          | STREAM_MAIN
          | STREAM_SRV
          | STREAM_UPS
          | HTTP_MAIN
          | HTTP_SRV
          | HTTP_LOC
          | HTTP_UPS;

  private static final Map<List<String>, Integer> CONTEXTS =
      Map.ofEntries(
          Map.entry(List.of(), MAIN),
          Map.entry(List.of("events"), EVENT),
          Map.entry(List.of("mail"), MAIL_MAIN),
          Map.entry(List.of("mail", "server"), MAIL_SRV),
          Map.entry(List.of("stream"), STREAM_MAIN),
          Map.entry(List.of("stream", "server"), STREAM_SRV),
          Map.entry(List.of("stream", "upstream"), STREAM_UPS),
          Map.entry(List.of("http"), HTTP_MAIN),
          Map.entry(List.of("http", "server"), HTTP_SRV),
          Map.entry(List.of("http", "location"), HTTP_LOC),
          Map.entry(List.of("http", "upstream"), HTTP_UPS),
          Map.entry(List.of("http", "server", "if"), HTTP_SIF),
          Map.entry(List.of("http", "location", "if"), HTTP_LIF),
          Map.entry(List.of("http", "location", "limit_except"), HTTP_LMT));

  private static final Map<String, Integer> WORDS =
      Map.ofEntries(
          Map.entry("M", MAIN),
          Map.entry("D", DIRECT),
          Map.entry("E", EVENT),
          Map.entry("MM", MAIL_MAIN),
          Map.entry("MS", MAIL_SRV),
          Map.entry("SM", STREAM_MAIN),
          Map.entry("SS", STREAM_SRV),
          Map.entry("SU", STREAM_UPS),
          Map.entry("HM", HTTP_MAIN),
          Map.entry("HS", HTTP_SRV),
          Map.entry("HL", HTTP_LOC),
          Map.entry("HU", HTTP_UPS),
          Map.entry("H3", HTTP_MAIN | HTTP_SRV | HTTP_LOC),
          Map.entry("SIF", HTTP_SIF),
          Map.entry("LIF", HTTP_LIF),
          Map.entry("LMT", HTTP_LMT),
          Map.entry("ANY", ANY_CONF),
          Map.entry("B", BLOCK),
          Map.entry("F", FLAG),
          Map.entry("A", ANY_ARGS),
          Map.entry("1+", MORE1),
          Map.entry("2+", MORE2));

  private static final Map<String, int[]> DIRECTIVES = load();

  private DirectiveTable() {}

  /** The masks of a known directive, in crossplane's order, or null. */
  static int[] masks(String directive) {
    return DIRECTIVES.get(directive);
  }

  /**
   * The context bit of a block context, or 0 when crossplane does not know the context (no analysis
   * there).
   */
  static int contextMask(List<String> context) {
    Integer mask = CONTEXTS.get(context);
    return mask == null ? 0 : mask;
  }

  private static Map<String, int[]> load() {
    Map<String, int[]> table = new HashMap<>(1024);
    try (InputStream in = DirectiveTable.class.getResourceAsStream("directives.txt")) {
      if (in == null) {
        throw new IllegalStateException("directives.txt is missing from the classpath");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int colon = line.indexOf(':');
        String[] specs = line.substring(colon + 1).split(";");
        int[] masks = new int[specs.length];
        for (int i = 0; i < specs.length; i++) {
          masks[i] = mask(specs[i].trim());
        }
        table.put(line.substring(0, colon).trim(), masks);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.copyOf(table);
  }

  private static int mask(String spec) {
    int mask = 0;
    for (String word : spec.split("\\s+")) {
      Integer bits = WORDS.get(word);
      if (bits != null) {
        mask |= bits;
      } else {
        for (char digit :
            word.toCharArray()) { // "0" no args, "1".."7" TAKEn, "123" = TAKE1|TAKE2|TAKE3
          if (digit < '0' || digit > '7') {
            throw new IllegalStateException("directives.txt: unknown word '" + word + "'");
          }
          mask |= 1 << (digit - '0');
        }
      }
    }
    return mask;
  }
}

package io.pryv.migration.nginx.conf.parse;

import io.pryv.migration.common.ToolException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * crossplane's {@code --combine}: one config where every include statement is replaced by what it
 * includes.
 */
final class Combiner {
  private Combiner() {}

  static Payload combine(Payload payload) {
    List<ConfigFile> configs = payload.config();
    List<ParseError> errors = new ArrayList<>();
    boolean failed = false;
    for (ConfigFile config : configs) {
      errors.addAll(config.errors());
      failed |= !config.ok();
    }
    ConfigFile first = configs.get(0);
    List<Statement> parsed = inline(first.parsed(), configs, new HashSet<>(Set.of(0)));
    ConfigFile combined =
        new ConfigFile(
            first.file(), failed ? "failed" : "ok", List.copyOf(errors), parsed, first.source());
    return new Payload(payload.status(), payload.errors(), List.of(combined));
  }

  private static List<Statement> inline(
      List<Statement> block, List<ConfigFile> configs, Set<Integer> active) {
    List<Statement> out = new ArrayList<>(block.size());
    for (Statement statement : block) {
      Statement current =
          statement.hasBlock()
              ? statement.withBlock(inline(statement.block(), configs, active))
              : statement;
      if (current.includes() == null) {
        out.add(current);
        continue;
      }
      for (int index : current.includes()) {
        if (!active.add(index)) {
          // crossplane recurses forever here (RecursionError); say which file closes the loop
          // instead.
          throw ToolException.badInput(
              "cannot combine: "
                  + configs.get(index).file()
                  + " includes itself (directly or through other files)");
        }
        out.addAll(inline(configs.get(index).parsed(), configs, active));
        active.remove(index);
      }
    }
    return List.copyOf(out);
  }
}

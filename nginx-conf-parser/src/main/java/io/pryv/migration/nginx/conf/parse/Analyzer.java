package io.pryv.migration.nginx.conf.parse;

import java.util.List;

/**
 * crossplane's {@code analyze}: checks a statement's context and argument count against the
 * directive table.
 */
final class Analyzer {
  private Analyzer() {}

  /**
   * @param terminator the token that ended the statement ({@code ;}, {@code {} or {@code }})
   * @param contextMask {@link DirectiveTable#contextMask(List)} of the enclosing block
   */
  static void analyze(
      String file,
      String directive,
      int line,
      List<String> args,
      String terminator,
      int contextMask,
      ParseOptions options) {
    int[] allMasks = DirectiveTable.masks(directive);
    if (options.strict() && allMasks == null) {
      throw new DirectiveError("unknown directive \"" + directive + "\"", file, line);
    }
    if (contextMask == 0 || allMasks == null) {
      return;
    }
    int[] masks = allMasks;
    if (options.checkContext()) {
      int count = 0;
      int[] kept = new int[allMasks.length];
      for (int mask : allMasks) {
        if ((mask & contextMask) != 0) {
          kept[count++] = mask;
        }
      }
      if (count == 0) {
        throw new DirectiveError("\"" + directive + "\" directive is not allowed here", file, line);
      }
      masks = java.util.Arrays.copyOf(kept, count);
    }
    if (!options.checkArguments()) {
      return;
    }
    int n = args.size();
    String reason = null;
    // In reverse, like crossplane: the error reported is the one of the first mask.
    for (int i = masks.length - 1; i >= 0; i--) {
      int mask = masks[i];
      if ((mask & DirectiveTable.BLOCK) != 0 && !terminator.equals("{")) {
        reason = "directive \"" + directive + "\" has no opening \"{\"";
        continue;
      }
      if ((mask & DirectiveTable.BLOCK) == 0 && !terminator.equals(";")) {
        reason = "directive \"" + directive + "\" is not terminated by \";\"";
        continue;
      }
      if ((n <= 7 && ((mask >>> n) & 1) != 0)
          || ((mask & DirectiveTable.FLAG) != 0 && n == 1 && isFlag(args.get(0)))
          || (mask & DirectiveTable.ANY_ARGS) != 0
          || ((mask & DirectiveTable.MORE1) != 0 && n >= 1)
          || ((mask & DirectiveTable.MORE2) != 0 && n >= 2)) {
        return;
      } else if ((mask & DirectiveTable.FLAG) != 0 && n == 1) {
        reason =
            PercentFormat.format(
                PercentFormat.format(
                    "invalid value \"%s\" in \"%%s\" directive, it must be \"on\" or \"off\"",
                    args.get(0)),
                directive);
      } else {
        reason = "invalid number of arguments in \"" + directive + "\" directive";
      }
    }
    throw new DirectiveError(reason, file, line);
  }

  private static boolean isFlag(String value) {
    return value.equalsIgnoreCase("on") || value.equalsIgnoreCase("off");
  }
}

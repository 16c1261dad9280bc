package io.pryv.migration.nginx.rewriter.freeze;

import io.pryv.migration.common.VerbReport;
import java.util.List;

/**
 * What a freeze or an unfreeze did (or, with dryRun, would do).
 *
 * @param servers the server blocks frozen by a freeze ("FILE:LINE"); empty for an unfreeze
 * @param nginxTest the output of nginx -t on the result, null when not asked
 */
public record FreezeOutcome(
    String command,
    String file,
    Integer retryAfter,
    boolean dryRun,
    boolean changed,
    List<FileChange> files,
    List<String> servers,
    String nginxTest)
    implements VerbReport {

  /**
   * One file of the include tree: whether it changes, its backup, and the diff (printed on a dry
   * run).
   */
  public record FileChange(String file, boolean changed, String backup, String diff) {}
}

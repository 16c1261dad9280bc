package io.pryv.migration.nginx.rewriter.cli;

import java.nio.file.Path;

/**
 * What the command line of {@code freeze} or {@code unfreeze} asks for, parsed and checked.
 *
 * @param retryAfter seconds, for freeze; ignored by unfreeze
 * @param help the help text to print instead of running, or null
 */
record FreezeOptions(
    String verb,
    Path file,
    int retryAfter,
    boolean dryRun,
    Command.NginxTest nginxTest,
    boolean json,
    String help) {}

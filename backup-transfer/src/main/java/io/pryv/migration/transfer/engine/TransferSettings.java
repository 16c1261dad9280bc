package io.pryv.migration.transfer.engine;

import io.pryv.migration.transfer.side.Checksum;
import java.util.Optional;

/**
 * The choices of one push, pull or copy.
 *
 * @param checksum how file contents are compared ({@code --checksum}); empty for the quick check
 *     (size and mtime)
 */
public record TransferSettings(
    Optional<Checksum> checksum,
    boolean delete,
    boolean followLinks,
    boolean dryRun,
    boolean progress) {}

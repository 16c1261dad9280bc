package io.pryv.migration.transfer.engine;

/** The choices of one push, pull or copy. */
public record TransferSettings(boolean checksum, boolean delete, boolean followLinks, boolean dryRun,
    boolean progress) {}

package io.pryv.migration.transfer.cli;

import java.util.Locale;

/** The verbs of backup-transfer. */
public enum BackupTransferVerb {
  PUSH,
  PULL,
  COPY,
  MANIFEST,
  CHECK;

  /** push, pull and copy move files; manifest and check only read. */
  public boolean transfers() {
    return this == PUSH || this == PULL || this == COPY;
  }

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}

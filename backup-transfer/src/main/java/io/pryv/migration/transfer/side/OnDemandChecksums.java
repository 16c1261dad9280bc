package io.pryv.migration.transfer.side;

import io.pryv.migration.transfer.tree.RelativePaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A local folder's checksums computed in Java when asked for, one file at a time: where the hashing
 * script cannot run here. Slower to warm up than openssl or cksum, but the same results, and
 * nothing held.
 */
final class OnDemandChecksums implements FileChecksums {
  private final Path root;
  private final Checksum checksum;

  OnDemandChecksums(Path root, Checksum checksum) {
    this.root = root;
    this.checksum = checksum;
  }

  @Override
  public String checksumOf(String path) throws IOException {
    Path file = RelativePaths.resolve(root, path);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    boolean crc = checksum == Checksum.CRC32 && !HashLines.needsEscape(path);
    return crc ? PosixCksum.of(file) : Sha256.of(file);
  }

  @Override
  public void finish() {}

  @Override
  public void close() {}
}

package io.pryv.migration.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The host key check: the known_hosts file decides. An unknown host is refused, or with accept-new
 * its key is appended to the file (like OpenSSH's {@code accept-new}) and accepted; a changed key
 * is always refused (JSch runs with {@code StrictHostKeyChecking=yes}, so anything but OK aborts
 * the connection).
 */
final class KnownHostsPolicy implements HostKeyRepository {
  private final HostKeyRepository known;
  private final Optional<Path> file;
  private final boolean acceptNew;
  private volatile String acceptedLine;

  /**
   * @param known the keys recorded in {@code file}
   */
  KnownHostsPolicy(HostKeyRepository known, Optional<Path> file, boolean acceptNew) {
    this.known = known;
    this.file = file;
    this.acceptNew = acceptNew;
  }

  @Override
  public int check(String host, byte[] key) {
    HostKeyRepository keys = known;
    int result = keys.check(host, key);
    if (result != NOT_INCLUDED || !acceptNew) {
      return result;
    }
    try {
      HostKey hostKey = new HostKey(host, key);
      keys.add(hostKey, null);
      if (file.isPresent()) {
        append(file.get(), host + " " + hostKey.getType() + " " + hostKey.getKey());
      }
      acceptedLine = host + " " + hostKey.getType();
      return OK;
    } catch (JSchException e) {
      return NOT_INCLUDED;
    }
  }

  private static void append(Path knownHosts, String line) {
    try {
      Path parent = knownHosts.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
      if (Files.exists(knownHosts) && Files.size(knownHosts) > 0 && !endsWithNewline(knownHosts)) {
        bytes = ("\n" + line + "\n").getBytes(StandardCharsets.UTF_8);
      }
      Files.write(knownHosts, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the new host key in " + knownHosts, e);
    }
  }

  private static boolean endsWithNewline(Path file) throws IOException {
    try (var channel = Files.newByteChannel(file)) {
      channel.position(channel.size() - 1);
      var buffer = java.nio.ByteBuffer.allocate(1);
      channel.read(buffer);
      return buffer.get(0) == '\n';
    }
  }

  /** {@code host type} of a key accepted as new during this connection, if any. */
  Optional<String> acceptedNewKey() {
    return Optional.ofNullable(acceptedLine);
  }

  @Override
  public void add(HostKey hostkey, UserInfo ui) {
    // Only check() adds keys, under the accept-new policy.
  }

  @Override
  public void remove(String host, String type) {
    // Never removes keys: a changed key is the user's call (ssh-keygen -R).
  }

  @Override
  public void remove(String host, String type, byte[] key) {
    // Never removes keys.
  }

  @Override
  public String getKnownHostsRepositoryID() {
    return file.map(Path::toString).orElse("(no known_hosts file)");
  }

  @Override
  public HostKey[] getHostKey() {
    return known.getHostKey();
  }

  @Override
  public HostKey[] getHostKey(String host, String type) {
    return known.getHostKey(host, type);
  }
}

package io.pryv.migration.dockerops.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.ssh.SshConnection;
import io.pryv.migration.ssh.testing.OpenSshMaster;
import io.pryv.migration.ssh.testing.OpenSshServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifests docker-ops writes on an SSH host (a real OpenSSH sshd on 127.0.0.1): replaced
 * whole, through a temp name that never stays behind, never moved into a folder of that name.
 */
class RemoteHostFilesIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void replacesAFileWholeAndLeavesNoTempFile() throws Exception {
    Path backup = Files.createDirectories(dir.resolve("backup"));
    Path manifest = backup.resolve("pryv-node.dump-manifest.json");
    Files.writeString(manifest, "an earlier manifest, longer than the new one");
    byte[] content = "{\"dumpCounts\":{}}\n".getBytes(StandardCharsets.UTF_8);
    try (OpenSshServer server = OpenSshServer.start(dir.resolve("sshd"));
        SshConnection connection = SshConnection.open(server.target(), TIMEOUT)) {
      RemoteHostFiles files = new RemoteHostFiles(connection, TIMEOUT);
      files.write(manifest.toString(), content);
      assertArrayEquals(content, Files.readAllBytes(manifest));
      assertArrayEquals(content, files.readAll(manifest.toString()));
      assertEquals(List.of(manifest.getFileName().toString()), names(backup));
    }
  }

  /** The same through an OpenSSH master ({@code --ssh-control}): dd's stdin, cat's stdout. */
  @Test
  void replacesAFileWholeThroughAnOpenSshMaster() throws Exception {
    Path backup = Files.createDirectories(dir.resolve("backup"));
    Path manifest = backup.resolve("pryv-node.dump-manifest.json");
    Files.writeString(manifest, "an earlier manifest, longer than the new one");
    byte[] content = "{\"dumpCounts\":{}}\n".getBytes(StandardCharsets.UTF_8);
    try (OpenSshServer server = OpenSshServer.start(dir.resolve("sshd"));
        OpenSshMaster master =
            OpenSshMaster.open(server, Files.createDirectories(dir.resolve("sockets")));
        SshConnection connection =
            SshConnection.open(
                server.target().withControlPath(Optional.of(master.controlPath())),
                TIMEOUT,
                false,
                note -> {
                  throw new AssertionError(note);
                })) {
      assertFalse(connection.encryptsInThisProcess(), "through the master");
      RemoteHostFiles files = new RemoteHostFiles(connection, TIMEOUT);
      files.write(manifest.toString(), content);
      assertArrayEquals(content, Files.readAllBytes(manifest));
      assertArrayEquals(content, files.readAll(manifest.toString()));
      assertEquals(List.of(manifest.getFileName().toString()), names(backup));
    }
  }

  @Test
  void aFolderInTheWayIsAnErrorAndTheTempFileIsRemoved() throws Exception {
    Path backup = Files.createDirectories(dir.resolve("backup"));
    Path folder = Files.createDirectories(backup.resolve("pryv-node.dump-manifest.json"));
    try (OpenSshServer server = OpenSshServer.start(dir.resolve("sshd"));
        SshConnection connection = SshConnection.open(server.target(), TIMEOUT)) {
      RemoteHostFiles files = new RemoteHostFiles(connection, TIMEOUT);
      IOException e =
          assertThrows(IOException.class, () -> files.write(folder.toString(), new byte[] {1}));
      assertTrue(e.getMessage().contains(folder.toString()), e.getMessage());
      assertEquals(List.of(), names(folder), "nothing was moved into the folder");
      assertEquals(List.of(folder.getFileName().toString()), names(backup), "no temp file left");
    }
  }

  @Test
  void listsTheSizesOfTheFilesOfAFolderInOneCommand() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("backup/pryv-node"));
    Files.write(folder.resolve("events.bson"), new byte[1234]);
    Files.write(folder.resolve("a name\twith tab.bson"), new byte[7]);
    Files.write(folder.resolve("empty.metadata.json"), new byte[0]);
    Files.createDirectories(folder.resolve("sub")); // not a file of the dump
    try (OpenSshServer server = OpenSshServer.start(dir.resolve("sshd"));
        SshConnection connection = SshConnection.open(server.target(), TIMEOUT)) {
      RemoteHostFiles files = new RemoteHostFiles(connection, TIMEOUT);
      java.util.SortedMap<String, Long> sizes =
          new java.util.TreeMap<>(
              java.util.Map.of(
                  "a name\twith tab.bson", 7L, "empty.metadata.json", 0L, "events.bson", 1234L));
      assertEquals(sizes, files.fileSizes(folder.toString()));
      assertEquals(sizes, new LocalHostFiles().fileSizes(folder.toString()), "the same locally");
      String missing = dir.resolve("backup/nothing").toString();
      assertThrows(java.nio.file.NoSuchFileException.class, () -> files.fileSizes(missing));
      assertThrows(
          java.nio.file.NoSuchFileException.class, () -> new LocalHostFiles().fileSizes(missing));
    }
  }

  private static List<String> names(Path folder) throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}

package io.pryv.migration.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.ssh.testing.OpenSshMaster;
import io.pryv.migration.ssh.testing.OpenSshServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local port forwards to a TCP echo server beside a real sshd, through JSch, through an OpenSSH
 * master ({@code --ssh-control}) and through a master of the connection's own ({@code --openssh}).
 */
class PortForwardIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static OpenSshServer sshd;
  private static OpenSshServer refusing;
  private static Echo echo;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    sshd = OpenSshServer.start(dir.resolve("allowing"));
    refusing = OpenSshServer.start(dir.resolve("refusing"), 20, List.of("AllowTcpForwarding no"));
    echo = Echo.start();
  }

  @AfterAll
  static void stop() throws IOException {
    for (OpenSshServer server : new OpenSshServer[] {sshd, refusing}) {
      if (server != null) {
        server.close();
      }
    }
    if (echo != null) {
      echo.close();
    }
  }

  @Test
  void jschForwardsUntilClosed() throws Exception {
    try (SshConnection ssh = SshConnection.open(sshd.target(), TIMEOUT)) {
      roundTripsThenCancels(ssh);
    }
  }

  @Test
  void aControlMasterForwardsUntilClosed(@TempDir Path dir) throws Exception {
    try (OpenSshMaster master = OpenSshMaster.open(sshd, dir);
        SshConnection ssh =
            SshConnection.open(
                sshd.target().withControlPath(Optional.of(master.controlPath())),
                TIMEOUT,
                false,
                note -> {
                  throw new AssertionError(note);
                })) {
      assertTrue(!ssh.encryptsInThisProcess());
      roundTripsThenCancels(ssh);
    }
  }

  @Test
  void anOwnMasterForwardsUntilClosed(@TempDir Path base) throws Exception {
    try (SshConnection ssh =
        SshConnection.open(sshd.target().withOpenSsh(true, true), TIMEOUT, false, n -> {}, base)) {
      assertTrue(ssh.ownMaster().isPresent());
      roundTripsThenCancels(ssh);
    }
  }

  /** Closing the connection cancels a forward left open (a master outlives the connection). */
  @Test
  void closingTheConnectionCancelsItsForwards(@TempDir Path dir) throws Exception {
    try (OpenSshMaster master = OpenSshMaster.open(sshd, dir)) {
      int port;
      try (SshConnection ssh =
          SshConnection.open(
              sshd.target().withControlPath(Optional.of(master.controlPath())), TIMEOUT)) {
        port = ssh.forward(OpenSshServer.HOST, echo.port()).localPort();
        assertEchoes(port, "before".getBytes(StandardCharsets.UTF_8));
      }
      assertRefusedSoon(port);
    }
  }

  /** sshd refuses the channel, not the listener: the connection made is closed without a byte. */
  @Test
  void aServerRefusingForwardsClosesEachConnection(@TempDir Path base) throws Exception {
    for (SshTarget target : List.of(refusing.target(), refusing.target().withOpenSsh(true, true))) {
      try (SshConnection ssh = SshConnection.open(target, TIMEOUT, false, n -> {}, base);
          PortForward forward = ssh.forward(OpenSshServer.HOST, echo.port());
          Socket socket = connect(forward.localPort())) {
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        OutputStream out = socket.getOutputStream();
        out.write("lost".getBytes(StandardCharsets.UTF_8));
        out.flush();
        assertEquals(-1, readOrEnd(socket.getInputStream()), target.display());
      }
    }
  }

  /** A master gone: one line naming the host and what ssh said. */
  @Test
  void aForwardWithoutItsMasterIsOneLine(@TempDir Path dir) throws Exception {
    SshConnection ssh;
    try (OpenSshMaster master = OpenSshMaster.open(sshd, dir)) {
      ssh =
          SshConnection.open(
              sshd.target().withControlPath(Optional.of(master.controlPath())), TIMEOUT);
    }
    try (ssh) {
      ToolException e =
          assertThrows(ToolException.class, () -> ssh.forward(OpenSshServer.HOST, echo.port()));
      assertEquals(ExitCode.ENVIRONMENT, e.exitCode());
      assertTrue(
          e.getMessage().startsWith("cannot forward a local port to 127.0.0.1:" + echo.port()),
          e.getMessage());
      assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }
  }

  private static void roundTripsThenCancels(SshConnection ssh) throws Exception {
    PortForward forward = ssh.forward(OpenSshServer.HOST, echo.port());
    int port = forward.localPort();
    assertNotEquals(echo.port(), port);
    byte[] data = new byte[256 * 1024];
    new Random(7).nextBytes(data);
    assertEchoes(port, data);
    assertEchoes(port, "again".getBytes(StandardCharsets.UTF_8));
    forward.close();
    assertRefusedSoon(port);
    // the connection still runs commands after the cancel
    assertEquals("ok\n", ssh.exec(List.of("echo", "ok"), TIMEOUT).stdout());
  }

  private static void assertEchoes(int port, byte[] data) throws Exception {
    try (Socket socket = connect(port)) {
      socket.setSoTimeout((int) TIMEOUT.toMillis());
      Thread writer =
          new Thread(
              () -> {
                try {
                  socket.getOutputStream().write(data);
                  socket.getOutputStream().flush();
                } catch (IOException e) {
                  // the read below fails
                }
              });
      writer.start();
      byte[] back = socket.getInputStream().readNBytes(data.length);
      writer.join();
      assertArrayEquals(data, back);
    }
  }

  /**
   * Connections refused once closed: at once through a master; JSch's listener socket may still
   * take one while its accept thread wakes up (Java closes a socket another thread waits on only
   * when that thread has left the call), so a short while is allowed.
   */
  private static void assertRefusedSoon(int port) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (true) {
      try {
        connect(port).close();
      } catch (ConnectException e) {
        return;
      }
      assertTrue(System.nanoTime() < deadline, "127.0.0.1:" + port + " still accepts after close");
      Thread.sleep(20);
    }
  }

  private static Socket connect(int port) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 5000);
    return socket;
  }

  private static int readOrEnd(InputStream in) throws IOException {
    try {
      return in.read();
    } catch (java.net.SocketException e) {
      return -1; // reset: closed as well
    }
  }

  /** Echoes each connection's bytes back until its end, then closes it. */
  private static final class Echo implements AutoCloseable {
    private final ServerSocket server;

    private Echo(ServerSocket server) {
      this.server = server;
    }

    static Echo start() throws IOException {
      Echo echo = new Echo(new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1")));
      Thread accepting = new Thread(echo::accept, "echo");
      accepting.setDaemon(true);
      accepting.start();
      return echo;
    }

    int port() {
      return server.getLocalPort();
    }

    private void accept() {
      while (!server.isClosed()) {
        try {
          Socket socket = server.accept();
          Thread thread =
              new Thread(
                  () -> {
                    try (socket) {
                      socket.getInputStream().transferTo(socket.getOutputStream());
                    } catch (IOException e) {
                      // the client went
                    }
                  });
          thread.setDaemon(true);
          thread.start();
        } catch (IOException e) {
          return;
        }
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}

package io.pryv.migration.transfer.side;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/** SHA-256 helpers: a digest, hex text, and the hashes of many local files on every core. */
public final class Sha256 {
  private static final int BUFFER = 256 * 1024;

  private Sha256() {}

  public static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }

  public static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }

  private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[BUFFER]);

  public static String of(Path file) throws IOException {
    MessageDigest digest = digest();
    byte[] buffer = BUFFERS.get();
    try (InputStream in = Files.newInputStream(file)) {
      int count;
      while ((count = in.read(buffer)) >= 0) {
        digest.update(buffer, 0, count);
      }
    }
    return hex(digest.digest());
  }

  /** Hashes of the given keys' files, largest first over {@code threads} threads. */
  public static <K> Map<K, String> ofAll(List<K> keys, Function<K, Path> file, Function<K, Long> size,
      int threads) throws IOException {
    List<K> order = new ArrayList<>(keys);
    order.sort(Comparator.comparing(size).reversed());
    Map<K, String> result = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), runnable -> {
      Thread thread = new Thread(runnable, "sha256");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<?>> jobs = new ArrayList<>();
      for (K key : order) {
        jobs.add(pool.submit(() -> {
          try {
            result.put(key, of(file.apply(key)));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }));
      }
      for (Future<?> job : jobs) {
        job.get();
      }
      return result;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while hashing", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UncheckedIOException io) {
        throw io.getCause();
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}

package io.pryv.migration.ssh;

import io.pryv.migration.common.FastPath;
import java.security.GeneralSecurityException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Runs the JDK's AES-GCM ahead, on a thread of its own, for a process about to send or receive a
 * large amount of data over SSH (see {@link #beforeBulk}); a failure here changes nothing, the
 * transfer runs the same code.
 */
public final class CryptoWarmUp {
  private static final AtomicBoolean BULK_ENCRYPT_STARTED = new AtomicBoolean();
  private static final AtomicBoolean BULK_DECRYPT_STARTED = new AtomicBoolean();

  /**
   * Packets of the warm-up: as many as the JIT needs to see before it compiles the AES-GCM path
   * with C2.
   */
  private static final int BULK_PACKETS = 6_000;

  /**
   * One warm-up packet in this many is as large as a full SSH packet, so the large-packet branches
   * are seen.
   */
  private static final int FULL_PACKET_EVERY = 8;

  private static final int FULL_PACKET = 32 * 1024;
  private static final int SMALL_PACKET = 256;
  private static final long WORTH_WARMING_BYTES = 128L << 20;

  private CryptoWarmUp() {}

  /**
   * Starts, once per direction, a background run of AES-GCM over {@value #BULK_PACKETS} packets
   * shaped like SSH's, for a process about to send ({@code encrypt}) or receive a large amount of
   * data. The JDK's GCM reaches its intrinsics (GHASH and AES-CTR on the CPU's carry-less multiply
   * and AES instructions) only once the JIT has compiled the calling code with C2; until then GHASH
   * runs as plain Java at about a fifth of the speed. Left to the transfer itself that takes about
   * 5,000 packets of 32 KB (160 MB), and a first 845 MB push ran at 370 MB/s where a warm JVM does
   * 700-900 MB/s. The warm-up gets there in about a quarter of a second of the other core, mostly
   * on small packets (256 bytes; one in {@value #FULL_PACKET_EVERY} a full one). Below {@value
   * #WORTH_WARMING_BYTES} bytes it does not start: the transfer would be over before it paid off.
   * Returns whether this call started it.
   */
  public static boolean beforeBulk(long bytes, boolean encrypt) {
    AtomicBoolean started = encrypt ? BULK_ENCRYPT_STARTED : BULK_DECRYPT_STARTED;
    if (!FastPath.BULK_CIPHER_WARM_UP.on()
        || bytes < WORTH_WARMING_BYTES
        || !started.compareAndSet(false, true)) {
      return false;
    }
    Thread thread = new Thread(() -> runBulk(encrypt), "ssh-bulk-cipher-warm-up");
    thread.setDaemon(true);
    thread.start();
    return true;
  }

  /**
   * The warm-up itself; false if the JDK refused something (the transfer then runs cold, nothing
   * else changes).
   */
  static boolean runBulk(boolean encrypt) {
    try {
      SecretKeySpec key = new SecretKeySpec(new byte[16], "AES");
      byte[] input = new byte[FULL_PACKET + 64];
      byte[] output = new byte[FULL_PACKET + 64];
      byte[] iv = new byte[12];
      Cipher sealing = Cipher.getInstance("AES/GCM/NoPadding");
      Cipher opening = Cipher.getInstance("AES/GCM/NoPadding");
      for (int packet = 0; packet < BULK_PACKETS; packet++) {
        iv[10] = (byte) (packet >> 8);
        iv[11] = (byte) packet;
        GCMParameterSpec nonce = new GCMParameterSpec(128, iv);
        int length = packet % FULL_PACKET_EVERY == 0 ? FULL_PACKET : SMALL_PACKET;
        sealing.init(Cipher.ENCRYPT_MODE, key, nonce);
        sealing.updateAAD(input, 0, 4);
        int sealed = sealing.doFinal(input, 4, length, output, 4);
        if (!encrypt) {
          // Decryption is warmed on what was just sealed: a packet that opens without an
          // authentication failure.
          opening.init(Cipher.DECRYPT_MODE, key, nonce);
          opening.updateAAD(output, 0, 4);
          opening.doFinal(output, 4, sealed, input, 4);
        }
      }
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false; // a warm-up only: the transfer runs the same code, just slower at first
    }
  }
}

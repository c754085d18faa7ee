package dev.ddlab.sim.swarm.raft;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The raft files' records sealed with the swarm's unlock key once autolock is on (swarmkit encrypts
 * them with a data key that the unlock key in turn encrypts; here the unlock key's SHA-256
 * keystream seals them directly). Each record starts with a flag: 0 plain (written before
 * autolock), 1 sealed. A sealed record cannot be opened without the key: a restarted autolocked
 * manager stays locked until {@code docker swarm unlock}.
 */
public final class KeySealer implements Sealer {
  private static final byte[] MAGIC = "SWRF".getBytes(StandardCharsets.US_ASCII);
  private byte[] key;

  /** Seals from now on with {@code unlockKey}, or writes plain records when it is null. */
  public void key(String unlockKey) {
    this.key = unlockKey == null ? null : sha256(unlockKey.getBytes(StandardCharsets.UTF_8));
  }

  public boolean hasKey() {
    return key != null;
  }

  @Override
  public byte[] seal(byte[] plain) {
    if (key == null) {
      byte[] out = new byte[plain.length + 1];
      System.arraycopy(plain, 0, out, 1, plain.length);
      return out;
    }
    byte[] body = ByteBuffer.allocate(MAGIC.length + plain.length).put(MAGIC).put(plain).array();
    xor(body);
    byte[] out = new byte[body.length + 1];
    out[0] = 1;
    System.arraycopy(body, 0, out, 1, body.length);
    return out;
  }

  private static final byte[] PLAIN_FLAG = {0};

  @Override
  public byte[] plainPrefix() {
    return key == null ? PLAIN_FLAG : null;
  }

  @Override
  public byte[] open(byte[] sealed) {
    byte[] body = Arrays.copyOfRange(sealed, 1, sealed.length);
    if (sealed[0] == 0) {
      return body;
    }
    if (key == null) {
      throw new IllegalStateException("sealed record and no key");
    }
    xor(body);
    if (body.length < MAGIC.length
        || !Arrays.equals(Arrays.copyOfRange(body, 0, MAGIC.length), MAGIC)) {
      throw new IllegalStateException("wrong key");
    }
    return Arrays.copyOfRange(body, MAGIC.length, body.length);
  }

  private void xor(byte[] data) {
    byte[] block = new byte[0];
    for (int i = 0; i < data.length; i++) {
      if (i % 32 == 0) {
        block = sha256(ByteBuffer.allocate(key.length + 4).put(key).putInt(i / 32).array());
      }
      data[i] ^= block[i % 32];
    }
  }

  /** SHA-256 of {@code data}. */
  public static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

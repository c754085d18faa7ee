package dev.ddlab.sim.fs;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** SHA-256 digests in the OCI form {@code sha256:<64 hex>}, and ChainIDs (OCI image-spec). */
public final class Digests {
  public static final String SHA256 = "sha256:";

  private Digests() {}

  public static String sha256(byte[] bytes) {
    return SHA256 + HexFormat.of().formatHex(newDigest().digest(bytes));
  }

  public static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The 64 hex digits without "sha256:". */
  public static String hex(String digest) {
    return digest.startsWith(SHA256) ? digest.substring(SHA256.length()) : digest;
  }

  /** The 12-hex short form docker prints (IMAGE ID column, pull progress ids). */
  public static String shortId(String digest) {
    return hex(digest).substring(0, 12);
  }

  public static boolean isDigest(String s) {
    return s.startsWith(SHA256) && isHex(s.substring(SHA256.length()), 64);
  }

  public static boolean isHex(String s, int length) {
    if (s.length() != length) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /** ChainID(L0) = DiffID(L0); ChainID(L0..Ln) = sha256(ChainID(L0..Ln-1) + " " + DiffID(Ln)). */
  public static List<String> chainIds(List<String> diffIds) {
    List<String> out = new ArrayList<>(diffIds.size());
    String chain = null;
    for (String diffId : diffIds) {
      chain = chain == null ? diffId : sha256(chain + " " + diffId);
      out.add(chain);
    }
    return out;
  }

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An output stream that only hashes and counts what is written to it. */
  public static final class Sink extends OutputStream {
    private final MessageDigest digest = newDigest();
    private long count;

    @Override
    public void write(int b) {
      digest.update((byte) b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      digest.update(b, off, len);
      count += len;
    }

    public long count() {
      return count;
    }

    public String digest() {
      return SHA256 + HexFormat.of().formatHex(digest.digest());
    }
  }
}

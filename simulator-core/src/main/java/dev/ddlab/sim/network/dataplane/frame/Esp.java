package dev.ddlab.sim.network.dataplane.frame;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * IPsec ESP in transport mode (RFC 4303) with AES-GCM as RFC 4106 puts it, the way Docker's
 * encrypted overlay has the kernel protect the VXLAN datagrams between two nodes ({@code
 * rfc4106(gcm(aes))}, a 16-byte key and a 4-byte salt, an 8-byte ICV): the IPv4 header stays, its
 * protocol becomes 50 and its payload the ESP packet: SPI, sequence number, the 8-byte IV (the
 * sequence number here), the encrypted transport (the UDP datagram, padding to four bytes, the pad
 * length, next header 17) and the ICV. The nonce is the salt and the IV; the SPI and sequence
 * number are authenticated, not encrypted. 26 bytes more than the datagram, plus the padding.
 */
public final class Esp {
  /** IP protocol number of ESP. */
  public static final int PROTOCOL = 50;

  /** SPI(4) + sequence(4) + IV(8) + pad length(1) + next header(1) + ICV(8). */
  public static final int EXPANSION = 26;

  private static final int HEADER = 8;
  private static final int IV = 8;
  private static final int ICV = 8;

  /** One direction's security association: SPI, AES-128 key and salt. */
  public record Sa(int spi, byte[] key, int salt) {}

  private Esp() {}

  /** The SPI of an ESP packet's payload. */
  public static int spi(byte[] esp) {
    return ByteBuffer.wrap(esp).getInt(0);
  }

  /** The sequence number of an ESP packet's payload. */
  public static long seq(byte[] esp) {
    return ByteBuffer.wrap(esp).getInt(4) & 0xffffffffL;
  }

  /** {@code plain}'s transport sealed under {@code sa} with sequence number {@code seq}. */
  public static Ipv4Packet seal(Ipv4Packet plain, Sa sa, long seq) {
    byte[] ip = FrameCodec.ipBytes(plain);
    byte[] transport = Arrays.copyOfRange(ip, 20, ip.length);
    int pad = (4 - (transport.length + 2) % 4) % 4;
    byte[] clear = new byte[transport.length + pad + 2];
    System.arraycopy(transport, 0, clear, 0, transport.length);
    for (int i = 0; i < pad; i++) {
      clear[transport.length + i] = (byte) (i + 1); // RFC 4303's default padding 1, 2, 3
    }
    clear[clear.length - 2] = (byte) pad;
    clear[clear.length - 1] = (byte) plain.protocol();
    ByteBuffer head = ByteBuffer.allocate(HEADER + IV);
    head.putInt(sa.spi()).putInt((int) seq).putLong(seq);
    byte[] sealed = gcm(Cipher.ENCRYPT_MODE, sa, head.array(), clear);
    byte[] out = new byte[HEADER + IV + clear.length + ICV];
    System.arraycopy(head.array(), 0, out, 0, HEADER + IV);
    System.arraycopy(sealed, 0, out, HEADER + IV, clear.length + ICV); // the ICV: 8 of 16 bytes
    return new Ipv4Packet(
        plain.tos(),
        plain.id(),
        plain.dontFragment(),
        plain.ttl(),
        PROTOCOL,
        plain.src(),
        plain.dst(),
        new RawPayload(out));
  }

  /**
   * The packet {@code esp} protects, opened under {@code sa}; null when the ICV does not hold (a
   * wrong key) or the packet is too short.
   */
  public static Ipv4Packet open(Ipv4Packet esp, Sa sa) {
    if (!(esp.body() instanceof RawPayload r) || r.bytes().length < HEADER + IV + 4 + ICV) {
      return null;
    }
    byte[] in = r.bytes();
    byte[] head = Arrays.copyOf(in, HEADER + IV);
    byte[] cipher = Arrays.copyOfRange(in, HEADER + IV, in.length - ICV);
    byte[] clear;
    try {
      // GCM's keystream is AES-CTR from the second counter block of the nonce
      Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
      byte[] counter = ByteBuffer.allocate(16).put(nonce(sa, head)).putInt(2).array();
      ctr.init(
          Cipher.DECRYPT_MODE, new SecretKeySpec(sa.key(), "AES"), new IvParameterSpec(counter));
      clear = ctr.doFinal(cipher);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CTR", e);
    }
    byte[] again = gcm(Cipher.ENCRYPT_MODE, sa, head, clear);
    byte[] icv = Arrays.copyOfRange(in, in.length - ICV, in.length);
    if (!MessageDigest.isEqual(
        icv, Arrays.copyOfRange(again, cipher.length, cipher.length + ICV))) {
      return null;
    }
    int pad = clear[clear.length - 2] & 0xff;
    int next = clear[clear.length - 1] & 0xff;
    if (pad + 2 > clear.length) {
      return null;
    }
    byte[] transport = Arrays.copyOf(clear, clear.length - 2 - pad);
    Ipv4Packet whole =
        new Ipv4Packet(
            esp.tos(),
            esp.id(),
            esp.dontFragment(),
            esp.ttl(),
            next,
            esp.src(),
            esp.dst(),
            new RawPayload(transport));
    return FrameCodec.decodeIp(FrameCodec.ipBytes(whole));
  }

  private static byte[] nonce(Sa sa, byte[] head) {
    return ByteBuffer.allocate(12).putInt(sa.salt()).put(head, HEADER, IV).array();
  }

  /** AES-GCM over {@code clear} with the SPI and sequence number as associated data. */
  private static byte[] gcm(int mode, Sa sa, byte[] head, byte[] clear) {
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(mode, new SecretKeySpec(sa.key(), "AES"), new GCMParameterSpec(128, nonce(sa, head)));
      c.updateAAD(head, 0, HEADER);
      return c.doFinal(clear);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM", e);
    }
  }
}

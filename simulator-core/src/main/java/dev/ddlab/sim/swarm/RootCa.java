package dev.ddlab.sim.swarm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * The swarm's root CA certificate as swarmkit makes one at {@code swarm init} and at each {@code
 * swarm ca --rotate}: a self-signed X.509 v3 certificate for {@code CN=swarm-ca} with an ECDSA
 * P-256 key, valid for 20 years, marked a CA that signs certificates and CRLs. Its bytes are DER
 * laid out as a real one (so {@code openssl x509 -text} parses it), every "random" part drawn from
 * a SHA-256 chain over the seed: the same seed gives the same certificate. No key pair exists
 * behind it (the simulator signs nothing), so its signature does not verify.
 */
final class RootCa {
  /** swarmkit's RootCAExpiration (20 years). */
  static final long VALIDITY_SECONDS = 630_720_000L;

  private static final byte[] ECDSA_WITH_SHA256 = {
    0x06, 0x08, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x04, 0x03, 0x02
  };
  private static final byte[] EC_PUBLIC_KEY = {
    0x06, 0x07, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x02, 0x01
  };
  private static final byte[] PRIME256V1 = {
    0x06, 0x08, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x03, 0x01, 0x07
  };

  private static final DateTimeFormatter UTC_TIME =
      DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

  private final byte[] der;
  private final byte[] subject;
  private final byte[] publicKeyInfo;

  /**
   * @param seed what the certificate's bytes are drawn from
   * @param notBeforeSeconds its start, in epoch seconds (the cluster's creation in virtual time)
   */
  RootCa(String seed, long notBeforeSeconds) {
    Chain chain = new Chain(seed);
    subject =
        seq(set(seq(cat(new byte[] {0x06, 0x03, 0x55, 0x04, 0x03}, tlv(0x13, ascii("swarm-ca"))))));
    byte[] point = point(chain);
    publicKeyInfo = seq(cat(seq(cat(EC_PUBLIC_KEY, PRIME256V1)), bitString(point)));
    byte[] serial = chain.next(20);
    serial[0] &= 0x7F;
    serial[0] |= 0x01;
    byte[] validity =
        seq(
            cat(
                tlv(
                    0x17,
                    ascii(UTC_TIME.format(java.time.Instant.ofEpochSecond(notBeforeSeconds)))),
                tlv(
                    0x17,
                    ascii(
                        UTC_TIME.format(
                            java.time.Instant.ofEpochSecond(
                                notBeforeSeconds + VALIDITY_SECONDS))))));
    byte[] keyUsage =
        seq(
            cat(
                new byte[] {0x06, 0x03, 0x55, 0x1D, 0x0F, 0x01, 0x01, (byte) 0xFF},
                tlv(0x04, new byte[] {0x03, 0x02, 0x01, 0x06})));
    byte[] basicConstraints =
        seq(
            cat(
                new byte[] {0x06, 0x03, 0x55, 0x1D, 0x13, 0x01, 0x01, (byte) 0xFF},
                tlv(0x04, seq(new byte[] {0x01, 0x01, (byte) 0xFF}))));
    byte[] keyId =
        seq(cat(new byte[] {0x06, 0x03, 0x55, 0x1D, 0x0E}, tlv(0x04, tlv(0x04, sha1(point)))));
    byte[] tbs =
        seq(
            cat(
                new byte[] {(byte) 0xA0, 0x03, 0x02, 0x01, 0x02},
                tlv(0x02, serial),
                seq(ECDSA_WITH_SHA256),
                subject,
                validity,
                subject,
                publicKeyInfo,
                tlv(0xA3, seq(cat(keyUsage, basicConstraints, keyId)))));
    byte[] signature = seq(cat(integer(chain.next(32)), integer(chain.next(32))));
    der = seq(cat(tbs, seq(ECDSA_WITH_SHA256), bitString(signature)));
  }

  /** The certificate as PEM (64 characters a line), ending in a newline. */
  String pem() {
    String b64 = Base64.getEncoder().encodeToString(der);
    StringBuilder sb = new StringBuilder("-----BEGIN CERTIFICATE-----\n");
    for (int i = 0; i < b64.length(); i += 64) {
      sb.append(b64, i, Math.min(b64.length(), i + 64)).append('\n');
    }
    return sb.append("-----END CERTIFICATE-----\n").toString();
  }

  /** TLSInfo.CertIssuerSubject: the subject's DER, base64. */
  String issuerSubject() {
    return Base64.getEncoder().encodeToString(subject);
  }

  /** TLSInfo.CertIssuerPublicKey: the SubjectPublicKeyInfo's DER, base64. */
  String issuerPublicKey() {
    return Base64.getEncoder().encodeToString(publicKeyInfo);
  }

  // ---- the key

  private static final java.math.BigInteger P =
      new java.math.BigInteger(
          "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);
  private static final java.math.BigInteger B =
      new java.math.BigInteger(
          "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16);

  /**
   * An uncompressed point of P-256 (0x04 ‖ X ‖ Y): X drawn from the chain until x³ − 3x + b is a
   * square mod p, Y its square root (p ≡ 3 mod 4, so a^((p+1)/4)); a public key parsers accept.
   */
  private static byte[] point(Chain chain) {
    while (true) {
      java.math.BigInteger x = new java.math.BigInteger(1, chain.next(32)).mod(P);
      java.math.BigInteger rhs =
          x.pow(3).subtract(x.multiply(java.math.BigInteger.valueOf(3))).add(B).mod(P);
      java.math.BigInteger y = rhs.modPow(P.add(java.math.BigInteger.ONE).shiftRight(2), P);
      if (y.multiply(y).mod(P).equals(rhs)) {
        return cat(new byte[] {0x04}, fixed(x), fixed(y));
      }
    }
  }

  /** A coordinate as exactly 32 big-endian bytes. */
  private static byte[] fixed(java.math.BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return out;
  }

  // ---- DER
  // ---------------------------------------------------------------------------------------

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] tlv(int tag, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int n = value.length;
    if (n < 0x80) {
      out.write(n);
    } else if (n < 0x100) {
      out.write(0x81);
      out.write(n);
    } else {
      out.write(0x82);
      out.write(n >> 8);
      out.write(n & 0xFF);
    }
    out.writeBytes(value);
    return out.toByteArray();
  }

  private static byte[] seq(byte[] content) {
    return tlv(0x30, content);
  }

  private static byte[] set(byte[] content) {
    return tlv(0x31, content);
  }

  private static byte[] bitString(byte[] bits) {
    return tlv(0x03, cat(new byte[] {0}, bits));
  }

  /** A positive INTEGER: a leading zero when the top bit is set. */
  private static byte[] integer(byte[] magnitude) {
    return tlv(0x02, (magnitude[0] & 0x80) != 0 ? cat(new byte[] {0}, magnitude) : magnitude);
  }

  private static byte[] cat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static byte[] sha1(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Bytes drawn from SHA-256(seed ‖ counter). */
  private static final class Chain {
    private final byte[] seed;
    private int counter;

    Chain(String seed) {
      this.seed = seed.getBytes(StandardCharsets.UTF_8);
    }

    byte[] next(int n) {
      try {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(seed);
        md.update((byte) counter++);
        byte[] h = md.digest();
        return java.util.Arrays.copyOf(h, n);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}

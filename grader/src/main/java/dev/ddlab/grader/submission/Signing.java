package dev.ddlab.grader.submission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Ed25519 signatures on submissions (the JDK's own). A key is an installation's ({@code ddlab
 * learn} keeps one under {@code ~/.ddlab}) or a playground server's. What is signed is the
 * submission's canonical JSON: the file's JSON tree without {@code signature}, properties sorted,
 * no spaces, so the signature survives re-indentation but not a changed character of any value.
 */
public final class Signing {
  public static final String ALGORITHM = "Ed25519";
  private static final String KEY_FORMAT = "ddlab-key/1";

  private static final ObjectMapper CANONICAL =
      JsonMapper.builder().enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();

  private Signing() {}

  /** A fresh key pair. */
  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no " + ALGORITHM, e);
    }
  }

  /**
   * The key pair kept in {@code file} (readable by its owner only), made on first use; the public
   * key is also written beside it as {@code FILE.pub}, the file an instructor trusts.
   */
  public static KeyPair loadOrCreate(Path file) throws IOException {
    if (Files.exists(file)) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.size() < 3 || !lines.get(0).equals(KEY_FORMAT)) {
        throw new IOException(file + " is not a ddlab key");
      }
      try {
        KeyFactory kf = KeyFactory.getInstance(ALGORITHM);
        return new KeyPair(
            kf.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(lines.get(2)))),
            kf.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(lines.get(1)))));
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        throw new IOException(file + " is not a ddlab key: " + e.getMessage());
      }
    }
    KeyPair key = generate();
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    String text =
        KEY_FORMAT
            + "\n"
            + Base64.getEncoder().encodeToString(key.getPrivate().getEncoded())
            + "\n"
            + publicKeyText(key.getPublic())
            + "\n";
    Files.writeString(file, "", StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX filesystem
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
    Files.writeString(
        file.resolveSibling(file.getFileName() + ".pub"),
        publicKeyText(key.getPublic()) + "\n",
        StandardCharsets.UTF_8);
    return key;
  }

  /** A public key as one base64 line (X.509), as submissions and {@code .pub} files carry it. */
  public static String publicKeyText(PublicKey key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  /** The fingerprint reports show: {@code ed25519:} and 16 hex digits of the key's SHA-256. */
  public static String keyId(String publicKeyText) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(Base64.getDecoder().decode(publicKeyText.strip()));
      return "ed25519:" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not a public key");
    }
  }

  /** The submission with a signature of {@code key} over its canonical form. */
  public static Submission sign(Submission s, KeyPair key) {
    Submission unsigned = s.withSignature(null);
    JsonNode tree = SubmissionCodec.tree(unsigned);
    try {
      java.security.Signature signer = java.security.Signature.getInstance(ALGORITHM);
      signer.initSign(key.getPrivate());
      signer.update(canonical(tree));
      return unsigned.withSignature(
          new Signature(
              ALGORITHM,
              publicKeyText(key.getPublic()),
              Base64.getEncoder().encodeToString(signer.sign())));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What the file's signature says, from the file's own JSON tree. */
  static Authorship verify(JsonNode root) {
    if (Submission.REFERENCE_SOLUTION.equals(root.path("origin").asText(null))) {
      return new Authorship(
          Authorship.Kind.SOLUTION,
          null,
          null,
          true,
          "a reference-solution export (ddlab labs solution)");
    }
    JsonNode sig = root.get("signature");
    if (sig == null || sig.isNull()) {
      return new Authorship(
          Authorship.Kind.UNSIGNED,
          null,
          null,
          true,
          "unsigned: not written by ddlab learn submit or the playground");
    }
    String publicKey = sig.path("publicKey").asText("");
    String keyId;
    try {
      keyId = keyId(publicKey);
    } catch (IllegalArgumentException e) {
      return forged(null, "the signature's public key is not a key");
    }
    if (!ALGORITHM.equals(sig.path("algorithm").asText())) {
      return forged(keyId, "unknown signature algorithm");
    }
    try {
      java.security.Signature verifier = java.security.Signature.getInstance(ALGORITHM);
      verifier.initVerify(
          KeyFactory.getInstance(ALGORITHM)
              .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey))));
      verifier.update(canonical(root));
      if (verifier.verify(Base64.getDecoder().decode(sig.path("value").asText("")))) {
        return new Authorship(Authorship.Kind.SIGNED, keyId, null, false, "signed by " + keyId);
      }
      return forged(keyId, "the signature does not match the content (edited after signing)");
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return forged(keyId, "the signature cannot be verified");
    }
  }

  private static Authorship forged(String keyId, String why) {
    return new Authorship(Authorship.Kind.FORGED, keyId, null, true, why);
  }

  /** The canonical bytes: the tree without "signature", sorted properties, compact. */
  static byte[] canonical(JsonNode root) {
    ObjectNode copy = root.deepCopy();
    copy.remove("signature");
    try {
      return CANONICAL.writeValueAsBytes(copy);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

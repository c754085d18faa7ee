package dev.ddlab.sim.image;

import dev.ddlab.engine.EngineException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image reference normalised as Docker's distribution/reference package does: {@code alpine}
 * becomes {@code docker.io/library/alpine:latest}, {@code nigelpoulton/tu-demo:v2} keeps its user
 * namespace, {@code gcr.io/…} and {@code localhost:5000/…} keep their registry. Parse errors carry
 * the daemon's text ("invalid reference format", "… repository name must be lowercase").
 *
 * @param domain registry host, e.g. "docker.io", "gcr.io", "localhost:5000"
 * @param path repository path inside the registry, e.g. "library/alpine"
 * @param tag tag or null
 * @param digest "sha256:…" or null
 */
public record Reference(String domain, String path, String tag, String digest) {
  public static final String DEFAULT_DOMAIN = "docker.io";
  public static final String DEFAULT_TAG = "latest";
  public static final String INVALID = "invalid reference format";

  /** Current Docker names the repository in this message (distribution/reference v0.5+). */
  public static final String UPPERCASE =
      "invalid reference format: repository name must be lowercase";

  private static final String ALNUM = "[a-z0-9]+";
  private static final String SEPARATOR = "(?:[._]|__|[-]+)";
  private static final String PATH_COMPONENT = ALNUM + "(?:" + SEPARATOR + ALNUM + ")*";
  private static final String DOMAIN_COMPONENT =
      "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final String IPV6 = "\\[(?:[a-fA-F0-9:]+)\\]";
  private static final String HOST =
      "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*|" + IPV6 + ")";
  private static final String DOMAIN = HOST + "(?::[0-9]+)?";
  private static final String TAG = "[\\w][\\w.-]{0,127}";
  private static final String DIGEST =
      "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
  private static final String NAME =
      "(?:(" + DOMAIN + ")/)?(" + PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*)";
  private static final Pattern REFERENCE =
      Pattern.compile("^" + NAME + "(?::(" + TAG + "))?(?:@(" + DIGEST + "))?$");
  private static final Pattern ANCHORED_ID = Pattern.compile("^[a-f0-9]{64}$");
  private static final int NAME_TOTAL_LENGTH_MAX = 255;

  /**
   * ParseNormalizedNamed: the reference as a user types it, without adding a default tag.
   *
   * @throws EngineException 400 with Docker's message when the text is not a reference
   */
  public static Reference parse(String s) {
    if (ANCHORED_ID.matcher(s).matches()) {
      throw EngineException.badRequest(
          "invalid repository name (" + s + "), cannot specify 64-byte hexadecimal strings");
    }
    String domain;
    String remainder;
    int slash = s.indexOf('/');
    String first = slash < 0 ? "" : s.substring(0, slash);
    if (slash < 0
        || (!first.contains(".")
            && !first.contains(":")
            && !first.equals("localhost")
            && first.toLowerCase(Locale.ROOT).equals(first))) {
      domain = DEFAULT_DOMAIN;
      remainder = s;
    } else {
      domain = first;
      remainder = s.substring(slash + 1);
    }
    if (domain.equals("index.docker.io")) {
      domain = DEFAULT_DOMAIN;
    }
    if (domain.equals(DEFAULT_DOMAIN) && !remainder.contains("/")) {
      remainder = "library/" + remainder;
    }
    int tagSep = remainder.indexOf(':');
    String remoteName = tagSep >= 0 ? remainder.substring(0, tagSep) : remainder;
    if (!remoteName.toLowerCase(Locale.ROOT).equals(remoteName)) {
      throw EngineException.badRequest(
          "invalid reference format: repository name (" + remoteName + ") must be lowercase");
    }
    String full = domain + "/" + remainder;
    Matcher m = REFERENCE.matcher(full);
    if (!m.matches()) {
      if (s.isEmpty()) {
        throw EngineException.badRequest(INVALID);
      }
      if (REFERENCE.matcher(full.toLowerCase(Locale.ROOT)).matches()) {
        throw EngineException.badRequest(UPPERCASE);
      }
      throw EngineException.badRequest(INVALID);
    }
    String name = (m.group(1) == null ? "" : m.group(1) + "/") + m.group(2);
    if (name.length() > NAME_TOTAL_LENGTH_MAX) {
      throw EngineException.badRequest(
          "invalid reference format: repository name must not be more than 255 characters");
    }
    String digest = m.group(4);
    if (digest != null) {
      validateDigest(digest);
    }
    return new Reference(m.group(1), m.group(2), m.group(3), digest);
  }

  /** ParseNormalizedNamed + TagNameOnly: adds ":latest" when neither tag nor digest is given. */
  /** {@link #parse}, or null when {@code s} is not a reference. */
  public static Reference tryParse(String s) {
    try {
      return parse(s);
    } catch (EngineException e) {
      return null;
    }
  }

  public static Reference parseWithDefaultTag(String s) {
    return parse(s).withDefaultTag();
  }

  private static void validateDigest(String digest) {
    int c = digest.indexOf(':');
    String alg = digest.substring(0, c);
    String hex = digest.substring(c + 1);
    if (!alg.equals("sha256") && !alg.equals("sha384") && !alg.equals("sha512")) {
      throw EngineException.badRequest("unsupported digest algorithm");
    }
    int len = alg.equals("sha256") ? 64 : alg.equals("sha384") ? 96 : 128;
    if (hex.length() != len) {
      throw EngineException.badRequest("invalid checksum digest length");
    }
    if (!hex.equals(hex.toLowerCase(Locale.ROOT))) {
      throw EngineException.badRequest("invalid checksum digest format");
    }
  }

  public Reference withDefaultTag() {
    return tag == null && digest == null ? new Reference(domain, path, DEFAULT_TAG, null) : this;
  }

  public Reference withTag(String newTag) {
    return new Reference(domain, path, newTag, null);
  }

  public Reference withDigest(String newDigest) {
    return new Reference(domain, path, null, newDigest);
  }

  /** The repository without tag or digest: "docker.io/library/alpine". */
  public String name() {
    return domain + "/" + path;
  }

  /** The repository as docker prints it: "alpine", "nigelpoulton/tu-demo", "gcr.io/x/y". */
  public String familiarName() {
    if (domain.equals(DEFAULT_DOMAIN)) {
      return path.startsWith("library/") && path.indexOf('/', 8) < 0 ? path.substring(8) : path;
    }
    return name();
  }

  /** "alpine:latest", "alpine@sha256:…", "gcr.io/google-containers/git-sync:v3.1.5". */
  public String familiarString() {
    return familiarName() + suffix();
  }

  /** The path as registries print it in "Pulling from": "library/alpine". */
  public String remoteName() {
    return path;
  }

  public boolean isOfficial() {
    return domain.equals(DEFAULT_DOMAIN) && path.startsWith("library/");
  }

  private String suffix() {
    return (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
  }

  /** The fully qualified form: "docker.io/library/alpine:latest". */
  @Override
  public String toString() {
    return name() + suffix();
  }
}

package dev.ddlab.cli.formatter;

/**
 * The bits of distribution/reference the CLI needs for display: familiar names ("alpine" for
 * "docker.io/library/alpine"), splitting "repo:tag" and "repo@digest", and stringid.TruncateID.
 */
public final class Refs {
  private Refs() {}

  /** stringid.TruncateID: drops an algorithm prefix and keeps 12 characters. */
  public static String truncateId(String id) {
    if (id == null) {
      return "";
    }
    int from = id.indexOf(':') + 1;
    return id.substring(from, Math.min(id.length(), from + 12));
  }

  /** Whether two IDs truncate alike ({@link #truncateId}), without making either. */
  static boolean sameTruncatedId(String a, String b) {
    if (a == null || b == null) {
      return (a == null ? "" : truncateId(a)).equals(b == null ? "" : truncateId(b));
    }
    int fromA = a.indexOf(':') + 1;
    int fromB = b.indexOf(':') + 1;
    int lenA = Math.min(a.length(), fromA + 12) - fromA;
    int lenB = Math.min(b.length(), fromB + 12) - fromB;
    return lenA == lenB && a.regionMatches(fromA, b, fromB, lenA);
  }

  /** reference.FamiliarName of a normalised name. */
  public static String familiar(String name) {
    if (name.startsWith("docker.io/library/")) {
      return name.substring("docker.io/library/".length());
    }
    if (name.startsWith("docker.io/")) {
      return name.substring("docker.io/".length());
    }
    return name;
  }

  /**
   * Splits "name:tag" (the tag is after the last ':' that follows the last '/'); tag may be null.
   */
  public static String[] splitTag(String ref) {
    int at = ref.indexOf('@');
    if (at >= 0) {
      ref = ref.substring(0, at);
    }
    int slash = ref.lastIndexOf('/');
    int colon = ref.lastIndexOf(':');
    if (colon > slash) {
      return new String[] {ref.substring(0, colon), ref.substring(colon + 1)};
    }
    return new String[] {ref, null};
  }

  /** Splits "name@sha256:…"; digest null when absent. */
  public static String[] splitDigest(String ref) {
    int at = ref.indexOf('@');
    if (at < 0) {
      return new String[] {ref, null};
    }
    return new String[] {ref.substring(0, at), ref.substring(at + 1)};
  }

  /** reference.TagNameOnly + FamiliarString: "alpine" → "alpine:latest"; digests kept. */
  public static String withDefaultTag(String ref) {
    if (ref.contains("@")) {
      return familiar(ref);
    }
    String[] nt = splitTag(ref);
    return familiar(nt[0]) + ":" + (nt[1] == null ? "latest" : nt[1]);
  }

  /**
   * reference.ParseNormalizedNamed + TagNameOnly, as the CLI prints the pulled reference: "alpine"
   * → "docker.io/library/alpine:latest". Throws IllegalArgumentException with docker's "invalid
   * reference format" texts.
   */
  public static String normalize(String ref, boolean addTag) {
    validate(ref);
    String[] nd = splitDigest(ref);
    String[] nt = splitTag(nd[0]);
    String name = nt[0];
    int slash = name.indexOf('/');
    String first = slash < 0 ? "" : name.substring(0, slash);
    boolean hasDomain =
        slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"));
    if (!hasDomain) {
      name = (slash < 0 ? "docker.io/library/" : "docker.io/") + name;
    }
    StringBuilder sb = new StringBuilder(name);
    if (nt[1] != null) {
      sb.append(':').append(nt[1]);
    } else if (addTag && nd[1] == null) {
      sb.append(":latest");
    }
    if (nd[1] != null) {
      sb.append('@').append(nd[1]);
    }
    return sb.toString();
  }

  /** Docker's reference grammar errors. */
  public static void validate(String ref) {
    if (ref.isEmpty()) {
      throw new IllegalArgumentException("invalid reference format");
    }
    String[] nd = splitDigest(ref);
    String[] nt = splitTag(nd[0]);
    String name = nt[0];
    String path = name;
    int slash = name.indexOf('/');
    if (slash >= 0) {
      String first = name.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        path = name.substring(slash + 1);
      }
    }
    if (!path.equals(path.toLowerCase())) {
      throw new IllegalArgumentException(
          "invalid reference format: repository name must be lowercase");
    }
    if (!path.matches(
        "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*")) {
      throw new IllegalArgumentException("invalid reference format");
    }
    if (nt[1] != null && !nt[1].matches("[\\w][\\w.-]{0,127}")) {
      throw new IllegalArgumentException("invalid reference format");
    }
    if (nd[1] != null && !nd[1].matches("[a-z0-9]+:[a-f0-9]{32,}")) {
      throw new IllegalArgumentException("invalid reference format");
    }
  }
}

package dev.ddlab.bridge.guard;

/**
 * An image reference as the daemon names it in {@code RepoTags}: the familiar form
 * ("alpine:latest", "user/app:1", "localhost:5000/app:latest"), so that the tags a session writes
 * and the tags the daemon lists compare equal (docker/distribution's reference normalisation,
 * familiar side).
 */
final class ImageRef {
  private ImageRef() {}

  /** Whether {@code ref} pins a digest ("name@sha256:…"): it writes no tag. */
  static boolean isDigest(String ref) {
    return ref.contains("@");
  }

  /** "alpine" → "alpine:latest", "docker.io/library/alpine:3" → "alpine:3". */
  static String familiar(String ref) {
    String name = ref;
    String tag = "latest";
    int slash = ref.lastIndexOf('/');
    int colon = ref.lastIndexOf(':');
    if (colon > slash) {
      name = ref.substring(0, colon);
      tag = ref.substring(colon + 1);
    }
    return familiarName(name) + ":" + tag;
  }

  /** The repository part in its familiar form: without "docker.io/" and "library/". */
  static String familiarName(String name) {
    String n = name;
    for (String registry : new String[] {"docker.io/", "index.docker.io/"}) {
      if (n.startsWith(registry)) {
        n = n.substring(registry.length());
        if (n.startsWith("library/") && n.indexOf('/', "library/".length()) < 0) {
          n = n.substring("library/".length());
        }
        return n;
      }
    }
    if (n.startsWith("library/") && n.indexOf('/', "library/".length()) < 0) {
      return n.substring("library/".length());
    }
    return n;
  }

  /** repository + tag as {@code docker tag}/{@code commit} send them, familiar. */
  static String of(String repository, String tag) {
    return familiarName(repository) + ":" + (tag == null || tag.isEmpty() ? "latest" : tag);
  }
}

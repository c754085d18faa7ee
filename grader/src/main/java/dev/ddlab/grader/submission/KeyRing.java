package dev.ddlab.grader.submission;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which keys the grader trusts for whom, in a classroom: playground server keys the instructor
 * names ({@code grade --trust-key FILE.pub}) sign for any student; an installation key belongs to
 * the first student it signed for (trust on first use, remembered in the gradebook), so a second
 * student's submission signed with it, or a student's submission signed with another installation's
 * key, is flagged. An instructor who collected keys beforehand loads them the same way.
 */
public final class KeyRing {
  private final Set<String> serverKeys;
  private final Map<String, String> keyOfStudent = new HashMap<>();
  private final Map<String, String> studentOfKey = new HashMap<>();

  /**
   * @param serverKeys fingerprints of trusted playground server keys
   * @param known student → installation key fingerprint, as registered before
   */
  public KeyRing(Set<String> serverKeys, Map<String, String> known) {
    this.serverKeys = Set.copyOf(serverKeys);
    known.forEach(this::register);
  }

  public static KeyRing empty() {
    return new KeyRing(Set.of(), Map.of());
  }

  private void register(String student, String keyId) {
    keyOfStudent.putIfAbsent(student, keyId);
    studentOfKey.putIfAbsent(keyId, student);
  }

  /** Judges a verified signature for this student (and registers a first-seen key). */
  public synchronized Authorship judge(String student, Authorship a) {
    if (a.kind() != Authorship.Kind.SIGNED) {
      return a;
    }
    String key = a.keyId();
    if (serverKeys.contains(key)) {
      return a.judged(null, false, "signed by the playground server key " + key);
    }
    String owner = studentOfKey.get(key);
    if (owner != null && !owner.equals(student)) {
      return a.judged(
          owner, true, "signed by installation key " + key + ", which is " + owner + "'s");
    }
    String registered = keyOfStudent.get(student);
    if (registered == null) {
      register(student, key);
      return a.judged(
          student, false, "signed by installation key " + key + " (first seen: registered)");
    }
    if (!registered.equals(key)) {
      return a.judged(
          null,
          true,
          "signed by installation key " + key + ", but " + student + "'s key is " + registered);
    }
    return a.judged(student, false, "signed by " + student + "'s installation key " + key);
  }
}

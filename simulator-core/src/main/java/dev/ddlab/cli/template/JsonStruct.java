package dev.ddlab.cli.template;

/**
 * A value {@link GoJson} writes as a JSON object whose members it is handed in order, without a
 * {@link GoObject} built first: {@code docker inspect}'s DTOs, converted as they are written.
 */
public interface JsonStruct {
  /** Hands each member to {@code members}, in its order. */
  void forEachJsonMember(Members members);

  /** Where a struct's members go. */
  interface Members {
    /**
     * One member: its key, the key already written as JSON ({@link #quotedKey}, null to have it
     * quoted here) and its value (a value {@link GoJson} writes).
     */
    void member(String key, String quotedKey, Object value);
  }

  /**
   * A constant key as JSON writes it, in quotes, when no character of it is escaped (with or
   * without HTML escaping); null when one is. A struct works these out once per field, so that the
   * keys, a quarter of an inspect's characters, are not scanned again on every write.
   */
  static String quotedKey(String key) {
    StringBuilder sb = new StringBuilder(key.length() + 2);
    GoJson.quote(sb, key, true);
    return sb.length() == key.length() + 2 ? sb.toString() : null;
  }
}

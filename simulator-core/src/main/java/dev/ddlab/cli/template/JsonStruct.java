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
    /** One member: its key and its value (a value {@link GoJson} writes). */
    void member(Key key, Object value);
  }

  /**
   * A struct's constant member key, made once per field: the key as JSON writes it and, filled in
   * as {@link GoJson} meets them, the text before a member's value at each depth ({@code ",\n
   * "Key": "}), so that the keys, a quarter of an inspect's characters, are neither scanned nor
   * pieced together again on every write.
   */
  final class Key {
    final String name;

    /** The key in quotes when no character of it is escaped (with or without HTML); else null. */
    final String quoted;

    /** By {@code 2 * depth + (first ? 0 : 1)}, depth 0 for compact JSON: each member's lead-in. */
    final String[] leadIns = new String[2 * GoJson.LEVELS];

    public Key(String name) {
      this.name = name;
      StringBuilder sb = new StringBuilder(name.length() + 2);
      GoJson.quote(sb, name, true);
      this.quoted = sb.length() == name.length() + 2 ? sb.toString() : null;
    }

    public String name() {
      return name;
    }
  }
}

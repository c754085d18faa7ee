package dev.ddlab.cli.template;

/**
 * A value that writes itself as a JSON object through {@link GoJson.Out}, without a {@link
 * GoObject} or any other value built first: {@code docker inspect}'s DTOs, each written by a writer
 * made once for its class.
 */
public interface JsonStruct {
  /** Writes this object at {@code depth} (its members at {@code depth + 1}). */
  void writeJson(GoJson.Out out, int depth);

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

package dev.ddlab.engine;

import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;

/**
 * How the daemon finds an object that a request names (moby's {@code daemon.GetContainer}, {@code
 * FindNetwork}): by its full ID, then by its name, then by a prefix of its ID that only one object
 * has. One copy for every engine and decorator that resolves references itself.
 */
public final class Lookup {
  private Lookup() {}

  /** More than one object has an ID starting with the reference. */
  public static final class AmbiguousPrefix extends RuntimeException {
    private final int matches;

    AmbiguousPrefix(String ref, int matches) {
      super("Multiple IDs found with provided prefix: " + ref);
      this.matches = matches;
    }

    /** How many IDs start with the reference. */
    public int matches() {
      return matches;
    }
  }

  /**
   * The object {@code ref} names among {@code objects}.
   *
   * @param id an object's full ID
   * @param names an object's names (a container's with or without the leading "/")
   * @return the object, or empty when none matches (an empty reference matches none)
   * @throws AmbiguousPrefix when no ID or name matches and several IDs start with {@code ref}
   */
  public static <T> Optional<T> find(
      Collection<T> objects,
      Function<T, String> id,
      Function<T, Collection<String>> names,
      String ref) {
    if (ref == null || ref.isEmpty()) {
      return Optional.empty();
    }
    for (T o : objects) {
      if (ref.equals(id.apply(o))) {
        return Optional.of(o);
      }
    }
    for (T o : objects) {
      if (names.apply(o).contains(ref)) {
        return Optional.of(o);
      }
    }
    T found = null;
    int matches = 0;
    for (T o : objects) {
      String full = id.apply(o);
      if (full != null && full.startsWith(ref)) {
        found = o;
        matches++;
      }
    }
    if (matches > 1) {
      throw new AmbiguousPrefix(ref, matches);
    }
    return Optional.ofNullable(found);
  }
}

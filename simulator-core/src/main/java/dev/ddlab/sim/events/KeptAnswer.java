package dev.ddlab.sim.events;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The last answer of a daemon's listing query ({@code docker ps}, {@code docker events --since}),
 * kept with what it was made of: the query (its options and filters, compared by value), a version
 * of everything the answer reads (counters that only grow, so any change moves it) and the virtual
 * time from which until which it reads the same. While all hold, the same immutable list is the
 * answer, so that the caller's kept text can be recognised by identity and nothing is built or
 * compared to learn that nothing changed.
 */
public final class KeptAnswer<T> {
  private Object query;
  private long version;
  private long from;
  private long until;
  private List<T> answer;

  /** The kept answer to {@code query} at {@code version} and time {@code now}, or null. */
  public List<T> get(Object query, long version, long now) {
    if (answer != null
        && this.version == version
        && now >= from
        && now < until
        && this.query.equals(query)) {
      return answer;
    }
    return null;
  }

  /**
   * Keeps {@code answer} to {@code query}, made at {@code version} and time {@code now} and reading
   * the same until {@code until}; returns it as kept (an immutable copy).
   */
  public List<T> keep(Object query, long version, long now, long until, List<T> answer) {
    this.query = query;
    this.version = version;
    this.from = now;
    this.until = until;
    this.answer = List.copyOf(answer);
    return this.answer;
  }

  /** A copy of a query's filters that later changes to the caller's map cannot reach. */
  public static Map<String, List<String>> frozen(Map<String, List<String>> filters) {
    if (filters == null) {
      return Map.of();
    }
    // as given, nulls too (an API client's JSON may hold them): copies that tolerate them
    Map<String, List<String>> out = new HashMap<>();
    filters.forEach(
        (k, v) -> out.put(k, v == null ? null : Collections.unmodifiableList(new ArrayList<>(v))));
    return Collections.unmodifiableMap(out);
  }
}

package dev.ddlab.bridge.guard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which guarded session wrote which tag on one daemon. A tag carries no label, so the daemon cannot
 * say whose it is: the sessions of one ddlab process (the playground's whole class) share this
 * record, and a tag in it is private to its session — hidden from the others, never overwritten by
 * them, and the only tags that session's clean-up removes. A tag on the daemon that no session
 * wrote is shared (the base images).
 */
final class TagOwners {
  private static final Map<String, TagOwners> BY_DAEMON = new ConcurrentHashMap<>();

  private final Map<String, String> owners = new LinkedHashMap<>();

  /** The record of the daemon at {@code host} (one per daemon address, for this process). */
  static TagOwners of(String host) {
    return BY_DAEMON.computeIfAbsent(host, h -> new TagOwners());
  }

  /** The session that wrote {@code tag} (familiar form), or null for a shared or absent tag. */
  synchronized String owner(String tag) {
    return owners.get(tag);
  }

  synchronized void claim(String tag, String session) {
    owners.put(tag, session);
  }

  synchronized void release(String tag) {
    owners.remove(tag);
  }

  /** The tags {@code session} wrote, oldest first. */
  synchronized List<String> tagsOf(String session) {
    return owners.entrySet().stream()
        .filter(e -> e.getValue().equals(session))
        .map(Map.Entry::getKey)
        .toList();
  }
}

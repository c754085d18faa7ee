package dev.ddlab.sim.container;

import dev.ddlab.engine.EngineException;
import dev.ddlab.sim.clock.SeededRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * moby's daemon/names.go: container names, checked, reserved and generated. A name is kept without
 * its leading "/" (the API shows it with one).
 */
final class Names {
  private static final Pattern VALID_NAME = Pattern.compile("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$");

  private final NameGenerator generator;
  private final Map<String, Container> byName = new HashMap<>();

  Names(SeededRandom random) {
    this.generator = new NameGenerator(random);
  }

  /** validateName: the name without its leading "/", or 400 "Invalid container name (x)…". */
  static String validate(String name) {
    if (name == null || !VALID_NAME.matcher(name).matches()) {
      throw EngineException.badRequest(
          "Invalid container name (" + name + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    }
    return name.startsWith("/") ? name.substring(1) : name;
  }

  /** 409 naming the container that holds {@code name} (without "/"), if one does. */
  void checkFree(String name) {
    Container holder = byName.get(name);
    if (holder != null) {
      throw EngineException.conflict(
          "Conflict. The container name \"/"
              + name
              + "\" is already in use by container \""
              + holder.id
              + "\". You have to remove (or rename) that container to be able to reuse that"
              + " name.");
    }
  }

  /** A free adjective_surname name. */
  String generate() {
    return generator.next(byName::containsKey);
  }

  /** The container of this name (with or without "/"), or null. */
  Container get(String ref) {
    return byName.get(ref.startsWith("/") ? ref.substring(1) : ref);
  }

  void reserve(String name, Container c) {
    byName.put(name, c);
  }

  void release(String name) {
    byName.remove(name);
  }
}

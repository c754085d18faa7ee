package dev.ddlab.sim.container;

import dev.ddlab.go.GoNames;
import dev.ddlab.sim.clock.SeededRandom;
import java.util.function.Predicate;

/** Container names as Docker makes them ({@link GoNames}), drawn from a node's seeded stream. */
public final class NameGenerator {
  private final SeededRandom random;

  public NameGenerator(SeededRandom random) {
    this.random = random;
  }

  /** A free adjective_surname name ({@code taken}: whether a name is in use). */
  public String next(Predicate<String> taken) {
    return GoNames.next(random::nextInt, taken);
  }
}

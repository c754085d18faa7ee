package dev.ddlab.sim.swarm;

import dev.ddlab.sim.clock.SeededRandom;

/** swarmkit's object IDs: 25 characters of [0-9a-z], drawn from the seed. */
public final class Ids {
  private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

  private Ids() {}

  public static String newId(SeededRandom random) {
    return chars(random, 25);
  }

  public static String chars(SeededRandom random, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }
}

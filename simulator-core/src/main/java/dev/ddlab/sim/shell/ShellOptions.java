package dev.ddlab.sim.shell;

/**
 * The options {@code set} turns on and off in one shell: {@code -e} (errexit), {@code -u}
 * (nounset), {@code -x} (xtrace) and {@code -o pipefail}, and {@code $-}, which lists them.
 */
final class ShellOptions {
  private final Dialect dialect;
  private boolean errexit;
  private boolean nounset;
  private boolean xtrace;
  private boolean pipefail;

  ShellOptions(Dialect dialect) {
    this.dialect = dialect;
  }

  boolean errexit() {
    return errexit;
  }

  boolean nounset() {
    return nounset;
  }

  boolean xtrace() {
    return xtrace;
  }

  boolean pipefail() {
    return pipefail;
  }
}

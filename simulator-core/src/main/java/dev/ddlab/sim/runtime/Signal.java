package dev.ddlab.sim.runtime;

import java.util.Locale;

/** Linux signals by number, parsed as {@code docker kill -s} and {@code kill} accept them. */
public enum Signal {
  SIGHUP(1),
  SIGINT(2),
  SIGQUIT(3),
  SIGKILL(9),
  SIGUSR1(10),
  SIGUSR2(12),
  SIGPIPE(13),
  SIGALRM(14),
  SIGTERM(15),
  SIGCHLD(17),
  SIGCONT(18),
  SIGSTOP(19),
  SIGTSTP(20),
  SIGWINCH(28);

  private final int number;

  Signal(int number) {
    this.number = number;
  }

  public int number() {
    return number;
  }

  public boolean terminatesByDefault() {
    return this != SIGCHLD
        && this != SIGCONT
        && this != SIGWINCH
        && this != SIGSTOP
        && this != SIGTSTP;
  }

  /** "TERM", "SIGTERM", "sigterm" or "15"; null when unknown. */
  public static Signal parse(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    if (t.chars().allMatch(Character::isDigit) && !t.isEmpty()) {
      int n = Integer.parseInt(t);
      for (Signal s : values()) {
        if (s.number == n) {
          return s;
        }
      }
      return null;
    }
    if (!t.startsWith("SIG")) {
      t = "SIG" + t;
    }
    try {
      return valueOf(t);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}

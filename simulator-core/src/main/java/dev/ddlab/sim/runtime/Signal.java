package dev.ddlab.sim.runtime;

import java.util.Locale;

/** Linux signals by number, parsed as {@code docker kill -s} and {@code kill} accept them. */
public enum Signal {
  SIGHUP(1),
  SIGINT(2),
  SIGQUIT(3),
  SIGILL(4),
  SIGTRAP(5),
  SIGABRT(6),
  SIGBUS(7),
  SIGFPE(8),
  SIGKILL(9),
  SIGUSR1(10),
  SIGSEGV(11),
  SIGUSR2(12),
  SIGPIPE(13),
  SIGALRM(14),
  SIGTERM(15),
  SIGSTKFLT(16),
  SIGCHLD(17),
  SIGCONT(18),
  SIGSTOP(19),
  SIGTSTP(20),
  SIGTTIN(21),
  SIGTTOU(22),
  SIGURG(23),
  SIGXCPU(24),
  SIGXFSZ(25),
  SIGVTALRM(26),
  SIGPROF(27),
  SIGWINCH(28),
  SIGIO(29),
  SIGPWR(30),
  SIGSYS(31);

  private final int number;

  Signal(int number) {
    this.number = number;
  }

  public int number() {
    return number;
  }

  public boolean terminatesByDefault() {
    return this != SIGCHLD && this != SIGCONT && this != SIGWINCH && this != SIGURG && !stops();
  }

  /** The default action stops the process (the kernel's SIGSTOP, the terminal's three). */
  public boolean stops() {
    return this == SIGSTOP || this == SIGTSTP || this == SIGTTIN || this == SIGTTOU;
  }

  /** The signal numbered {@code n} (1–31), null for another number. */
  public static Signal byNumber(int n) {
    for (Signal s : values()) {
      if (s.number == n) {
        return s;
      }
    }
    return null;
  }

  /** "TERM", "SIGTERM", "sigterm" or "15"; null when unknown. */
  public static Signal parse(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    if (t.chars().allMatch(Character::isDigit) && !t.isEmpty()) {
      return t.length() > 9 ? null : byNumber(Integer.parseInt(t));
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

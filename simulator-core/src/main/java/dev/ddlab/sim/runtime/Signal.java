package dev.ddlab.sim.runtime;

import java.util.Locale;

/** Linux signals by number, parsed as {@code docker kill -s} and {@code kill} accept them. */
public enum Signal {
  SIGHUP(1, "Hangup"),
  SIGINT(2, "Interrupt"),
  SIGQUIT(3, "Quit"),
  SIGILL(4, "Illegal instruction"),
  SIGTRAP(5, "Trace/breakpoint trap"),
  SIGABRT(6, "Aborted"),
  SIGBUS(7, "Bus error"),
  SIGFPE(8, "Floating point exception"),
  SIGKILL(9, "Killed"),
  SIGUSR1(10, "User defined signal 1"),
  SIGSEGV(11, "Segmentation fault"),
  SIGUSR2(12, "User defined signal 2"),
  SIGPIPE(13, "Broken pipe"),
  SIGALRM(14, "Alarm clock"),
  SIGTERM(15, "Terminated"),
  SIGSTKFLT(16, "Stack fault"),
  SIGCHLD(17, "Child exited"),
  SIGCONT(18, "Continued"),
  SIGSTOP(19, "Stopped (signal)"),
  SIGTSTP(20, "Stopped"),
  SIGTTIN(21, "Stopped (tty input)"),
  SIGTTOU(22, "Stopped (tty output)"),
  SIGURG(23, "Urgent I/O condition"),
  SIGXCPU(24, "CPU time limit exceeded"),
  SIGXFSZ(25, "File size limit exceeded"),
  SIGVTALRM(26, "Virtual timer expired"),
  SIGPROF(27, "Profiling timer expired"),
  SIGWINCH(28, "Window changed"),
  SIGIO(29, "I/O possible"),
  SIGPWR(30, "Power failure"),
  SIGSYS(31, "Bad system call");

  private final int number;
  private final String description;

  Signal(int number, String description) {
    this.number = number;
    this.description = description;
  }

  /** glibc's strsignal text, as bash reports a job the signal ended ("Terminated", "Killed"). */
  public String description() {
    return description;
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

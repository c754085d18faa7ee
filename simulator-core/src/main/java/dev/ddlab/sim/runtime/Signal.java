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
  SIGSYS(31, "Bad system call"),
  // the real-time signals as moby/sys/signal's SignalMap names them for Linux (32 and 33 are
  // glibc's own, which Docker does not accept)
  SIGRTMIN(34, "Real-time signal 0", "SIGRTMIN"),
  SIGRTMIN_PLUS_1(35, "Real-time signal 1", "SIGRTMIN+1"),
  SIGRTMIN_PLUS_2(36, "Real-time signal 2", "SIGRTMIN+2"),
  SIGRTMIN_PLUS_3(37, "Real-time signal 3", "SIGRTMIN+3"),
  SIGRTMIN_PLUS_4(38, "Real-time signal 4", "SIGRTMIN+4"),
  SIGRTMIN_PLUS_5(39, "Real-time signal 5", "SIGRTMIN+5"),
  SIGRTMIN_PLUS_6(40, "Real-time signal 6", "SIGRTMIN+6"),
  SIGRTMIN_PLUS_7(41, "Real-time signal 7", "SIGRTMIN+7"),
  SIGRTMIN_PLUS_8(42, "Real-time signal 8", "SIGRTMIN+8"),
  SIGRTMIN_PLUS_9(43, "Real-time signal 9", "SIGRTMIN+9"),
  SIGRTMIN_PLUS_10(44, "Real-time signal 10", "SIGRTMIN+10"),
  SIGRTMIN_PLUS_11(45, "Real-time signal 11", "SIGRTMIN+11"),
  SIGRTMIN_PLUS_12(46, "Real-time signal 12", "SIGRTMIN+12"),
  SIGRTMIN_PLUS_13(47, "Real-time signal 13", "SIGRTMIN+13"),
  SIGRTMIN_PLUS_14(48, "Real-time signal 14", "SIGRTMIN+14"),
  SIGRTMIN_PLUS_15(49, "Real-time signal 15", "SIGRTMIN+15"),
  SIGRTMAX_MINUS_14(50, "Real-time signal 16", "SIGRTMAX-14"),
  SIGRTMAX_MINUS_13(51, "Real-time signal 17", "SIGRTMAX-13"),
  SIGRTMAX_MINUS_12(52, "Real-time signal 18", "SIGRTMAX-12"),
  SIGRTMAX_MINUS_11(53, "Real-time signal 19", "SIGRTMAX-11"),
  SIGRTMAX_MINUS_10(54, "Real-time signal 20", "SIGRTMAX-10"),
  SIGRTMAX_MINUS_9(55, "Real-time signal 21", "SIGRTMAX-9"),
  SIGRTMAX_MINUS_8(56, "Real-time signal 22", "SIGRTMAX-8"),
  SIGRTMAX_MINUS_7(57, "Real-time signal 23", "SIGRTMAX-7"),
  SIGRTMAX_MINUS_6(58, "Real-time signal 24", "SIGRTMAX-6"),
  SIGRTMAX_MINUS_5(59, "Real-time signal 25", "SIGRTMAX-5"),
  SIGRTMAX_MINUS_4(60, "Real-time signal 26", "SIGRTMAX-4"),
  SIGRTMAX_MINUS_3(61, "Real-time signal 27", "SIGRTMAX-3"),
  SIGRTMAX_MINUS_2(62, "Real-time signal 28", "SIGRTMAX-2"),
  SIGRTMAX_MINUS_1(63, "Real-time signal 29", "SIGRTMAX-1"),
  SIGRTMAX(64, "Real-time signal 30", "SIGRTMAX");

  private final int number;
  private final String description;
  private final String signalName;

  Signal(int number, String description) {
    this(number, description, null);
  }

  Signal(int number, String description, String signalName) {
    this.number = number;
    this.description = description;
    this.signalName = signalName;
  }

  /** The signal's name as the kernel and Docker spell it: "SIGTERM", "SIGRTMIN+3". */
  public String signalName() {
    return signalName == null ? name() : signalName;
  }

  /** One of the 31 standard signals (not a real-time one). */
  public boolean standard() {
    return number <= 31;
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

  /** The signal numbered {@code n} (1–31, 34–64), null for another number. */
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
    for (Signal s : values()) {
      if (s.signalName().equals(t)) {
        return s;
      }
    }
    return null;
  }
}

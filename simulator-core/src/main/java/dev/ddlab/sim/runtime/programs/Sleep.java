package dev.ddlab.sim.runtime.programs;

import dev.ddlab.sim.runtime.Proc;
import dev.ddlab.sim.runtime.Program;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * sleep(1): the sum of its arguments, each a number with an optional s/m/h/d suffix, or {@code
 * infinity}. As PID 1 it installs no signal handlers, so SIGTERM is ignored and {@code docker stop}
 * ends in SIGKILL.
 */
public final class Sleep implements Program {
  private static final java.util.regex.Pattern DECIMAL =
      java.util.regex.Pattern.compile("[0-9]*\\.?[0-9]*");

  @Override
  public void start(Proc proc) {
    if (proc.argv().size() < 2) {
      proc.err("sleep: missing operand\nTry 'sleep --help' for more information.\n");
      proc.exit(1);
      return;
    }
    long nanos = 0;
    boolean forever = false;
    for (String arg : proc.argv().subList(1, proc.argv().size())) {
      Long n = parse(arg);
      if (n == null) {
        proc.err(
            "sleep: invalid time interval '"
                + arg
                + "'\nTry 'sleep --help' for more information.\n");
        proc.exit(1);
        return;
      }
      if (n < 0) {
        forever = true;
      } else {
        nanos = Math.addExact(nanos, n);
      }
    }
    if (!forever) {
      proc.after(Duration.ofNanos(nanos), () -> proc.exit(0));
    }
  }

  /**
   * One operand of sleep(1) (a number with an optional s/m/h/d suffix): nanoseconds, -1 for
   * infinity, null when invalid. The host shell's {@code sleep} reads its operands with it too.
   */
  public static Long parse(String arg) {
    String a = arg.trim();
    if (a.equalsIgnoreCase("infinity") || a.equalsIgnoreCase("inf")) {
      return -1L;
    }
    long unit = 1_000_000_000L;
    char last = a.isEmpty() ? ' ' : a.charAt(a.length() - 1);
    switch (last) {
      case 's' -> a = a.substring(0, a.length() - 1);
      case 'm' -> {
        unit *= 60;
        a = a.substring(0, a.length() - 1);
      }
      case 'h' -> {
        unit *= 3600;
        a = a.substring(0, a.length() - 1);
      }
      case 'd' -> {
        unit *= 86400;
        a = a.substring(0, a.length() - 1);
      }
      default -> {}
    }
    if (a.isEmpty() || !DECIMAL.matcher(a).matches()) {
      return null;
    }
    try {
      return new BigDecimal(a).multiply(BigDecimal.valueOf(unit)).longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      return null;
    }
  }
}

package dev.ddlab.sim.shell;

import dev.ddlab.sim.runtime.Proc;
import dev.ddlab.sim.runtime.Program;
import dev.ddlab.sim.runtime.Signal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * ping inside a container: resolves the name as the container's resolver does (/etc/hosts, Docker's
 * embedded DNS on user-defined networks) and answers once a second on the virtual clock until
 * {@code -c} replies were counted or Ctrl-C, then prints the statistics. Busybox or iputils wording
 * by the executable it was started as.
 */
final class PingProgram implements Program {
  private String name;
  private String address;
  private int count = -1;
  private int sent;
  private boolean busybox;
  private double min = Double.MAX_VALUE;
  private double max;
  private double sum;

  @Override
  public void start(Proc proc) {
    List<String> args = proc.argv().subList(1, proc.argv().size());
    String argv0 = proc.argv().get(0);
    String path =
        argv0.contains("/")
            ? argv0
            : ShellProgram.lookPath(proc.fs(), argv0, proc.env().get("PATH"));
    busybox = path != null && ShellProgram.isBusybox(proc.fs(), path);
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("-c") && i + 1 < args.size()) {
        try {
          count = Integer.parseInt(args.get(++i));
        } catch (NumberFormatException e) {
          proc.err("ping: invalid number '" + args.get(i) + "'\n");
          proc.exit(busybox ? 1 : 2);
          return;
        }
      } else if (a.startsWith("-c") && a.length() > 2) {
        count = Integer.parseInt(a.substring(2));
      } else if (!a.startsWith("-")) {
        name = a;
      }
    }
    if (name == null) {
      proc.err(
          busybox
              ? "BusyBox v1.36.1 (2023-11-07 18:53:09 UTC) multi-call binary.\n"
              : "ping: usage error: Destination address required\n");
      proc.exit(busybox ? 1 : 2);
      return;
    }
    Optional<String> ip =
        name.matches("\\d+\\.\\d+\\.\\d+\\.\\d+") ? Optional.of(name) : proc.resolve(name);
    if (ip.isEmpty()) {
      proc.err(
          busybox
              ? "ping: bad address '" + name + "'\n"
              : "ping: " + name + ": Name or service not known\n");
      proc.exit(busybox ? 1 : 2);
      return;
    }
    address = ip.get();
    proc.out(
        busybox
            ? "PING " + name + " (" + address + "): 56 data bytes\n"
            : "PING " + name + " (" + address + ") 56(84) bytes of data.\n");
    reply(proc);
  }

  private void reply(Proc proc) {
    double ms = proc.random().nextInt(40, 120) / 1000.0;
    min = Math.min(min, ms);
    max = Math.max(max, ms);
    sum += ms;
    proc.out(
        busybox
            ? String.format(
                Locale.ROOT, "64 bytes from %s: seq=%d ttl=64 time=%.3f ms%n", address, sent, ms)
            : String.format(
                Locale.ROOT,
                "64 bytes from %s: icmp_seq=%d ttl=64 time=%.3f ms%n",
                address,
                sent + 1,
                ms));
    sent++;
    if (count > 0 && sent >= count) {
      finish(proc);
      return;
    }
    proc.after(Duration.ofSeconds(1), () -> reply(proc));
  }

  private void finish(Proc proc) {
    double avg = sent == 0 ? 0 : sum / sent;
    if (busybox) {
      proc.out(
          String.format(
              Locale.ROOT,
              "%n--- %s ping statistics ---%n%d packets transmitted, %d packets received, 0%% packet loss%n"
                  + "round-trip min/avg/max = %.3f/%.3f/%.3f ms%n",
              name,
              sent,
              sent,
              min,
              avg,
              max));
    } else {
      proc.out(
          String.format(
              Locale.ROOT,
              "%n--- %s ping statistics ---%n%d packets transmitted, %d received, 0%% packet loss, time %dms%n"
                  + "rtt min/avg/max/mdev = %.3f/%.3f/%.3f/0.010 ms%n",
              name,
              sent,
              sent,
              Math.max(0, sent - 1) * 1000,
              min,
              avg,
              max));
    }
    proc.exit(0);
  }

  @Override
  public void signal(Proc proc, Signal signal) {
    if (signal == Signal.SIGINT && address != null) {
      finish(proc);
      return;
    }
    Program.super.signal(proc, signal);
  }
}

package dev.ddlab.sim.shell;

import dev.ddlab.sim.runtime.Proc;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * What a DNS client in a container gets: it asks the first {@code nameserver} of /etc/resolv.conf.
 * On a user-defined network that is Docker's embedded DNS (127.0.0.11), which answers names,
 * aliases and short IDs of the containers on the same networks; anything else it forwards upstream,
 * which the lab does not reach, so the query times out (checked on dockerd 20.10). Shared by
 * busybox's and BIND's nslookup and by dig.
 */
final class DnsAnswer {
  /** One try's timeout (busybox gives up after it; BIND's tools try three times). */
  static final Duration TRY = Duration.ofSeconds(5);

  private DnsAnswer() {}

  /** The address the server answers for {@code name}, or empty (the query times out). */
  /**
   * The name to look up and the server to ask, as {@code host} and {@code nslookup} take them: the
   * first two words that are not options (null when missing); options are read no further.
   */
  static String[] operands(Proc proc) {
    String[] operands = new String[2];
    int found = 0;
    for (String a : proc.argv().subList(1, proc.argv().size())) {
      if (!a.startsWith("-") && found < 2) {
        operands[found++] = a;
      }
    }
    return operands;
  }

  static Optional<String> ask(Proc proc, String server, String name) {
    if (!server.equals("127.0.0.11") || name.equals("localhost") || name.contains(":")) {
      return Optional.empty();
    }
    String bare = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    return proc.resolve(bare).filter(a -> !a.startsWith("127."));
  }

  /** The first nameserver of the container's resolv.conf (the loopback without one). */
  static String nameserver(Proc proc) {
    try {
      String text = new String(proc.fs().read("/etc/resolv.conf"), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        String[] w = line.trim().split("\\s+");
        if (w.length > 1 && w[0].equals("nameserver")) {
          return w[1];
        }
      }
    } catch (RuntimeException e) {
      // no resolv.conf: the resolver falls back to the loopback
    }
    return "127.0.0.1";
  }

  /**
   * BIND's tools (dig, nslookup from dnsutils) try three times, five seconds each, printing a
   * communications error per try, then give up.
   */
  static void timeOut(Proc proc, String server, int tries, Runnable done) {
    proc.after(
        TRY,
        () -> {
          proc.out(";; communications error to " + server + "#53: timed out\n");
          if (tries > 1) {
            timeOut(proc, server, tries - 1, done);
          } else {
            done.run();
          }
        });
  }
}

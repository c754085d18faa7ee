package dev.ddlab.sim.shell;

import dev.ddlab.sim.runtime.Proc;
import dev.ddlab.sim.runtime.Program;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * busybox nslookup in a container: it asks the first {@code nameserver} of /etc/resolv.conf. On a
 * user-defined network that is Docker's embedded DNS (127.0.0.11), which answers names, aliases and
 * short IDs of the containers on the same networks (an A answer, and an empty one for AAAA);
 * anything else it forwards upstream, which the lab does not reach, so the query times out after 5
 * s of virtual time, as busybox gives up (checked on dockerd 20.10 with busybox).
 */
final class NslookupProgram implements Program {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @Override
  public void start(Proc proc) {
    String name = null;
    for (String a : proc.argv().subList(1, proc.argv().size())) {
      if (!a.startsWith("-")) {
        name = a;
        break;
      }
    }
    if (name == null) {
      proc.err(
          "BusyBox v1.36.1 (2023-11-07 18:53:09 UTC) multi-call binary.\n\n"
              + "Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\n"
              + "Query DNS about HOST\n\n"
              + "QUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any\n");
      proc.exit(1);
      return;
    }
    String server = nameserver(proc);
    Optional<String> ip =
        server.equals("127.0.0.11") && !name.equals("localhost") && !name.contains(":")
            ? proc.resolve(name).filter(a -> !a.startsWith("127."))
            : Optional.empty();
    if (ip.isEmpty()) {
      proc.after(
          TIMEOUT,
          () -> {
            proc.out(";; connection timed out; no servers could be reached\n\n");
            proc.exit(1);
          });
      return;
    }
    proc.out(
        "Server:\t\t"
            + server
            + "\nAddress:\t"
            + server
            + ":53\n\nNon-authoritative answer:\nName:\t"
            + name
            + "\nAddress: "
            + ip.get()
            + "\n\nNon-authoritative answer:\n\n");
    proc.exit(0);
  }

  private static String nameserver(Proc proc) {
    try {
      String text = new String(proc.fs().read("/etc/resolv.conf"), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        String[] w = line.trim().split("\\s+");
        if (w.length > 1 && w[0].equals("nameserver")) {
          return w[1];
        }
      }
    } catch (RuntimeException e) {
      // no resolv.conf: busybox falls back to the loopback
    }
    return "127.0.0.1";
  }
}

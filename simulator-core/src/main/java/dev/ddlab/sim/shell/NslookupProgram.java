package dev.ddlab.sim.shell;

import dev.ddlab.sim.runtime.Proc;
import dev.ddlab.sim.runtime.Program;
import java.util.Optional;

/**
 * nslookup in a container, busybox's (alpine, busybox) or BIND's (dnsutils on Debian and Ubuntu),
 * by the executable it was started as: an answer from Docker's embedded DNS ({@link DnsAnswer}),
 * else the timeout as each words it (busybox after one try, BIND after three).
 */
final class NslookupProgram implements Program {
  @Override
  public void start(Proc proc) {
    boolean busybox = ShellProgram.startedAsBusybox(proc);
    String[] operands = DnsAnswer.operands(proc);
    String name = operands[0];
    String server = operands[1];
    if (name == null) {
      if (busybox) {
        proc.err(
            "BusyBox v1.36.1 (2023-11-07 18:53:09 UTC) multi-call binary.\n\n"
                + "Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\n"
                + "Query DNS about HOST\n\n"
                + "QUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any\n");
      } else {
        proc.out("\n"); // its interactive prompt finds stdin closed
      }
      proc.exit(1);
      return;
    }
    String via = server != null ? server : DnsAnswer.nameserver(proc);
    Optional<String> ip = DnsAnswer.ask(proc, via, name);
    if (ip.isEmpty()) {
      if (busybox) {
        proc.after(
            DnsAnswer.TRY,
            () -> {
              proc.out(";; connection timed out; no servers could be reached\n\n");
              proc.exit(1);
            });
      } else {
        DnsAnswer.timeOut(
            proc,
            via,
            3,
            () -> {
              proc.out(";; no servers could be reached\n\n");
              proc.exit(1);
            });
      }
      return;
    }
    proc.out(
        "Server:\t\t"
            + via
            + "\nAddress:\t"
            + via
            + (busybox ? ":53" : "#53")
            + "\n\nNon-authoritative answer:\nName:\t"
            + name
            + "\nAddress: "
            + ip.get()
            + (busybox ? "\n\nNon-authoritative answer:\n\n" : "\n\n"));
    proc.exit(0);
  }
}

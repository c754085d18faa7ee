package dev.ddlab.sim.shell;

import dev.ddlab.sim.runtime.Proc;
import dev.ddlab.sim.runtime.Program;
import java.util.Optional;

/**
 * BIND's {@code host NAME [SERVER]} (dnsutils): an answer from Docker's embedded DNS is {@code NAME
 * has address IP} (after the server it used, when one is named); a name it forwards upstream times
 * out twice, five seconds each, and exits 1 (as host 9.18 did against dockerd 20.10 here).
 */
final class HostLookupProgram implements Program {
  @Override
  public void start(Proc proc) {
    String[] operands = DnsAnswer.operands(proc);
    String name = operands[0];
    String server = operands[1];
    if (name == null) {
      proc.err(
          """
          Usage: host [-aCdilrTvVw] [-c class] [-N ndots] [-t type] [-W time]
                      [-R number] [-m flag] [-p port] hostname [server]
                 -a is equivalent to -v -t ANY
                 -A is like -a but omits RRSIG, NSEC, NSEC3
                 -c specifies query class for non-IN data
                 -C compares SOA records on authoritative nameservers
                 -d is equivalent to -v
                 -l lists all hosts in a domain, using AXFR
                 -m set memory debugging flag (trace|record|usage)
                 -N changes the number of dots allowed before root lookup is done
                 -p specifies the port on the server to query
                 -r disables recursive processing
                 -R specifies number of retries for UDP packets
                 -s a SERVFAIL response should stop query
                 -t specifies the query type
                 -T enables TCP/IP mode
                 -U enables UDP mode
                 -v enables verbose output
                 -V print version number and exit
                 -w specifies to wait forever for a reply
                 -W specifies how long to wait for a reply
                 -4 use IPv4 query transport only
                 -6 use IPv6 query transport only
          """);
      proc.exit(1);
      return;
    }
    String via = server != null ? server : DnsAnswer.nameserver(proc);
    String header =
        server == null
            ? ""
            : "Using domain server:\nName: " + via + "\nAddress: " + via + "#53\nAliases: \n\n";
    Optional<String> ip = DnsAnswer.ask(proc, via, name);
    if (ip.isEmpty()) {
      DnsAnswer.timeOut(
          proc,
          via,
          2,
          () -> {
            proc.out(";; no servers could be reached\n");
            proc.exit(1);
          });
      return;
    }
    proc.out(header + name + " has address " + ip.get() + "\n");
    proc.exit(0);
  }
}

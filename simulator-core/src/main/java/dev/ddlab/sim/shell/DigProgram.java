package dev.ddlab.sim.shell;

import dev.ddlab.fs.FsException;
import dev.ddlab.sim.runtime.Proc;
import dev.ddlab.sim.runtime.Program;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * dig (BIND 9.18, from dnsutils) asking for an A record: Docker's embedded DNS answers container
 * names with TTL 600 and no name compression ({@link DnsAnswer}); anything else times out three
 * times and exits 9. {@code @SERVER} and {@code +short} are read; other options are accepted and
 * ignored. Texts as dig 9.18 printed them against dockerd 20.10's embedded DNS on this machine.
 */
final class DigProgram implements Program {
  /** The TTL Docker's embedded DNS gives its records. */
  private static final int TTL = 600;

  @Override
  public void start(Proc proc) {
    List<String> args = proc.argv().subList(1, proc.argv().size());
    String server = null;
    String name = null;
    boolean shortForm = false;
    for (String a : args) {
      if (a.startsWith("@")) {
        server = a.substring(1);
      } else if (a.equals("+short")) {
        shortForm = true;
      } else if (!a.startsWith("+") && !a.startsWith("-") && name == null) {
        name = a;
      }
    }
    String via = server != null ? server : DnsAnswer.nameserver(proc);
    String query = name == null ? "." : name;
    Optional<String> ip = name == null ? Optional.empty() : DnsAnswer.ask(proc, via, name);
    String header =
        "\n; <<>> DiG "
            + version(proc)
            + " <<>> "
            + String.join(" ", args)
            + "\n"
            + (server != null ? "; (1 server found)\n" : "")
            + ";; global options: +cmd\n";
    boolean brief = shortForm;
    if (ip.isEmpty()) {
      DnsAnswer.timeOut(
          proc,
          via,
          3,
          () -> {
            proc.out((brief ? "" : header) + ";; no servers could be reached\n");
            proc.exit(9);
          });
      return;
    }
    if (shortForm) {
      proc.out(ip.get() + "\n");
      proc.exit(0);
      return;
    }
    String owner = query.endsWith(".") ? query : query + ".";
    int encoded = owner.length() + 1; // labels with their lengths, and the root's zero
    long now = proc.clock().nowNanos();
    ZonedDateTime when =
        Instant.ofEpochSecond(Math.floorDiv(now, 1_000_000_000L)).atZone(ZoneOffset.UTC);
    proc.out(
        header
            + ";; Got answer:\n"
            + ";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: "
            + proc.random().nextInt(0, 65536)
            + "\n;; flags: qr rd ra; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 0\n\n"
            + ";; QUESTION SECTION:\n"
            + column(";" + owner, 32)
            + "IN\tA\n\n"
            + ";; ANSWER SECTION:\n"
            + column(owner, 24)
            + TTL
            + "\tIN\tA\t"
            + ip.get()
            + "\n\n"
            + ";; Query time: 0 msec\n"
            + ";; SERVER: "
            + via
            + "#53("
            + via
            + ") (UDP)\n"
            + ";; WHEN: "
            + SystemTools.strftime("%a %b %d %H:%M:%S %Z %Y", when)
            + "\n;; MSG SIZE  rcvd: "
            + (12 + (encoded + 4) + (encoded + 14))
            + "\n\n");
    proc.exit(0);
  }

  /** A field followed by tabs up to a column, as BIND's text format aligns its columns. */
  private static String column(String text, int to) {
    StringBuilder b = new StringBuilder(text);
    int col = text.length();
    if (col >= to) {
      return b.append(' ').toString();
    }
    while (col < to) {
      b.append('\t');
      col = (col / 8 + 1) * 8;
    }
    return b.toString();
  }

  /** BIND's version string as the distribution builds it. */
  private static String version(Proc proc) {
    try {
      String os = new String(proc.fs().read("/etc/os-release"), StandardCharsets.UTF_8);
      if (os.contains("\nID=ubuntu\n")) {
        return "9.18.18-0ubuntu0.22.04.1-Ubuntu";
      }
    } catch (FsException e) {
      // no os-release: Debian's
    }
    return "9.18.19-1~deb12u1-Debian";
  }
}

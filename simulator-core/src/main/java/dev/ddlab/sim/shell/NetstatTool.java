package dev.ddlab.sim.shell;

import dev.ddlab.sim.runtime.NetNamespace;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code netstat} inside a container, as busybox's applet ({@code networking/netstat.c}, Alpine's
 * 1.36.1 with {@code -W} and {@code -p}) and net-tools 2.10 print the sockets of the namespace: the
 * TCP ports its processes listen on, at the addresses each program binds ({@link
 * NetNamespace.Listener}), and, on a user-defined network, the embedded DNS's TCP and UDP sockets
 * on 127.0.0.11 that dockerd opens in the namespace (at ports chosen per container). {@code -r} is
 * the routing table ({@link IfTools}). The images carry no {@code /etc/services}, so ports stay
 * numbers; without {@code -n} 127.0.0.1 is {@code localhost} (from {@code /etc/hosts}) and the
 * other addresses stay numeric (the lab has no DNS for their reverse lookups). Connections are
 * exchanges that end within the command that makes them, so none is listed established. Texts
 * checked against busybox 1.35's applet in a container of dockerd 20.10 and Debian's net-tools 2.10
 * here.
 */
final class NetstatTool {
  private NetstatTool() {}

  private static final String BUSYBOX_USAGE =
      """
      BusyBox v1.36.1 (2023-11-07 18:53:09 UTC) multi-call binary.

      Usage: netstat [-ral] [-tuwx] [-enWp]

      Display networking information

      \t-r\tRouting table
      \t-a\tAll sockets
      \t-l\tListening sockets
      \t\tElse: connected sockets
      \t-t\tTCP sockets
      \t-u\tUDP sockets
      \t-w\tRaw sockets
      \t-x\tUnix sockets
      \t\tElse: all socket types
      \t-e\tOther/more information
      \t-n\tDon't resolve names
      \t-W\tWide display
      \t-p\tShow PID/program name for sockets
      """;

  /**
   * One socket: protocol, whether IPv6, local address and port, owner ("-" if none), listen
   * backlog, and for IPv6 whether it takes IPv4 too (no IPV6_V6ONLY).
   */
  private record Socket(
      String proto,
      boolean v6,
      String address,
      int port,
      String owner,
      int backlog,
      boolean dualStack) {}

  static int netstat(ToolContext c, List<String> args) {
    String opts = "";
    for (String a : args) {
      if (!a.startsWith("-") || a.length() < 2) {
        continue;
      }
      for (char ch : a.substring(1).toCharArray()) {
        if ("raltuwxenWp".indexOf(ch) < 0 || (!c.busybox() && ch == 'W')) {
          c.io().errln("netstat: invalid option -- '" + ch + "'");
          if (c.busybox()) {
            c.io().err().accept(BUSYBOX_USAGE);
          }
          return 1;
        }
        opts += ch;
      }
    }
    if (opts.indexOf('r') >= 0) {
      return IfTools.routes(c, args, true);
    }
    boolean listening = opts.indexOf('l') >= 0 || opts.indexOf('a') >= 0;
    boolean connected = opts.indexOf('l') < 0 || opts.indexOf('a') >= 0;
    boolean numeric = opts.indexOf('n') >= 0;
    boolean prg = opts.indexOf('p') >= 0;
    int width = opts.indexOf('W') >= 0 ? 51 : 23;
    boolean tcp = opts.indexOf('t') >= 0;
    boolean udp = opts.indexOf('u') >= 0;
    boolean raw = opts.indexOf('w') >= 0;
    boolean unix = opts.indexOf('x') >= 0;
    if (!tcp && !udp && !raw && !unix) {
      tcp = udp = raw = unix = true;
    }
    String which =
        listening && connected
            ? "(servers and established)"
            : listening ? "(only servers)" : "(w/o servers)";
    StringBuilder b = new StringBuilder();
    boolean bb = c.busybox();
    String banner = prg ? (bb ? "PID/Program name    " : " PID/Program name    ") : "";
    if (tcp || udp || raw) {
      b.append("Active Internet connections ").append(which).append('\n');
      b.append(
          String.format(
              Locale.ROOT,
              bb
                  ? "Proto Recv-Q Send-Q %-" + width + "s %-" + width + "s State       %s%n"
                  : "Proto Recv-Q Send-Q %-23s %-23s State      %s%n",
              "Local Address",
              "Foreign Address",
              banner));
      if (listening) {
        for (Socket s : sockets(c)) {
          if ((s.proto().equals("tcp") && tcp) || (s.proto().equals("udp") && udp)) {
            b.append(line(s, bb, numeric, prg, width));
          }
        }
      }
    }
    if (unix) {
      b.append("Active UNIX domain sockets ").append(which).append('\n');
      b.append(
          bb
              ? "Proto RefCnt Flags       Type       State         I-Node " + banner + "Path\n"
              : "Proto RefCnt Flags       Type       State         I-Node   "
                  + (prg ? "PID/Program name    " : "")
                  + "Path\n");
    }
    c.io().out().accept(b.toString());
    return 0;
  }

  /** dockerd's resolver listens as Go does: the kernel's somaxconn. */
  private static final int SOMAXCONN = dev.ddlab.sim.runtime.Proc.SOMAXCONN;

  /**
   * iproute2's {@code ss} in a container (Debian's after {@code apt-get install iproute2}): the
   * same sockets as {@link #netstat}, in ss's table (iproute2 6.1's layout, checked here): a
   * listening socket's Send-Q is its backlog, a dual-stack IPv6 socket is {@code *:80} and an
   * IPV6_V6ONLY one {@code [::]:80}, UDP is UNCONN; Netid when TCP and UDP are both listed. Filters
   * and {@code -p} are not simulated.
   */
  static int ss(ToolContext c, List<String> args) {
    boolean tcp = false;
    boolean udp = false;
    boolean listening = false;
    boolean all = false;
    for (String a : args) {
      String flags =
          switch (a) {
            case "--tcp" -> "t";
            case "--udp" -> "u";
            case "--listening" -> "l";
            case "--all" -> "a";
            case "--numeric" -> "n";
            default -> a.startsWith("-") && !a.startsWith("--") ? a.substring(1) : null;
          };
      if (flags == null || flags.isEmpty()) {
        c.io().errln("ss: " + a + " is not simulated by ddlab (filters, long options)");
        return 1;
      }
      for (char ch : flags.toCharArray()) {
        switch (ch) {
          case 't' -> tcp = true;
          case 'u' -> udp = true;
          case 'l' -> listening = true;
          case 'a' -> all = true;
          case 'n', '4', '6' -> {}
          case 'p' -> {
            c.io().errln("ss: -p is not simulated by ddlab");
            return 1;
          }
          default -> {
            c.io().errln("ss: invalid option -- '" + ch + "'");
            c.io().errln("Usage: ss [ OPTIONS ]");
            c.io().errln("       ss [ OPTIONS ] [ FILTER ]");
            return 255;
          }
        }
      }
    }
    boolean both = tcp == udp;
    List<dev.ddlab.sim.network.dataplane.HostViews.SsRow> rows = new ArrayList<>();
    if (listening || all) {
      for (Socket s : sockets(c)) {
        if (!both && !(s.proto().equals("tcp") ? tcp : udp)) {
          continue;
        }
        String any = !s.v6() ? "0.0.0.0" : s.dualStack() ? "*" : "[::]";
        String local = s.v6() && s.address().equals("::") ? any : s.address();
        boolean isTcp = s.proto().equals("tcp");
        rows.add(
            new dev.ddlab.sim.network.dataplane.HostViews.SsRow(
                s.proto(),
                isTcp ? "LISTEN" : "UNCONN",
                0,
                isTcp ? s.backlog() : 0,
                local,
                Integer.toString(s.port()),
                any,
                "*"));
      }
    }
    // ss shows UDP's table before TCP's (udp_show, then tcp_show)
    rows.sort(java.util.Comparator.comparing(r -> r.netid().equals("tcp")));
    c.io().out().accept(dev.ddlab.sim.network.dataplane.HostViews.ssTable(rows, both));
    return 0;
  }

  private static String line(Socket s, boolean bb, boolean numeric, boolean prg, int width) {
    String local = endpoint(s.address(), Integer.toString(s.port()), s.v6(), bb, numeric);
    String foreign = endpoint(s.v6() ? "::" : "0.0.0.0", "*", s.v6(), bb, numeric);
    String state = s.proto().equals("tcp") ? "LISTEN" : "";
    String proto = s.proto() + (s.v6() && !bb ? "6" : "");
    StringBuilder b = new StringBuilder();
    if (bb) {
      b.append(
          String.format(
              Locale.ROOT,
              "%s   %6d %6d %-" + width + "s %-" + width + "s %-12s",
              proto,
              0,
              0,
              local,
              foreign,
              state));
      if (prg) {
        b.append(s.owner().length() > 20 ? s.owner().substring(0, 20) : s.owner());
      }
    } else {
      b.append(
          String.format(
              Locale.ROOT, "%-5s %6d %6d %-23s %-23s %-11s", proto, 0, 0, local, foreign, state));
      if (prg) {
        // net-tools snprintf()s "PID/name" into finbuf[20]: 19 characters at most
        String o = s.owner().length() > 19 ? s.owner().substring(0, 19) : s.owner();
        b.append(String.format(Locale.ROOT, " %-20s", o));
      }
    }
    return b.append('\n').toString();
  }

  /** ADDRESS:PORT as each netstat writes it: "::" is ":::80" (net-tools without -n: "[::]:80"). */
  private static String endpoint(String address, String port, boolean v6, boolean bb, boolean n) {
    String host = address;
    if (!n && address.equals("127.0.0.1")) {
      host = "localhost";
    } else if (!n && !bb && v6) {
      host = "[" + address + "]";
    }
    return host + ":" + port;
  }

  /**
   * The namespace's sockets in the order {@code /proc/net/tcp}, {@code tcp6}, {@code udp} list
   * them: the embedded DNS first (dockerd opens it when the container starts), then the listening
   * ports of its processes by port.
   */
  private static List<Socket> sockets(ToolContext c) {
    List<Socket> v4 = new ArrayList<>();
    List<Socket> v6 = new ArrayList<>();
    List<Socket> udp = new ArrayList<>();
    if (embeddedDns(c)) {
      int[] ports = dnsPorts(c);
      v4.add(new Socket("tcp", false, "127.0.0.11", ports[0], "-", SOMAXCONN, false));
      udp.add(new Socket("udp", false, "127.0.0.11", ports[1], "-", 0, false));
    }
    List<NetNamespace.Listener> listeners = new ArrayList<>(c.listeners());
    listeners.sort(Comparator.comparingInt(NetNamespace.Listener::port));
    for (NetNamespace.Listener l : listeners) {
      String owner = l.owner() == null ? "-" : l.owner().pid() + "/" + program(c, l.owner());
      boolean dual = l.addresses().stream().noneMatch(x -> !x.contains(":"));
      for (String a : l.addresses()) {
        boolean six = a.contains(":");
        (six ? v6 : v4).add(new Socket("tcp", six, a, l.port(), owner, l.backlog(), six && dual));
      }
    }
    List<Socket> out = new ArrayList<>(v4);
    out.addAll(v6);
    out.addAll(udp);
    return out;
  }

  /**
   * The program part of "PID/Program name": the process's command line as /proc shows it (nginx's
   * title, "nginx: master process …") after its last '/'.
   */
  private static String program(ToolContext c, dev.ddlab.sim.runtime.SimProc owner) {
    String argv0 = owner.argv().isEmpty() ? "" : owner.argv().get(0);
    String joined = String.join(" ", owner.argv());
    for (dev.ddlab.sim.runtime.Proc.ProcessInfo p : c.processes()) {
      if (p.pid() == owner.pid() && !p.command().equals(joined)) {
        argv0 = p.command(); // a title the program wrote over its argv[0]
      }
    }
    return argv0.substring(argv0.lastIndexOf('/') + 1);
  }

  /** dockerd's resolver lives in the namespace when resolv.conf points at 127.0.0.11. */
  private static boolean embeddedDns(ToolContext c) {
    try {
      String conf = new String(c.fs().read("/etc/resolv.conf"), StandardCharsets.UTF_8);
      return conf.lines().anyMatch(l -> l.strip().equals("nameserver 127.0.0.11"));
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * The embedded DNS's TCP and UDP ports: dockerd binds port 0 and the kernel picks an ephemeral
   * one (32768–60999); here two drawn from the namespace's key, so a container keeps them.
   */
  private static int[] dnsPorts(ToolContext c) {
    String key = c.netns() == null ? "" : c.netns().key();
    int h = key.hashCode() * 0x9E3779B1;
    int tcp = 32768 + Math.floorMod(h, 28232);
    int udp = 32768 + Math.floorMod(h * 31 + 17, 28232);
    return new int[] {tcp, udp};
  }
}

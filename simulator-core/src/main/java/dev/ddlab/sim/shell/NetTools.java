package dev.ddlab.sim.shell;

import dev.ddlab.sim.network.dataplane.HostViews;
import dev.ddlab.sim.network.dataplane.NetDevice;
import dev.ddlab.sim.network.dataplane.NetStack;
import dev.ddlab.sim.network.dataplane.Netns;
import dev.ddlab.sim.network.dataplane.frame.CaptureFilter;
import dev.ddlab.sim.network.dataplane.frame.Frame;
import dev.ddlab.sim.network.dataplane.frame.Mac;
import dev.ddlab.sim.network.dataplane.frame.TcpdumpFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.Predicate;

/**
 * The host's network tools over the node's kernel stack: {@code ip link|addr|route|neigh}, {@code
 * bridge link}, {@code brctl show}, {@code iptables -L/-S}, {@code ss -ltn}. They read what the
 * drivers programmed (the same devices, routes, ARP tables and rules the frames go through); the
 * texts are Ubuntu 22.04's ({@link HostViews}). The lab's host has no root model: {@code sudo} is
 * not required.
 */
final class NetTools {
  private NetTools() {}

  static void install(Map<String, Tool> tools) {
    tools.put("ip", NetTools::ip);
    tools.put("bridge", NetTools::bridge);
    tools.put("brctl", NetTools::brctl);
    tools.put("iptables", NetTools::iptables);
    tools.put("ss", NetTools::ss);
    tools.put("tcpdump", Tool.later(NetTools::tcpdump));
  }

  private static NetStack stack(ToolContext c) {
    NetStack s = c.netStack();
    if (s == null) {
      c.io().errln(c.argv0() + ": cannot reach the network stack");
    }
    return s;
  }

  static int ip(ToolContext c, List<String> args) {
    NetStack stack = stack(c);
    if (stack == null) {
      return 1;
    }
    Netns ns = c.netns();
    int i = 0;
    while (i < args.size() && args.get(i).startsWith("-")) {
      i++;
    }
    if (i >= args.size()) {
      c.io().errln("Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }");
      return 255;
    }
    String object = args.get(i);
    List<String> rest = args.subList(i + 1, args.size());
    String dev = null;
    for (int j = 0; j < rest.size(); j++) {
      String a = rest.get(j);
      if (a.equals("dev") && j + 1 < rest.size()) {
        dev = rest.get(++j);
      } else if (!List.of("show", "list", "ls", "sh", "s", "l").contains(a)) {
        dev = a;
      }
    }
    if (dev != null && ns.device(dev) == null) {
      c.io().errln("Device \"" + dev + "\" does not exist.");
      return 1;
    }
    String out;
    if (matches(object, "link", 1)) {
      out = HostViews.ipLink(stack, ns, false);
    } else if (matches(object, "address", 1) || object.equals("addr")) {
      out = HostViews.ipLink(stack, ns, true);
    } else if (matches(object, "route", 1)) {
      out = HostViews.ipRoute(ns);
    } else if (matches(object, "neighbour", 1) || object.equals("neighbor")) {
      out = HostViews.ipNeigh(ns);
    } else {
      c.io().errln("Object \"" + object + "\" is unknown, try \"ip help\".");
      return 255;
    }
    out = dev == null ? out : only(out, object, dev);
    c.io().out().accept(c.busybox() ? busyboxIp(out) : out);
    return 0;
  }

  /**
   * busybox's ip prints what iproute2 prints with less: no state, group or mode on a link, no
   * link-netnsid, {@code M-DOWN} on a link whose peer is in another namespace (it cannot find it),
   * and no {@code proto kernel} on a route (checked in alpine on dockerd 20.10).
   */
  private static String busyboxIp(String out) {
    StringBuilder b = new StringBuilder();
    for (String line : out.split("\n", -1)) {
      if (!line.startsWith(" ") && line.contains(": <")) {
        line = line.replaceFirst(" state \\S+", "").replace(" group default", "");
        line = line.replace(" mode DEFAULT", "");
        if (line.matches("\\d+: [^:]+@if\\d+: .*")) {
          line = line.replaceFirst(">", ",M-DOWN>");
        }
      }
      line = line.replaceAll(" link-netnsid \\d+", "");
      line = line.replace(" proto kernel scope link src ", " scope link  src ");
      b.append(line).append('\n');
    }
    return b.substring(0, b.length() - 1);
  }

  /** iproute2 accepts any prefix of an object's name down to its shortest form. */
  private static boolean matches(String given, String full, int shortest) {
    return given.length() >= shortest && full.startsWith(given);
  }

  /** The lines of one device: a block of {@code ip link/addr}, or the routes through it. */
  private static String only(String out, String object, String dev) {
    StringBuilder b = new StringBuilder();
    boolean in = false;
    for (String line : out.split("\n", -1)) {
      if (line.isEmpty()) {
        continue;
      }
      if (object.startsWith("r") || object.startsWith("n")) {
        if (line.contains(" dev " + dev + " ")) {
          b.append(line.replace(" dev " + dev, "")).append('\n');
        }
        continue;
      }
      if (!line.startsWith(" ")) {
        String name = line.substring(line.indexOf(": ") + 2);
        name = name.substring(0, name.indexOf(':'));
        int at = name.indexOf('@');
        in = (at < 0 ? name : name.substring(0, at)).equals(dev);
      }
      if (in) {
        b.append(line).append('\n');
      }
    }
    return b.toString();
  }

  static int bridge(ToolContext c, List<String> args) {
    NetStack stack = stack(c);
    if (stack == null) {
      return 1;
    }
    if (args.isEmpty() || !matches(args.get(0), "link", 1)) {
      c.io().errln("Usage: bridge [ OPTIONS ] OBJECT { COMMAND | help }");
      return 255;
    }
    c.io().out().accept(HostViews.bridgeLink(stack));
    return 0;
  }

  static int brctl(ToolContext c, List<String> args) {
    NetStack stack = stack(c);
    if (stack == null) {
      return 1;
    }
    if (args.isEmpty() || !args.get(0).equals("show")) {
      c.io().errln("Usage: brctl [commands]");
      return 1;
    }
    c.io().out().accept(HostViews.brctlShow(stack));
    return 0;
  }

  private static final String IPTABLES = "iptables v1.8.7 (nf_tables): ";

  static int iptables(ToolContext c, List<String> args) {
    NetStack stack = stack(c);
    if (stack == null) {
      return 1;
    }
    String table = "filter";
    String command = null;
    String chain = null;
    boolean numeric = false;
    boolean verbose = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if ((a.equals("-t") || a.equals("--table")) && i + 1 < args.size()) {
        table = args.get(++i);
      } else if (a.equals("-L")
          || a.equals("--list")
          || a.equals("-S")
          || a.equals("--list-rules")) {
        command = a.startsWith("--") ? (a.equals("--list") ? "-L" : "-S") : a;
        if (i + 1 < args.size() && !args.get(i + 1).startsWith("-")) {
          chain = args.get(++i);
        }
      } else if (a.startsWith("-") && !a.startsWith("--") && a.length() > 1) {
        for (char f : a.substring(1).toCharArray()) {
          switch (f) {
            case 'n' -> numeric = true;
            case 'v' -> verbose = true;
            case 'L', 'S' -> command = "-" + f;
            default -> {
              c.io().errln(IPTABLES + "unknown option \"" + a + "\"");
              c.io().errln("Try `iptables -h' or 'iptables --help' for more information.");
              return 2;
            }
          }
        }
        if ((a.endsWith("L") || a.endsWith("S"))
            && i + 1 < args.size()
            && !args.get(i + 1).startsWith("-")) {
          chain = args.get(++i);
        }
      } else if (a.equals("--numeric")) {
        numeric = true;
      } else if (a.equals("--verbose")) {
        verbose = true;
      }
    }
    if (command == null) {
      c.io().errln(IPTABLES + "no command specified");
      c.io().errln("Try `iptables -h' or 'iptables --help' for more information.");
      return 2;
    }
    var nf = stack.host().netfilter();
    if (nf.chains(table).isEmpty()) {
      c.io().errln(IPTABLES + "table '" + table + "' does not exist");
      c.io().errln("Perhaps iptables or your kernel needs to be upgraded.");
      return 3;
    }
    String out =
        command.equals("-L")
            ? HostViews.iptablesList(nf, table, chain, numeric, verbose)
            : HostViews.iptablesRules(nf, table, chain);
    if (out == null) {
      c.io().errln("iptables: No chain/target/match by that name.");
      return 1;
    }
    c.io().out().accept(out);
    return 0;
  }

  static int ss(ToolContext c, List<String> args) {
    NetStack stack = stack(c);
    if (stack == null) {
      return 1;
    }
    boolean listening = false;
    for (String a : args) {
      if (a.startsWith("-") && !a.startsWith("--")) {
        listening |= a.contains("l");
      } else if (a.equals("--listening")) {
        listening = true;
      }
    }
    List<HostViews.Listener> sockets = listening ? stack.host().sockets() : List.of();
    c.io().out().accept(HostViews.ssListening(sockets));
    return 0;
  }

  /**
   * {@code tcpdump [-i IFACE] [-n] [-e] [-c N] [EXPRESSION]}: the frames that leave or enter one
   * interface of the host, one line each as tcpdump 4.99 prints them, until {@code -c} frames or
   * Ctrl-C; then the counts on stderr.
   */
  static void tcpdump(ToolContext c, List<String> args, IntConsumer done) {
    NetStack stack = stack(c);
    if (stack == null) {
      done.accept(1);
      return;
    }
    String iface = null;
    long count = -1;
    boolean link = false;
    List<String> expression = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("-i") && i + 1 < args.size()) {
        iface = args.get(++i);
      } else if (a.startsWith("-i") && a.length() > 2) {
        iface = a.substring(2);
      } else if (a.equals("-c") && i + 1 < args.size()) {
        try {
          count = Long.parseLong(args.get(++i));
        } catch (NumberFormatException e) {
          count = 0;
        }
        if (count <= 0) {
          c.io().errln("tcpdump: invalid packet count " + args.get(i));
          done.accept(1);
          return;
        }
      } else if (a.startsWith("-") && a.length() > 1 && expression.isEmpty()) {
        for (char f : a.substring(1).toCharArray()) {
          if (f == 'e') {
            link = true;
          } else if ("nlqtvSK".indexOf(f) < 0) {
            c.io().errln("tcpdump: invalid option -- '" + f + "'");
            done.accept(1);
            return;
          }
        }
      } else {
        expression.add(a);
      }
    }
    Predicate<Frame> filter;
    try {
      filter = CaptureFilter.parse(expression);
    } catch (CaptureFilter.SyntaxError e) {
      c.io().errln("tcpdump: can't parse filter expression: syntax error");
      done.accept(1);
      return;
    }
    NetDevice device = iface == null ? stack.host().device("eth0") : stack.host().device(iface);
    if (device == null) {
      c.io().errln("tcpdump: " + iface + ": No such device exists");
      c.io().errln("(SIOCGIFHWADDR: No such device)");
      done.accept(1);
      return;
    }
    c.io().errln("tcpdump: verbose output suppressed, use -v[v]... for full protocol decode");
    c.io()
        .errln(
            "listening on "
                + device.name()
                + ", link-type EN10MB (Ethernet), snapshot length 262144 bytes");
    TcpdumpFormat format = new TcpdumpFormat();
    long limit = count;
    boolean withLink = link;
    long[] seen = {0};
    AutoCloseable[] tap = new AutoCloseable[1];
    boolean[] over = {false};
    Runnable finish =
        () -> {
          if (over[0]) {
            return;
          }
          over[0] = true;
          try {
            tap[0].close();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          c.io().errln(seen[0] + " packet" + (seen[0] == 1 ? "" : "s") + " captured");
          c.io().errln(seen[0] + " packet" + (seen[0] == 1 ? "" : "s") + " received by filter");
          c.io().errln("0 packets dropped by kernel");
        };
    tap[0] =
        stack.tap(
            (nanos, d, frame, outgoing) -> {
              if (d != device || over[0] || !filter.test(frame)) {
                return;
              }
              seen[0]++;
              String line =
                  withLink
                      ? TcpdumpFormat.time(nanos) + " " + linkHeader(frame) + format.summary(frame)
                      : format.line(nanos, frame);
              c.io().out().accept(line + "\n");
              if (seen[0] == limit) {
                finish.run();
                done.accept(0);
              }
            });
    c.onInterrupt(finish);
  }

  /** What -e adds: the MACs, the EtherType and the frame's length. */
  private static String linkHeader(Frame f) {
    String type =
        switch (f.etherType()) {
          case Frame.ETHERTYPE_ARP -> "ARP";
          case Frame.ETHERTYPE_IPV4 -> "IPv4";
          default -> "Unknown";
        };
    return String.format(
        Locale.ROOT,
        "%s > %s, ethertype %s (0x%04x), length %d: ",
        Mac.format(f.src()),
        Mac.format(f.dst()),
        type,
        f.etherType(),
        f.length());
  }
}

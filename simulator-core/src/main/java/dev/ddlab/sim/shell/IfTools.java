package dev.ddlab.sim.shell;

import dev.ddlab.fs.FsException;
import dev.ddlab.sim.network.dataplane.NetDevice;
import dev.ddlab.sim.network.dataplane.Netns;
import dev.ddlab.sim.network.dataplane.Route;
import dev.ddlab.sim.network.dataplane.frame.Mac;
import dev.ddlab.sim.network.types.Ipv4;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The net-tools views of the namespace a container's process is in, as net-tools (the {@code
 * net-tools} package: {@code ifconfig}, {@code route}, {@code netstat -r}) and busybox print them:
 * interfaces with their addresses and the counters the frames left, the routing table. Texts
 * checked in a container of dockerd 20.10 (busybox's applets, and Debian's net-tools 2.10 run in
 * its namespace); Ubuntu's net-tools (1.60+git2018) scales bytes by 1000 in "KB" where 2.10 prints
 * KiB.
 */
final class IfTools {
  private IfTools() {}

  /** ifconfig [-a] [IFACE]: interfaces that are up (all with -a), by name. */
  static int ifconfig(ToolContext c, List<String> args) {
    Netns ns = c.netns();
    if (ns == null) {
      c.io().errln(c.argv0() + ": cannot reach the network stack");
      return 1;
    }
    boolean all = args.contains("-a");
    String only = null;
    for (String a : args) {
      if (!a.startsWith("-")) {
        only = a;
        break;
      }
    }
    List<NetDevice> devices = new ArrayList<>(ns.devices());
    devices.sort(Comparator.comparing(NetDevice::name));
    if (only != null) {
      NetDevice d = ns.device(only);
      if (d == null) {
        c.io()
            .errln(
                (c.busybox() ? "ifconfig: " : "")
                    + only
                    + ": error fetching interface information: Device not found");
        return 1;
      }
      devices = List.of(d);
    }
    StringBuilder b = new StringBuilder();
    for (NetDevice d : devices) {
      if (d.up() || all || only != null) {
        if (c.busybox()) {
          busybox(b, d);
        } else {
          netTools(b, d, siUnits(c));
        }
      }
    }
    c.io().out().accept(b.toString());
    return 0;
  }

  private static boolean loopback(NetDevice d) {
    return d.kind().equals("loopback");
  }

  private static void netTools(StringBuilder b, NetDevice d, boolean si) {
    boolean lo = loopback(d);
    List<String> names = new ArrayList<>();
    int flags = 0;
    if (d.up()) {
      names.add("UP");
      flags |= 0x1;
    }
    if (lo) {
      names.add("LOOPBACK");
      flags |= 0x8;
    } else {
      names.add("BROADCAST");
      flags |= 0x2;
    }
    if (d.up()) {
      names.add("RUNNING");
      flags |= 0x40;
    }
    if (!lo) {
      names.add("MULTICAST");
      flags |= 0x1000;
    }
    b.append(d.name())
        .append(": flags=")
        .append(flags)
        .append('<')
        .append(String.join(",", names))
        .append(">  mtu ")
        .append(lo ? 65536 : d.mtu())
        .append('\n');
    for (NetDevice.Address a : d.addresses()) {
      b.append("        inet ")
          .append(Ipv4.format(a.ip()))
          .append("  netmask ")
          .append(Ipv4.format(Ipv4.mask(a.prefix())));
      if (!lo) {
        b.append("  broadcast ").append(Ipv4.format(a.ip() | ~Ipv4.mask(a.prefix())));
      }
      b.append('\n');
    }
    if (lo) {
      b.append("        loop  txqueuelen 1000  (Local Loopback)\n");
    } else {
      b.append("        ether ").append(Mac.format(d.mac())).append("  txqueuelen 0  (Ethernet)\n");
    }
    counters(b, "RX", d.rxPackets(), d.rxBytes(), si);
    b.append("        RX errors 0  dropped 0  overruns 0  frame 0\n");
    counters(b, "TX", d.txPackets(), d.txBytes(), si);
    b.append("        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n\n");
  }

  private static void counters(StringBuilder b, String way, long packets, long bytes, boolean si) {
    b.append("        ")
        .append(way)
        .append(" packets ")
        .append(packets)
        .append("  bytes ")
        .append(bytes)
        .append(" (")
        .append(scaled(bytes, si))
        .append(")\n");
  }

  private static void busybox(StringBuilder b, NetDevice d) {
    boolean lo = loopback(d);
    b.append(String.format(Locale.ROOT, "%-10s", d.name()));
    if (lo) {
      b.append("Link encap:Local Loopback  \n");
    } else {
      b.append("Link encap:Ethernet  HWaddr ")
          .append(Mac.format(d.mac()).toUpperCase(Locale.ROOT))
          .append("  \n");
    }
    for (NetDevice.Address a : d.addresses()) {
      b.append("          inet addr:").append(Ipv4.format(a.ip()));
      if (!lo) {
        b.append("  Bcast:").append(Ipv4.format(a.ip() | ~Ipv4.mask(a.prefix())));
      }
      b.append("  Mask:").append(Ipv4.format(Ipv4.mask(a.prefix()))).append('\n');
    }
    b.append("          ")
        .append(d.up() ? "UP " : "")
        .append(lo ? "LOOPBACK " : "BROADCAST ")
        .append(d.up() ? "RUNNING " : "")
        .append(lo ? "" : "MULTICAST ")
        .append(" MTU:")
        .append(lo ? 65536 : d.mtu())
        .append("  Metric:1\n");
    b.append("          RX packets:")
        .append(d.rxPackets())
        .append(" errors:0 dropped:0 overruns:0 frame:0\n");
    b.append("          TX packets:")
        .append(d.txPackets())
        .append(" errors:0 dropped:0 overruns:0 carrier:0\n");
    b.append("          collisions:0 txqueuelen:").append(lo ? 1000 : 0).append(" \n");
    b.append("          RX bytes:")
        .append(d.rxBytes())
        .append(" (")
        .append(scaled(d.rxBytes(), false))
        .append(")  TX bytes:")
        .append(d.txBytes())
        .append(" (")
        .append(scaled(d.txBytes(), false))
        .append(")\n\n");
  }

  /** Ubuntu's net-tools snapshot scales by 1000 ("KB"); net-tools 2.10 and busybox by 1024. */
  private static boolean siUnits(ToolContext c) {
    try {
      String os = new String(c.fs().read("/etc/os-release"), StandardCharsets.UTF_8);
      return os.contains("\nID=ubuntu\n");
    } catch (FsException e) {
      return false;
    }
  }

  /** print_bytes_scaled: one decimal and the unit ("486.0 B", "42.7 KiB"). */
  static String scaled(long bytes, boolean si) {
    String[] units =
        si
            ? new String[] {"B", "KB", "MB", "GB", "TB"}
            : new String[] {"B", "KiB", "MiB", "GiB", "TiB"};
    double step = si ? 1000 : 1024;
    double v = bytes;
    int i = 0;
    while (v >= step && i < units.length - 1) {
      v /= step;
      i++;
    }
    return String.format(Locale.ROOT, "%.1f %s", Math.floor(v * 10) / 10, units[i]);
  }

  /** route [-n] and netstat -r[n]: the kernel routing table (names: the lab resolves none). */
  static int routes(ToolContext c, List<String> args, boolean netstat) {
    Netns ns = c.netns();
    if (ns == null) {
      c.io().errln(c.argv0() + ": cannot reach the network stack");
      return 1;
    }
    StringBuilder b = new StringBuilder("Kernel IP routing table\n");
    b.append(
        netstat
            ? "Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n"
            : "Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n");
    List<Route> routes = new ArrayList<>(ns.routes());
    routes.removeIf(r -> loopback(r.device()));
    routes.sort(
        Comparator.comparing((Route r) -> !r.isDefault())
            .thenComparing(r -> r.destination().address() & 0xffffffffL));
    for (Route r : routes) {
      String flags = r.gateway() != 0 ? "UG" : "U";
      b.append(
          String.format(
              Locale.ROOT,
              "%-15s %-15s %-15s ",
              Ipv4.format(r.destination().address()),
              Ipv4.format(r.gateway()),
              Ipv4.format(Ipv4.mask(r.destination().prefix()))));
      if (netstat) {
        b.append(
            String.format(
                Locale.ROOT, "%-5s %5d %-6d %5d %s%n", flags, 0, 0, 0, r.device().name()));
      } else {
        b.append(
            String.format(
                Locale.ROOT, "%-5s %-6d %-3d %6d %s%n", flags, 0, 0, 0, r.device().name()));
      }
    }
    c.io().out().accept(b.toString());
    return 0;
  }
}

package dev.ddlab.sim.shell;

import java.util.List;

/**
 * {@code systemctl} and {@code service} on a node's host: the docker.service unit (start, stop,
 * restart, status, is-active) with systemd's texts and exit codes; any other unit is not found.
 */
final class HostServices {
  private HostServices() {}

  static int systemctl(HostDaemon d, List<String> args, Io io) {
    List<String> ops = args.stream().filter(a -> !a.startsWith("-")).toList();
    if (ops.isEmpty()) {
      io.errln("Too few arguments.");
      return 1;
    }
    String verb = ops.get(0);
    if (ops.size() < 2) {
      io.errln("Too few arguments.");
      return 1;
    }
    String unit = ops.get(1);
    String service = unit.endsWith(".service") ? unit : unit + ".service";
    boolean isDocker = service.equals("docker.service") && d != null;
    switch (verb) {
      case "start", "stop", "restart", "reload" -> {
        if (!isDocker) {
          io.errln("Failed to " + verb + " " + service + ": Unit " + service + " not found.");
          return 5;
        }
        switch (verb) {
          case "start" -> d.start();
          case "stop" -> d.stop();
          default -> d.restart();
        }
        return 0;
      }
      case "is-active" -> {
        boolean active = isDocker && d.isActive();
        io.println(active ? "active" : "inactive");
        return active ? 0 : 3;
      }
      case "status" -> {
        if (!isDocker) {
          io.errln("Unit " + service + " could not be found.");
          return 4;
        }
        io.out().accept(status(d));
        return d.isActive() ? 0 : 3;
      }
      case "enable", "disable" -> {
        if (!isDocker) {
          io.errln("Failed to " + verb + " unit: Unit file " + service + " does not exist.");
          return 1;
        }
        return 0;
      }
      default -> {
        io.errln("Unknown command verb " + verb + ".");
        return 1;
      }
    }
  }

  private static String status(HostDaemon d) {
    StringBuilder sb = new StringBuilder();
    sb.append("● docker.service - Docker Application Container Engine\n");
    sb.append(
        "     Loaded: loaded (/lib/systemd/system/docker.service; enabled; vendor preset: enabled)\n");
    if (d.isActive()) {
      String since = "";
      if (d.activeSinceNanos() >= 0) {
        since =
            " since "
                + SystemTools.strftime(
                    "%a %Y-%m-%d %H:%M:%S UTC",
                    java.time.Instant.ofEpochSecond(d.activeSinceNanos() / 1_000_000_000L)
                        .atZone(java.time.ZoneOffset.UTC));
      }
      sb.append("     Active: active (running)").append(since).append('\n');
      sb.append("TriggeredBy: ● docker.socket\n");
      sb.append("       Docs: https://docs.docker.com\n");
      if (d.mainPid() > 0) {
        sb.append("   Main PID: ").append(d.mainPid()).append(" (dockerd)\n");
      }
    } else {
      sb.append("     Active: inactive (dead)\n");
      sb.append("TriggeredBy: ● docker.socket\n");
      sb.append("       Docs: https://docs.docker.com\n");
    }
    return sb.toString();
  }

  static int service(HostDaemon d, List<String> args, Io io) {
    if (args.size() < 2) {
      io.errln(
          "Usage: service < option > | --status-all | [ service_name [ command | --full-restart ] ]");
      return 1;
    }
    String name = args.get(0);
    String verb = args.get(1);
    if (!name.equals("docker") || d == null) {
      io.errln(name + ": unrecognized service");
      return 1;
    }
    return switch (verb) {
      case "start", "stop", "restart", "status" -> systemctl(d, List.of(verb, "docker"), io);
      default -> {
        io.errln("Usage: /etc/init.d/docker {start|stop|restart|status}");
        yield 1;
      }
    };
  }
}

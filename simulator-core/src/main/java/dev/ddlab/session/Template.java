package dev.ddlab.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A node layout a session starts with. This is the one list of templates: sessions open from it,
 * the playground's start page offers it, {@code ddlab shell --template} completes from it and labs
 * are validated against it.
 *
 * @param name the id written in labs and submissions ("single", "swarm-3m3w" …)
 * @param label the start page's short label ("1 node", "3 manager, 3 worker")
 * @param swarm whether the layout is meant for a Swarm (managers and workers)
 * @param nodes the nodes in creation order, with the address each shows
 */
public record Template(String name, String label, boolean swarm, List<Node> nodes) {
  /** One node of a layout: its name (also its hostname) and its address on the underlay. */
  public record Node(String name, String address) {}

  public Template {
    nodes = List.copyOf(nodes);
  }

  /** node1 at 192.168.0.11, as Play with Docker's first instance. */
  public static final Template SINGLE =
      new Template("single", "1 node", false, List.of(new Node("node1", "192.168.0.11")));

  /**
   * Every template, in menu order: {@code single}; the course's {@code swarm-3m3w} (mgr1–3 at
   * 10.0.0.1–3, wrk1–3 at 10.0.0.4–6); Play with Docker's {@code swarm-3m2w}; {@code swarm-5m};
   * {@code swarm-1m1w}; {@code two-networks}, the course's §8 example: node1 at 172.31.1.5 and
   * node2 at 192.168.1.25, on two networks joined by a router; {@code swarm-100} (mgr1–3 at
   * 10.0.0.1–3, wrk1–97 at 10.0.0.4–100), the scale {@code ddlab bench --swarm} converges on.
   */
  public static final List<Template> ALL =
      List.of(
          SINGLE,
          swarm("swarm-3m3w", "3 manager, 3 worker", 3, 3),
          swarm("swarm-3m2w", "3 manager, 2 worker", 3, 2),
          swarm("swarm-5m", "5 manager", 5, 0),
          swarm("swarm-1m1w", "1 manager, 1 worker", 1, 1),
          new Template(
              "two-networks",
              "2 node, 2 mạng",
              true,
              List.of(new Node("node1", "172.31.1.5"), new Node("node2", "192.168.1.25"))),
          swarm("swarm-100", "3 manager, 97 worker", 3, 97));

  private static Template swarm(String name, String label, int managers, int workers) {
    List<Node> nodes = new ArrayList<>();
    for (int i = 1; i <= managers; i++) {
      nodes.add(new Node("mgr" + i, "10.0.0." + i));
    }
    for (int i = 1; i <= workers; i++) {
      nodes.add(new Node("wrk" + i, "10.0.0." + (managers + i)));
    }
    return new Template(name, label, true, nodes);
  }

  /** The template of that name, or empty. */
  public static Optional<Template> named(String name) {
    return ALL.stream().filter(t -> t.name.equals(name)).findFirst();
  }

  /**
   * The template of that name.
   *
   * @throws IllegalArgumentException "unknown template: NAME" for any other name
   */
  public static Template of(String name) {
    return named(name).orElseThrow(() -> new IllegalArgumentException("unknown template: " + name));
  }

  /** The names in menu order. */
  public static List<String> names() {
    return ALL.stream().map(Template::name).toList();
  }

  /**
   * The nodes as the start page lists them: runs of one role folded, "node1 (192.168.0.11)",
   * "mgr1–3 (10.0.0.1–3), wrk1–3 (10.0.0.4–6)".
   */
  public String description() {
    List<String> parts = new ArrayList<>();
    int i = 0;
    while (i < nodes.size()) {
      String role = role(nodes.get(i).name());
      int j = i;
      while (j + 1 < nodes.size()
          && role(nodes.get(j + 1).name()).equals(role)
          && subnet(nodes.get(j + 1).address()).equals(subnet(nodes.get(i).address()))) {
        j++;
      }
      Node first = nodes.get(i);
      Node last = nodes.get(j);
      parts.add(
          i == j
              ? first.name() + " (" + first.address() + ")"
              : first.name()
                  + "–"
                  + last.name().substring(role.length())
                  + " ("
                  + first.address()
                  + "–"
                  + last.address().substring(last.address().lastIndexOf('.') + 1)
                  + ")");
      i = j + 1;
    }
    return String.join(", ", parts);
  }

  private static String subnet(String address) {
    return address.substring(0, address.lastIndexOf('.'));
  }

  private static String role(String nodeName) {
    return nodeName.replaceAll("\\d+$", "");
  }
}

package dev.ddlab.sim.underlay;

import dev.ddlab.events.EventBus;
import dev.ddlab.sim.clock.SeededRandom;
import dev.ddlab.sim.clock.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One switched segment joining the machines of a session. A packet is delivered {@link #latency()}
 * after it is sent (in send order between two machines, as TCP keeps it, unless jitter is set),
 * unless the sender's or the receiver's link is down, the two are on different sides of a
 * partition, or loss takes it. Faults are decided when a packet is sent and checked again when it
 * is due, so cutting a link also loses what is in flight on it.
 */
public final class Underlay {
  /** One way on a switched LAN. */
  public static final Duration DEFAULT_LATENCY = Duration.ofNanos(250_000);

  private final VirtualClock clock;
  private final SeededRandom random;
  private final EventBus bus;
  private final Map<String, Nic> byAddress = new LinkedHashMap<>();
  private final Map<String, Integer> group = new LinkedHashMap<>();
  private final Set<String> dropNext = new HashSet<>();
  private long latencyNanos = DEFAULT_LATENCY.toNanos();
  private double loss;
  private long jitterNanos;
  private long nextId = 1;

  public Underlay(VirtualClock clock, SeededRandom random, EventBus bus) {
    this.clock = clock;
    this.random = random;
    this.bus = bus;
  }

  /** Plugs a machine's {@code eth0} with {@code address} into the segment. */
  public Nic attach(String node, String address) {
    if (byAddress.containsKey(address)) {
      throw new IllegalArgumentException("address in use on the underlay: " + address);
    }
    Nic nic = new Nic(this, node, address);
    byAddress.put(address, nic);
    return nic;
  }

  public void detach(String address) {
    byAddress.remove(address);
    group.remove(address);
  }

  public Nic nic(String address) {
    return byAddress.get(address);
  }

  public List<Nic> nics() {
    return List.copyOf(byAddress.values());
  }

  public VirtualClock clock() {
    return clock;
  }

  public Duration latency() {
    return Duration.ofNanos(latencyNanos);
  }

  public void setLatency(Duration oneWay) {
    this.latencyNanos = Math.max(0, oneWay.toNanos());
  }

  /**
   * Up to {@code jitter} more delay per packet, drawn from the seed: packets between two machines
   * may then arrive out of order, as on an unreliable network.
   */
  public void setJitter(Duration jitter) {
    this.jitterNanos = Math.max(0, jitter.toNanos());
  }

  /** The share of packets lost at random (0 to 1), drawn from the session's seed. */
  public void setLoss(double loss) {
    this.loss = loss;
  }

  /**
   * Splits the segment: each set of addresses can reach only its own members; addresses in no set
   * form one more side together. {@link #heal()} joins everything again.
   */
  public void partition(List<Set<String>> sides) {
    group.clear();
    int g = 1;
    for (Set<String> side : sides) {
      for (String a : side) {
        group.put(a, g);
      }
      g++;
    }
  }

  /** Cuts {@code address} off from every other machine (its link stays up). */
  public void isolate(String address) {
    List<Set<String>> sides = new ArrayList<>();
    Map<Integer, Set<String>> current = new LinkedHashMap<>();
    for (String a : byAddress.keySet()) {
      if (!a.equals(address)) {
        current.computeIfAbsent(group.getOrDefault(a, 0), k -> new HashSet<>()).add(a);
      }
    }
    sides.addAll(current.values());
    sides.add(Set.of(address));
    partition(sides);
  }

  public void heal() {
    group.clear();
  }

  /** Drops the next packet from {@code from} to {@code to} (addresses). */
  public void dropNext(String from, String to) {
    dropNext.add(from + ">" + to);
  }

  /** Whether a packet sent now from {@code from} to {@code to} could arrive (faults aside loss). */
  public boolean reachable(String from, String to) {
    Nic a = byAddress.get(from);
    Nic b = byAddress.get(to);
    return a != null && b != null && a.isUp() && b.isUp() && sameSide(from, to);
  }

  /** Whether any fault cuts machines apart now: a partition, or a link down. */
  public boolean faulty() {
    if (!group.isEmpty()) {
      return true;
    }
    for (Nic n : byAddress.values()) {
      if (!n.isUp()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the faults cut {@code from} off {@code to}, both machines on the segment: the data
   * plane drops their frames (VXLAN and all) as the control plane's packets are.
   */
  public boolean cut(String from, String to) {
    return byAddress.containsKey(from) && byAddress.containsKey(to) && !reachable(from, to);
  }

  private boolean sameSide(String a, String b) {
    return group.getOrDefault(a, 0).equals(group.getOrDefault(b, 0));
  }

  Packet send(
      Nic from,
      int srcPort,
      String dst,
      int dstPort,
      String proto,
      byte[] payload,
      String summary) {
    Packet p = new Packet(nextId++, from.address(), srcPort, dst, dstPort, proto, payload, summary);
    Nic to = byAddress.get(dst);
    long now = clock.nowNanos();
    long delay = latencyNanos + (jitterNanos > 0 ? (long) (random.nextDouble() * jitterNanos) : 0);
    long due = now + delay;
    bus.publishTransient(
        new UnderlayEvent.Sent(now, from.node(), p, to == null ? "" : to.node(), due));
    String fault = fault(from, to, p);
    if (fault != null) {
      dropped(p, from.node(), fault);
      return p;
    }
    clock.scheduleAsCaller(
        Duration.ofNanos(delay),
        () -> {
          String late = fault(from, to, null);
          if (late != null) {
            dropped(p, to.node(), late);
          } else {
            to.deliver(p);
          }
        });
    return p;
  }

  /** Why a packet from {@code from} to {@code to} is lost now, or null; {@code p} when sending. */
  private String fault(Nic from, Nic to, Packet p) {
    if (to == null || byAddress.get(to.address()) != to) {
      return "no route";
    }
    if (!from.isUp() || !to.isUp()) {
      return "link down";
    }
    if (!sameSide(from.address(), to.address())) {
      return "partition";
    }
    if (p != null) {
      if (dropNext.remove(from.address() + ">" + to.address())) {
        return "dropped by hand";
      }
      if (loss > 0 && random.nextDouble() < loss) {
        return "loss";
      }
    }
    return null;
  }

  void dropped(Packet p, String node, String reason) {
    bus.publishTransient(new UnderlayEvent.Dropped(clock.nowNanos(), node, p, reason));
  }

  void delivered(Packet p, String node) {
    bus.publishTransient(new UnderlayEvent.Delivered(clock.nowNanos(), node, p));
  }
}

package dev.ddlab.sim.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import dev.ddlab.sim.clock.SeededRandom;
import dev.ddlab.sim.network.dataplane.NetDevice;
import dev.ddlab.sim.network.dataplane.NetStack;
import dev.ddlab.sim.network.dataplane.Netns;
import dev.ddlab.sim.network.types.Ipv4;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A macvlan network on {@code eth0.100}: a device on VLAN 100 of the node's LAN (another stack
 * plugged into the underlay with its own {@code eth0.100}) reaches the containers, and the frames
 * cross the LAN tagged; the node itself does not reach them, as the kernel does not hairpin between
 * a parent and its macvlan children.
 */
class MacvlanUnderlayTest {
  private static Netns.EchoResult ping(NetStack stack, Netns from, int dst) {
    Netns.EchoResult[] r = new Netns.EchoResult[1];
    stack.exchange(
        () -> from.ping(dst, 9, 1, 56, 64, x -> r[0] = x), () -> r[0] != null, 2_000_000_000L);
    return r[0];
  }

  @Test
  void a_device_on_vlan_100_reaches_macvlan_containers_and_the_node_does_not() {
    try (SimSession s = SimSession.open("single", 3)) {
      new ScriptRunner(s)
          .run(
              """
              docker network create -d macvlan --subnet 10.100.0.0/24 --gateway 10.100.0.1 -o parent=eth0.100 vlan100
              docker run -d --name m1 --network vlan100 alpine sleep 1d
              """);
      NetworkController node = s.host("node1").network();
      NetStack stack = node.stack();
      NetStack device = new NetStack("device", stack.wire(), new SeededRandom(5), () -> 0L);
      NetDevice eth = device.addEther("eth0", Ipv4.parse("192.168.0.50"), 24, node.underlay());
      NetDevice vlan = device.addVlan("eth0.100", eth, 100);
      device.host().addAddress(vlan, Ipv4.parse("10.100.0.50"), 24);
      List<String> tags = new ArrayList<>();
      try (AutoCloseable tap = device.tap((n, d, f, out) -> tags.add(d.name() + ":" + f.vlan()))) {
        Netns.EchoResult r = ping(device, device.host(), Ipv4.parse("10.100.0.2"));
        assertEquals(Netns.Outcome.OK, r.outcome(), "the device on VLAN 100 reaches m1");
      } catch (Exception e) {
        throw new AssertionError(e);
      }
      assertTrue(tags.contains("eth0:100"), "frames cross the LAN tagged with VLAN 100: " + tags);
      Netns.EchoResult fromNode = ping(stack, stack.host(), Ipv4.parse("10.100.0.2"));
      assertTrue(fromNode == null || fromNode.outcome() != Netns.Outcome.OK, "the node does not");
    }
  }
}

package dev.ddlab.sim.network.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.engine.EngineException;
import dev.ddlab.sim.network.dataplane.HostLinks;
import dev.ddlab.sim.network.driverapi.Driver;
import dev.ddlab.sim.network.driverapi.DriverRegistry;
import dev.ddlab.sim.network.driverapi.InterfaceInfo;
import dev.ddlab.sim.network.driverapi.IpamData;
import dev.ddlab.sim.network.driverapi.JoinInfo;
import dev.ddlab.sim.network.driverapi.NetworkOptions;
import dev.ddlab.sim.network.portmapper.PortMapper;
import dev.ddlab.sim.network.types.Ipv4;
import dev.ddlab.sim.network.types.Subnet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The drivers a node starts with, found by name, and what each does with networks and joins. */
class BuiltinDriversTest {
  private static final String NID = "0123456789abcdef0123456789abcdef";
  private static final String NID2 = "fedcba9876543210fedcba9876543210";

  private final HostLinks host = new HostLinks("192.168.0.11");
  private final DriverRegistry registry = BuiltinDrivers.registry(host, new PortMapper());

  private static List<IpamData> pool(String cidr, String gateway) {
    return List.of(new IpamData("LocalDefault", Subnet.parse(cidr), Ipv4.parse(gateway)));
  }

  private static NetworkOptions opts(Map<String, String> generic) {
    return new NetworkOptions(generic, false);
  }

  private static String error(Runnable r) {
    return assertThrows(EngineException.class, r::run).getMessage();
  }

  @Test
  void bridge_host_null_macvlan_and_overlay_are_registered_by_name_and_others_are_not() {
    assertEquals(List.of("bridge", "host", "null", "macvlan", "overlay"), registry.types());
    assertEquals(BridgeDriver.class, registry.require("bridge").getClass());
    assertEquals(MacvlanDriver.class, registry.require("macvlan").getClass());
    assertEquals(OverlayDriver.class, registry.require("overlay").getClass());
    assertEquals("global", registry.require("overlay").capability().dataScope());
    EngineException e = assertThrows(EngineException.class, () -> registry.require("weave"));
    assertEquals(404, e.status());
    assertEquals(
        "could not find plugin weave in v1 plugin registry: plugin not found", e.getMessage());
  }

  @Test
  void a_name_registers_once() {
    assertThrows(IllegalStateException.class, () -> registry.register(new HostDriver()));
  }

  @Test
  void host_and_null_keep_a_single_network_and_take_no_addresses() {
    for (String type : List.of("host", "null")) {
      Driver d = registry.require(type);
      assertFalse(d.usesIpam());
      d.createNetwork(NID, opts(Map.of()), List.of());
      EngineException e =
          assertThrows(
              EngineException.class, () -> d.createNetwork(NID2, opts(Map.of()), List.of()));
      assertEquals(403, e.status());
      assertEquals("only one instance of \"" + type + "\" network is allowed", e.getMessage());
    }
  }

  @Test
  void bridge_puts_the_gateway_on_a_host_bridge_named_after_the_network() {
    Driver bridge = registry.require("bridge");
    bridge.createNetwork(NID, opts(Map.of()), pool("172.18.0.0/16", "172.18.0.1"));
    bridge.createNetwork(
        NID2,
        opts(Map.of("com.docker.network.bridge.name", "docker0")),
        pool("172.17.0.0/16", "172.17.0.1"));
    assertEquals(
        new HostLinks.Link("br-0123456789ab", "bridge", "", Ipv4.parse("172.18.0.1"), 16),
        host.get("br-0123456789ab").orElseThrow());
    assertTrue(host.owns(Ipv4.parse("172.17.0.1")));
    bridge.deleteNetwork(NID);
    assertTrue(host.get("br-0123456789ab").isEmpty());
    assertFalse(host.owns(Ipv4.parse("172.18.0.1")));
  }

  @Test
  void bridge_endpoints_get_docker_s_mac_and_the_gateway_unless_internal() {
    Driver bridge = registry.require("bridge");
    bridge.createNetwork(NID, opts(Map.of()), pool("172.18.0.0/16", "172.18.0.1"));
    bridge.createNetwork(NID2, new NetworkOptions(Map.of(), true), pool("10.1.0.0/24", "10.1.0.1"));
    InterfaceInfo iface = new InterfaceInfo(Ipv4.parse("172.18.0.2"), 16);
    bridge.createEndpoint(NID, "e1", iface);
    assertEquals("02:42:ac:12:00:02", iface.macAddress());
    JoinInfo open = new JoinInfo();
    bridge.join(NID, "e1", "/var/run/docker/netns/x", open);
    assertEquals("172.18.0.1", Ipv4.format(open.gateway()));
    assertEquals("eth", open.interfacePrefix());
    JoinInfo internal = new JoinInfo();
    bridge.join(NID2, "e2", "/var/run/docker/netns/x", internal);
    assertEquals(0, internal.gateway());
  }

  @Test
  void macvlan_makes_the_vlan_sub_interface_and_removes_it_with_the_network() {
    Driver macvlan = registry.require("macvlan");
    macvlan.createNetwork(
        NID, opts(Map.of("parent", "eth0.100")), pool("10.100.0.0/24", "10.100.0.1"));
    assertEquals(
        new HostLinks.Link("eth0.100", "vlan", "eth0", 0, 0), host.get("eth0.100").orElseThrow());
    assertFalse(host.owns(Ipv4.parse("10.100.0.1")), "the gateway is a router off the node");
    JoinInfo info = new JoinInfo();
    macvlan.join(NID, "e1", "/var/run/docker/netns/x", info);
    assertEquals("10.100.0.1", Ipv4.format(info.gateway()));
    macvlan.deleteNetwork(NID);
    assertTrue(host.get("eth0.100").isEmpty());
    assertTrue(host.get("eth0").isPresent(), "the parent stays");
  }

  @Test
  void macvlan_without_parent_hangs_from_a_dummy_link_and_has_no_way_out() {
    Driver macvlan = registry.require("macvlan");
    macvlan.createNetwork(NID, opts(Map.of()), pool("10.100.0.0/24", "10.100.0.1"));
    assertEquals("dummy", host.get("dm-0123456789ab").orElseThrow().kind());
    JoinInfo info = new JoinInfo();
    macvlan.join(NID, "e1", "/var/run/docker/netns/x", info);
    assertEquals(0, info.gateway());
  }

  @Test
  void macvlan_refuses_what_dockerd_refuses() {
    Driver macvlan = registry.require("macvlan");
    List<IpamData> p = pool("10.100.0.0/24", "10.100.0.1");
    assertEquals(
        "requested macvlan mode 'foo' is not valid, 'bridge' mode is the macvlan driver default",
        error(() -> macvlan.createNetwork(NID, opts(Map.of("macvlan_mode", "foo")), p)));
    assertEquals(
        "loopback interface is not a valid macvlan parent link",
        error(() -> macvlan.createNetwork(NID, opts(Map.of("parent", "lo")), p)));
    assertEquals(
        "invalid subinterface vlan name eth1, example formatting is eth0.10",
        error(() -> macvlan.createNetwork(NID, opts(Map.of("parent", "eth1")), p)));
    assertEquals(
        "unable to parse a valid vlan id from: x (ex. eth0.10 for vlan 10)",
        error(() -> macvlan.createNetwork(NID, opts(Map.of("parent", "eth0.x")), p)));
    assertEquals(
        "vlan id must be between 1-4094, received: 5000",
        error(() -> macvlan.createNetwork(NID, opts(Map.of("parent", "eth0.5000")), p)));
    assertEquals(
        "-o parent interface does was not found on the host: eth1",
        error(() -> macvlan.createNetwork(NID, opts(Map.of("parent", "eth1.5")), p)));
    macvlan.createNetwork(NID, opts(Map.of("parent", "eth0")), p);
    assertEquals(
        "network dm-0123456789ab is already using parent interface eth0",
        error(() -> macvlan.createNetwork(NID2, opts(Map.of("parent", "eth0")), p)));
  }
}

package dev.ddlab.sim.network.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ddlab.engine.EngineException;
import dev.ddlab.sim.network.ipamapi.Ipam;
import dev.ddlab.sim.network.ipamapi.Ipam.PoolRequest;
import dev.ddlab.sim.network.types.Ipv4;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** libnetwork's default IPAM: the order of the local pools and how addresses are handed out. */
class DefaultIpamTest {
  private final Ipam ipam = new DefaultIpam();

  private String next() {
    return ipam.requestPool(PoolRequest.any()).subnet().toString();
  }

  private static String ip(int address) {
    return address == 0 ? "none" : Ipv4.format(address);
  }

  @Test
  void default_pools_go_172_17_to_172_31_then_192_168_in_slash_20s_then_run_out() {
    List<String> taken = new ArrayList<>();
    for (int i = 0; i < 31; i++) {
      taken.add(next());
    }
    assertEquals("172.17.0.0/16", taken.get(0), "docker0 takes the first");
    assertEquals("172.18.0.0/16", taken.get(1), "the first user network");
    assertEquals("172.31.0.0/16", taken.get(14));
    assertEquals("192.168.0.0/20", taken.get(15));
    assertEquals("192.168.16.0/20", taken.get(16));
    assertEquals("192.168.240.0/20", taken.get(30));
    EngineException e = assertThrows(EngineException.class, this::next);
    assertEquals(400, e.status());
    assertEquals("all predefined address pools have been fully subnetted", e.getMessage());
  }

  @Test
  void a_released_pool_is_the_next_one_handed_out() {
    next();
    String second = ipam.requestPool(PoolRequest.any()).id();
    next();
    ipam.releasePool(second);
    assertEquals("172.18.0.0/16", next());
    assertEquals("172.20.0.0/16", next());
  }

  @Test
  void a_user_subnet_inside_a_default_pool_makes_the_defaults_skip_that_pool() {
    next();
    ipam.requestPool(new PoolRequest("172.18.5.0/24", null));
    assertEquals("172.19.0.0/16", next());
  }

  @Test
  void an_overlapping_user_subnet_is_refused_with_403() {
    next();
    EngineException e =
        assertThrows(
            EngineException.class,
            () -> ipam.requestPool(new PoolRequest("172.17.128.0/17", null)));
    assertEquals(403, e.status());
    assertEquals("Pool overlaps with other one on this address space", e.getMessage());
  }

  @Test
  void a_global_pool_may_overlap_a_local_one_but_not_another_global_one() {
    ipam.requestPool(new PoolRequest(Ipam.GLOBAL_ADDRESS_SPACE, "10.0.0.0/24", null));
    Ipam.Pool local = ipam.requestPool(new PoolRequest("10.0.0.0/24", "10.0.0.0/25"));
    assertEquals("LocalDefault/10.0.0.0/24/10.0.0.0/25", local.id());
    EngineException e =
        assertThrows(
            EngineException.class,
            () ->
                ipam.requestPool(
                    new PoolRequest(Ipam.GLOBAL_ADDRESS_SPACE, "10.0.0.128/25", null)));
    assertEquals("Pool overlaps with other one on this address space", e.getMessage());
    assertEquals(
        "10.0.1.0/24",
        ipam.requestPool(new PoolRequest(Ipam.GLOBAL_ADDRESS_SPACE, null, null))
            .subnet()
            .toString());
  }

  @Test
  void a_malformed_subnet_is_go_s_invalid_cidr_error() {
    for (String bad : List.of("10.0.0.0/33", "10.0.0/24", "10.0.0.0", "10.0.0.256/24", "x/8")) {
      EngineException e =
          assertThrows(EngineException.class, () -> ipam.requestPool(new PoolRequest(bad, null)));
      assertEquals("invalid CIDR address: " + bad, e.getMessage());
    }
  }

  @Test
  void addresses_are_the_lowest_free_never_the_network_or_broadcast_address() {
    Ipam.Pool p = ipam.requestPool(new PoolRequest("10.10.0.0/30", null));
    assertEquals("10.10.0.1", ip(ipam.requestAddress(p.id(), 0)));
    assertEquals("10.10.0.2", ip(ipam.requestAddress(p.id(), 0)));
    assertEquals("none", ip(ipam.requestAddress(p.id(), 0)));
    for (String reserved : List.of("10.10.0.0", "10.10.0.3")) {
      EngineException e =
          assertThrows(
              EngineException.class, () -> ipam.requestAddress(p.id(), Ipv4.parse(reserved)));
      assertEquals("Address already in use", e.getMessage());
    }
    ipam.releaseAddress(p.id(), Ipv4.parse("10.10.0.1"));
    ipam.releaseAddress(p.id(), Ipv4.parse("10.10.0.3"));
    assertEquals("10.10.0.1", ip(ipam.requestAddress(p.id(), 0)));
    assertEquals("none", ip(ipam.requestAddress(p.id(), 0)));
  }

  @Test
  void a_gateway_high_in_the_subnet_leaves_the_low_addresses_to_containers() {
    Ipam.Pool p = ipam.requestPool(new PoolRequest("10.10.0.0/24", null));
    ipam.requestAddress(p.id(), Ipv4.parse("10.10.0.254"));
    assertEquals("10.10.0.1", ip(ipam.requestAddress(p.id(), 0)));
  }

  @Test
  void a_sub_range_gives_its_own_addresses_while_any_address_of_the_subnet_may_be_asked_for() {
    Ipam.Pool p = ipam.requestPool(new PoolRequest("10.30.0.0/24", "10.30.0.128/25"));
    assertEquals("LocalDefault/10.30.0.0/24/10.30.0.128/25", p.id());
    assertEquals("10.30.0.128", ip(ipam.requestAddress(p.id(), 0)), "the gateway");
    assertEquals("10.30.0.129", ip(ipam.requestAddress(p.id(), 0)));
    assertEquals("10.30.0.9", ip(ipam.requestAddress(p.id(), Ipv4.parse("10.30.0.9"))));
    EngineException e =
        assertThrows(
            EngineException.class, () -> ipam.requestAddress(p.id(), Ipv4.parse("10.31.0.9")));
    assertEquals(
        "Invalid address 10.31.0.9: It does not belong to any of this network's subnets",
        e.getMessage());
  }

  @Test
  void a_sub_range_outside_its_subnet_is_refused() {
    EngineException e =
        assertThrows(
            EngineException.class,
            () -> ipam.requestPool(new PoolRequest("10.30.0.0/24", "10.31.0.0/25")));
    assertEquals("no matching subnet for range 10.31.0.0/25", e.getMessage());
  }
}

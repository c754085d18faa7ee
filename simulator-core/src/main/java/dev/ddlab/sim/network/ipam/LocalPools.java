package dev.ddlab.sim.network.ipam;

import dev.ddlab.sim.network.types.Ipv4;
import dev.ddlab.sim.network.types.Subnet;
import java.util.ArrayList;
import java.util.List;

/**
 * libnetwork's {@code ipamutils}: the default pools of local networks in the order they are taken.
 * 172.17.0.0/16 (docker0 takes it first), 172.18.0.0/16 … 172.31.0.0/16, then 192.168.0.0/16 cut in
 * /20s.
 */
public final class LocalPools {
  private LocalPools() {}

  public static final List<Subnet> DEFAULTS = defaults();

  private static List<Subnet> defaults() {
    List<Subnet> pools = new ArrayList<>();
    for (int b = 17; b <= 31; b++) {
      pools.add(new Subnet(Ipv4.parse("172." + b + ".0.0"), 16));
    }
    for (int c = 0; c < 256; c += 16) {
      pools.add(new Subnet(Ipv4.parse("192.168." + c + ".0"), 20));
    }
    return List.copyOf(pools);
  }
}

package dev.ddlab.sim.network.driverapi;

import dev.ddlab.engine.dto.PortBinding;
import dev.ddlab.sim.network.portmapper.PortMapping;
import java.util.List;
import java.util.Map;

/**
 * libnetwork's {@code driverapi.ExtConner}: drivers that give a sandbox's gateway endpoint a way in
 * from outside (published ports) implement it. The controller calls it for the endpoint that
 * carries the container's ports.
 */
public interface ExternalConnectivity {
  /**
   * Publishes {@code bindings} (container port key such as {@code 80/tcp} → host bindings) for
   * endpoint {@code eid}, owned by container {@code owner}.
   *
   * @return the mappings made, in the order of the bindings
   * @throws dev.ddlab.engine.EngineException the port allocator's error; nothing stays mapped
   */
  List<PortMapping> programExternalConnectivity(
      String nid, String eid, String owner, Map<String, List<PortBinding>> bindings);

  void revokeExternalConnectivity(String nid, String eid);
}

package dev.ddlab.sim.network.portmapper;

/** A published port: docker-proxy listening on host address and port for a container port. */
public record PortMapping(String hostIp, int hostPort, String proto, int containerPort) {
  /** The key the allocator files the host side under: {@code 0.0.0.0:8080/tcp}. */
  String key() {
    return hostIp + ":" + hostPort + "/" + proto;
  }
}

package dev.ddlab.sim.network;

import dev.ddlab.sim.network.dataplane.DataPlane;
import dev.ddlab.sim.network.types.Ipv4;
import dev.ddlab.sim.runtime.HttpOutcome;
import dev.ddlab.sim.runtime.HttpRequest;
import dev.ddlab.sim.runtime.HttpResponse;
import dev.ddlab.sim.runtime.NetAccess;
import dev.ddlab.sim.runtime.NetException;
import dev.ddlab.sim.runtime.ProcContext;
import dev.ddlab.sim.runtime.TcpOutcome;
import java.util.Optional;

/**
 * What a node's processes see of its network ({@link NetAccess}, the kernel's): names through the
 * controller's resolver for the container the process runs in, everything else through the data
 * plane's frames from the process's namespace.
 */
final class ProcessNetAccess implements NetAccess {
  private final NetworkController controller;
  private final Resolver resolver;
  private final DataPlane dataPlane;

  ProcessNetAccess(NetworkController controller, Resolver resolver, DataPlane dataPlane) {
    this.controller = controller;
    this.resolver = resolver;
    this.dataPlane = dataPlane;
  }

  @Override
  public Optional<String> resolve(ProcContext from, String name) {
    return resolver.resolve(from, controller.networkingOf(from), name);
  }

  @Override
  public HttpResponse http(ProcContext from, String host, int port, HttpRequest request) {
    return exchange(from, host, port, request).orThrow();
  }

  @Override
  public HttpOutcome exchange(ProcContext from, String host, int port, HttpRequest request) {
    Optional<String> ip = resolve(from, host);
    if (ip.isEmpty()) {
      return HttpOutcome.failed(new NetException(NetException.Kind.UNRESOLVED, host));
    }
    return dataPlane.http(from, Ipv4.parse(ip.get()), port, request);
  }

  @Override
  public TcpOutcome stream(ProcContext from, String host, int port, byte[] data, long limitNanos) {
    Optional<String> ip = resolve(from, host);
    if (ip.isEmpty()) {
      return TcpOutcome.failed(null, new NetException(NetException.Kind.UNRESOLVED, host));
    }
    return dataPlane.stream(from, Ipv4.parse(ip.get()), port, data, limitNanos);
  }

  @Override
  public Echo echo(ProcContext from, String ip) {
    return dataPlane.echo(from, Ipv4.parse(ip));
  }

  @Override
  public EchoReply ping(
      ProcContext from, String ip, int id, int seq, int size, int ttl, PmtuDisc pmtu) {
    return dataPlane.ping(from, Ipv4.parse(ip), id, seq, size, ttl, pmtu);
  }

  @Override
  public <T> Optional<T> namespace(ProcContext from, Class<T> type) {
    return Optional.ofNullable(dataPlane.namespaceOf(from))
        .filter(type::isInstance)
        .map(type::cast);
  }

  @Override
  public Optional<String> sourceAddress(ProcContext from, String dst) {
    return Optional.ofNullable(dataPlane.namespaceOf(from))
        .map(ns -> ns.sourceFor(Ipv4.parse(dst)))
        .filter(ip -> ip != 0)
        .map(Ipv4::format);
  }

  @Override
  public boolean reachesInternet(ProcContext from) {
    return dataPlane.reachesInternet(from);
  }
}

package dev.ddlab.sim.runtime;

import java.util.Optional;

/**
 * How processes reach the network: name resolution and connections, answered by the node's network
 * controller, which knows endpoints, addresses, embedded DNS and published ports.
 */
public interface NetAccess {
  Optional<String> resolve(ProcContext from, String name);

  /**
   * @throws NetException when the name does not resolve or nothing listens
   */
  HttpResponse http(ProcContext from, String host, int port, HttpRequest request);

  /** No network at all (a node before its controller exists, --network none). */
  NetAccess NONE =
      new NetAccess() {
        @Override
        public Optional<String> resolve(ProcContext from, String name) {
          return Optional.empty();
        }

        @Override
        public HttpResponse http(ProcContext from, String host, int port, HttpRequest request) {
          throw new NetException(NetException.Kind.UNRESOLVED, host);
        }
      };
}

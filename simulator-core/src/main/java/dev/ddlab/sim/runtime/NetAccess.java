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

  /**
   * The same exchange with the virtual time it takes: the data plane runs it on the node's wire
   * from the clock's present, and the caller (a process, the host shell) answers once that much
   * virtual time has passed. Never throws. The default takes no time.
   */
  default HttpOutcome exchange(ProcContext from, String host, int port, HttpRequest request) {
    return HttpOutcome.of(() -> http(from, host, port, request));
  }

  /**
   * A TCP connection from {@code from} to host:port ({@code nc}) that sends {@code data} and
   * collects what the server sends until it closes (with nothing to send it connects and closes at
   * once, as {@code nc -z}), giving up after {@code limitNanos}; never throws. The default has no
   * network.
   */
  default TcpOutcome stream(ProcContext from, String host, int port, byte[] data, long limitNanos) {
    return TcpOutcome.failed(null, new NetException(NetException.Kind.UNREACHABLE, host));
  }

  /** What an ICMP echo request (ping) from a process to an IPv4 address meets. */
  enum Echo {
    /** The address answers. */
    REPLY,
    /** The request leaves but nothing answers (no such host, or Docker's bridge isolation). */
    LOST,
    /** The namespace has no route to the address: sendto fails (--network none). */
    NO_ROUTE,
    /**
     * The request is larger than the route's MTU and must not be fragmented (IP_PMTUDISC_DO): the
     * socket's local error, EMSGSIZE, nothing sent.
     */
    MESSAGE_TOO_LONG
  }

  /**
   * A socket's IP_MTU_DISCOVER setting: DONT never sets DF; WANT (Linux's default) sets DF on
   * packets that fit the route's MTU and fragments the others; DO sets DF and refuses to send a
   * packet that does not fit.
   */
  enum PmtuDisc {
    DONT,
    WANT,
    DO
  }

  /**
   * Where a ping from {@code from} to {@code ip} (an IPv4 address) ends up. The default knows only
   * the loopback.
   */
  default Echo echo(ProcContext from, String ip) {
    return ip.startsWith("127.") ? Echo.REPLY : Echo.NO_ROUTE;
  }

  /**
   * What one echo request met: the outcome, the round trip on virtual time, the reply's TTL, and
   * for {@link Echo#MESSAGE_TOO_LONG} the MTU the request did not fit.
   */
  record EchoReply(Echo echo, long rttNanos, int ttl, int mtu) {
    public EchoReply(Echo echo, long rttNanos, int ttl) {
      this(echo, rttNanos, ttl, 0);
    }
  }

  /**
   * One echo request (identifier, sequence number, data size, TTL) from {@code from} to the IPv4
   * address {@code ip}, sent from a socket with the IP_MTU_DISCOVER setting {@code pmtu}, and what
   * came back. The default answers as {@link #echo} with no time.
   */
  default EchoReply ping(
      ProcContext from, String ip, int id, int seq, int size, int ttl, PmtuDisc pmtu) {
    Echo e = echo(from, ip);
    return new EchoReply(e, 0, e == Echo.REPLY ? 64 : 0);
  }

  /**
   * Whether a process's namespace has a route to the internet (the package mirrors the lab stands
   * in for): a default route out of it. No packet is sent. The default knows no way out.
   */
  default boolean reachesInternet(ProcContext from) {
    return false;
  }

  /**
   * The source address a socket of the process gets towards {@code dst} (an IPv4 address), as
   * connecting a UDP socket and reading its name tells a program (Werkzeug does so to show the
   * address it serves on). Empty without a route there. No packet is sent.
   */
  default Optional<String> sourceAddress(ProcContext from, String dst) {
    return Optional.empty();
  }

  /**
   * The kernel's network namespace the process is in, for tools that read it (ip, ifconfig,
   * netstat) if it is a {@code type}: the runtime does not know the network stack's classes, the
   * tools do. Empty when there is none (no network controller, a container without a sandbox).
   */
  default <T> Optional<T> namespace(ProcContext from, Class<T> type) {
    return Optional.empty();
  }

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

package dev.ddlab.sim.network.dataplane;

import java.util.function.Consumer;

/**
 * What listens on a TCP port of a namespace: it is asked whether the bytes received so far make a
 * whole request, then to answer it. The answer goes back as bytes and the server closes (HTTP as
 * the sample servers speak it); {@code null} resets the connection (docker-proxy whose container
 * refused).
 */
public interface TcpService {
  boolean complete(byte[] received);

  void serve(byte[] request, int clientIp, int clientPort, Consumer<byte[]> reply);
}

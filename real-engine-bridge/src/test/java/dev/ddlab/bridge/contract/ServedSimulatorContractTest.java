package dev.ddlab.bridge.contract;

import dev.ddlab.bridge.api.EngineApiServer;
import dev.ddlab.bridge.real.DockerHost;
import dev.ddlab.bridge.real.RealEngine;
import dev.ddlab.engine.Engine;
import dev.ddlab.sim.host.Cluster;
import java.time.Duration;
import java.util.Map;

/**
 * The contract on the simulated node served by EngineApiServer and read back through RealEngine:
 * every answer crosses the real wire format (JSON, status codes, hijacked streams) both ways.
 */
class ServedSimulatorContractTest extends EngineContract {
  private EngineApiServer server;
  private RealEngine client;

  @Override
  protected Map<String, String> knownGaps() {
    return SimulatedEngineContractTest.SIMULATOR_GAPS;
  }

  @Override
  protected Engine open() {
    Cluster cluster = Cluster.single(7);
    server =
        new EngineApiServer(
                cluster.node("node1").engine(), new Object(), cluster.clock()::advance, 0, null)
            .start();
    client = new RealEngine(DockerHost.of("tcp://127.0.0.1:" + server.port()));
    return client;
  }

  @Override
  protected void letTimePass(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  protected void close() {
    client.close();
    server.close();
  }
}

package dev.ddlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.engine.dto.Ipam;
import dev.ddlab.engine.dto.NetworkCreateRequest;
import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import dev.ddlab.sim.network.drivers.OverlayDriver;
import java.util.List;
import java.util.Map;

/**
 * The overlay the VXLAN tests cross, on a swarm-1m1w session: the network object "ov" as the swarm
 * allocator writes it (10.0.9.0/24, gateway 10.0.9.1, VNI 4097) given to both nodes' controllers,
 * c1 (10.0.9.2) on mgr1 and c2 (10.0.9.3) on wrk1, and mgr1's prompt active again.
 */
public final class TwoNodeOverlay {
  static final String NID = "9e8f2be4a1c0d3f5b6a7980112233445566778899aabbccddeeff00112233445";

  private TwoNodeOverlay() {}

  /** Makes the overlay and its two containers on {@code s}; every command must succeed. */
  public static void wire(SimSession s) {
    wire(s, Map.of());
  }

  /**
   * The same with the network's driver options beside its VXLAN ID ({@code encrypted} for {@code -o
   * encrypted}).
   */
  public static void wire(SimSession s, Map<String, String> options) {
    Map<String, String> driver = new java.util.LinkedHashMap<>(options);
    driver.put(OverlayDriver.VXLAN_IDS, "4097");
    NetworkCreateRequest ov =
        new NetworkCreateRequest(
            "ov",
            "overlay",
            false,
            true,
            false,
            new Ipam(
                "default",
                Map.of(),
                List.of(new Ipam.Config("10.0.9.0/24", null, "10.0.9.1", null))),
            false,
            driver,
            Map.of());
    s.host("mgr1").network().createSwarmNetwork(NID, ov);
    s.host("wrk1").network().createSwarmNetwork(NID, ov);
    for (TranscriptEntry e :
        new ScriptRunner(s)
            .run(
                """
                docker run -d --name c1 --network ov --ip 10.0.9.2 alpine sleep 1d
                @wrk1
                docker run -d --name c2 --network ov --ip 10.0.9.3 alpine sleep 1d
                @mgr1
                """)) {
      assertEquals(0, e.exitCode(), e.toString());
    }
  }
}

package dev.ddlab.sim.swarm;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.swarm.CaConfig;
import dev.ddlab.engine.dto.swarm.DispatcherConfig;
import dev.ddlab.engine.dto.swarm.EncryptionConfig;
import dev.ddlab.engine.dto.swarm.JoinTokens;
import dev.ddlab.engine.dto.swarm.OrchestrationConfig;
import dev.ddlab.engine.dto.swarm.RaftConfig;
import dev.ddlab.engine.dto.swarm.Swarm;
import dev.ddlab.engine.dto.swarm.SwarmSpec;
import dev.ddlab.engine.dto.swarm.SwarmUpdateFlags;
import dev.ddlab.engine.dto.swarm.TaskDefaults;
import dev.ddlab.engine.dto.swarm.TlsInfo;
import dev.ddlab.sim.clock.SeededRandom;
import dev.ddlab.sim.swarm.dispatcher.Dispatcher;
import dev.ddlab.sim.swarm.store.ClusterStore;
import dev.ddlab.sim.swarm.store.StoreAction;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The cluster object as swarmkit's manager makes and changes it: a new cluster's default spec, CA
 * material and join tokens ({@code ca.GenerateJoinToken}: {@code SWMTKN-1-} the CA's digest and a
 * secret), {@code controlapi.UpdateCluster} with token and unlock-key rotation, and the
 * human-readable unlock key ({@code encryption.HumanReadableKey}).
 */
final class ClusterControl {
  private static final String TOKEN_PREFIX = "SWMTKN-1-";

  private ClusterControl() {}

  /** A new cluster object: its CA, both join tokens, then its ID, drawn in that order. */
  static Swarm newCluster(SeededRandom random, String ts, boolean autolock) {
    String ca = Ids.chars(random, 50);
    JoinTokens tokens = new JoinTokens(joinToken(random, ca), joinToken(random, ca));
    return new Swarm(
        Ids.newId(random),
        null,
        ts,
        ts,
        defaultSpec(autolock),
        tls(ca, ts),
        false,
        List.of("10.0.0.0/8"),
        24,
        4789,
        tokens);
  }

  static SwarmSpec defaultSpec(boolean autolock) {
    return new SwarmSpec(
        "default",
        Map.of(),
        new OrchestrationConfig(5L),
        new RaftConfig(10000, 0L, 500, 10, 1),
        new DispatcherConfig(Dispatcher.HEARTBEAT_PERIOD_NANOS),
        new CaConfig(7_776_000_000_000_000L, 0, null, null),
        new TaskDefaults(null),
        new EncryptionConfig(autolock));
  }

  /** SWMKEY-1- and 43 characters of URL-safe base64, as swarmkit's encryption.HumanReadableKey. */
  static String newUnlockKey(SeededRandom random) {
    byte[] b = new byte[32];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) random.nextInt(256);
    }
    return "SWMKEY-1-" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /**
   * POST /swarm/update as controlapi.UpdateCluster: the new spec, a join token rotated when asked
   * (same CA, new secret), and the unlock key made, rotated or dropped as autolock says.
   */
  static List<StoreAction> update(
      ClusterStore store, SwarmSpec spec, SwarmUpdateFlags flags, SeededRandom random, String now) {
    Swarm sw = store.cluster();
    if (flags != null
        && flags.version() != 0
        && sw.version() != null
        && flags.version() != sw.version().index()) {
      throw new EngineException(500, "rpc error: code = Unknown desc = update out of sequence");
    }
    JoinTokens t = sw.joinTokens();
    String ca = t.worker().substring(TOKEN_PREFIX.length(), TOKEN_PREFIX.length() + 50);
    TlsInfo tls = sw.tlsInfo();
    CaConfig want = spec.caConfig();
    CaConfig had = sw.spec().caConfig();
    if (want != null
        && (want.signingCaCert() != null
            || want.forceRotate() != (had == null ? 0 : had.forceRotate()))) {
      // swarm ca --rotate: a new root CA (generated, or the one given) and join tokens naming it;
      // every node's certificate follows at once (swarmkit rotates them node by node)
      ca = Ids.chars(random, 50);
      tls =
          want.signingCaCert() != null
              ? new TlsInfo(want.signingCaCert().strip() + "\n", null, null)
              : tls(ca, now);
      t = new JoinTokens(withCa(t.worker(), ca), withCa(t.manager(), ca));
      spec =
          new SwarmSpec(
              spec.name(),
              spec.labels(),
              spec.orchestration(),
              spec.raft(),
              spec.dispatcher(),
              new CaConfig(want.nodeCertExpiry(), want.forceRotate(), null, null),
              spec.taskDefaults(),
              spec.encryptionConfig());
    }
    if (flags != null && flags.rotateWorkerToken()) {
      t = new JoinTokens(joinToken(random, ca), t.manager());
    }
    if (flags != null && flags.rotateManagerToken()) {
      t = new JoinTokens(t.worker(), joinToken(random, ca));
    }
    boolean autolock =
        spec.encryptionConfig() != null && spec.encryptionConfig().autoLockManagers();
    List<StoreAction> actions = new ArrayList<>();
    actions.add(
        StoreAction.put(
            StoreAction.CLUSTER,
            sw.id(),
            new Swarm(
                sw.id(),
                sw.version(),
                sw.createdAt(),
                now,
                spec,
                tls,
                sw.rootRotationInProgress(),
                sw.defaultAddrPool(),
                sw.subnetSize(),
                sw.dataPathPort(),
                t)));
    String key = store.unlockKey();
    if (autolock && (key == null || (flags != null && flags.rotateManagerUnlockKey()))) {
      actions.add(StoreAction.unlockKey(newUnlockKey(random)));
    } else if (!autolock && key != null) {
      actions.add(StoreAction.unlockKey(null));
    }
    return actions;
  }

  private static String joinToken(SeededRandom random, String ca) {
    return TOKEN_PREFIX + ca + "-" + Ids.chars(random, 25);
  }

  /** A join token with its CA digest part replaced (its secret kept). */
  private static String withCa(String token, String ca) {
    return TOKEN_PREFIX + ca + token.substring(TOKEN_PREFIX.length() + 50);
  }

  /** The root CA whose digest {@code ca} stands for, made at {@code ts}. */
  private static TlsInfo tls(String ca, String ts) {
    RootCa root = new RootCa(ca, dev.ddlab.go.GoTime.parseRfc3339(ts) / 1_000_000_000L);
    return new TlsInfo(root.pem(), root.issuerSubject(), root.issuerPublicKey());
  }
}

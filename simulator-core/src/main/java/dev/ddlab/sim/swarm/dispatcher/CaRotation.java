package dev.ddlab.sim.swarm.dispatcher;

import dev.ddlab.engine.dto.swarm.Node;
import dev.ddlab.engine.dto.swarm.NodeDescription;
import dev.ddlab.engine.dto.swarm.Swarm;
import dev.ddlab.engine.dto.swarm.TlsInfo;
import java.util.Collection;
import java.util.Objects;

/**
 * swarmkit's root CA rotation, node by node: {@code swarm ca --rotate} makes the cluster's desired
 * TLS info the new root at once; each node then renews its certificate from the new issuer on a
 * heartbeat (its trust root still the old one), and once every node holds such a certificate the
 * rotation is over and each node takes the new trust root on its next heartbeat. A node's {@code
 * Description.TLSInfo} is what {@code node inspect} and docker/cli's progress bars read.
 */
public final class CaRotation {
  private CaRotation() {}

  /**
   * The node's TLS info after this heartbeat: a new node gets the cluster's; a node whose
   * certificate another issuer signed renews it (one step); once no node does, a node with another
   * trust root takes the cluster's. Null when nothing changes.
   */
  public static TlsInfo renewed(Node n, Swarm cluster, Collection<Node> all) {
    TlsInfo want = cluster == null ? null : cluster.tlsInfo();
    if (want == null) {
      return null;
    }
    TlsInfo have = n.description() == null ? null : n.description().tlsInfo();
    if (have == null) {
      return want;
    }
    if (!sameIssuer(have, want)) {
      return new TlsInfo(have.trustRoot(), want.certIssuerSubject(), want.certIssuerPublicKey());
    }
    if (!inProgress(cluster, all) && !Objects.equals(have.trustRoot(), want.trustRoot())) {
      return want;
    }
    return null;
  }

  /**
   * Whether some node's certificate is not yet from the desired issuer (RootRotationInProgress).
   */
  public static boolean inProgress(Swarm cluster, Collection<Node> all) {
    TlsInfo want = cluster == null ? null : cluster.tlsInfo();
    if (want == null) {
      return false;
    }
    for (Node n : all) {
      TlsInfo have = n.description() == null ? null : n.description().tlsInfo();
      if (have != null && !sameIssuer(have, want)) {
        return true;
      }
    }
    return false;
  }

  /** The cluster object with RootRotationInProgress as the nodes make it. */
  public static Swarm withProgress(Swarm sw, Collection<Node> all) {
    if (sw == null) {
      return null;
    }
    return new Swarm(
        sw.id(),
        sw.version(),
        sw.createdAt(),
        sw.updatedAt(),
        sw.spec(),
        sw.tlsInfo(),
        inProgress(sw, all),
        sw.defaultAddrPool(),
        sw.subnetSize(),
        sw.dataPathPort(),
        sw.joinTokens());
  }

  private static boolean sameIssuer(TlsInfo a, TlsInfo b) {
    return Objects.equals(a.certIssuerSubject(), b.certIssuerSubject())
        && Objects.equals(a.certIssuerPublicKey(), b.certIssuerPublicKey());
  }

  /** {@code n} with {@code tls} as its description's TLS info. */
  static Node withTls(Node n, TlsInfo tls) {
    NodeDescription d = n.description();
    return n.withDescription(
        new NodeDescription(d.hostname(), d.platform(), d.resources(), d.engine(), tls));
  }
}

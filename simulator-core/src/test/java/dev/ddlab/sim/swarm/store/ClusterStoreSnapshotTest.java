package dev.ddlab.sim.swarm.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddlab.session.SimSession;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A Raft snapshot of the cluster store: the whole store as one JSON object, read back whole. */
class ClusterStoreSnapshotTest {
  @Test
  void a_snapshot_restores_the_same_store_and_is_the_json_object_of_its_parts() throws Exception {
    try (SimSession s = SimSession.open("swarm-1m1w", 7)) {
      s.type("mgr1", "docker swarm init --advertise-addr 10.0.0.1");
      s.type(
          "wrk1",
          "docker swarm join --token $(ssh mgr1 docker swarm join-token -q worker) 10.0.0.1:2377");
      s.type("mgr1", "docker network create -d overlay ov1");
      s.type("mgr1", "echo s3cret | docker secret create pw -");
      s.type(
          "mgr1",
          "docker service create -d --name web --replicas 3 --network ov1 -p 8080:80 alpine sleep 1d");
      s.advance(java.time.Duration.ofSeconds(5));
      ClusterStore store = s.host("mgr1").swarm().manager().store();
      byte[] bytes = store.snapshot();

      // the format, byte for byte: one object of the store's parts, each as its own JSON
      ObjectNode parts = ClusterStore.JSON.createObjectNode();
      parts.put("Index", store.index());
      parts.put("UnlockKey", (String) null);
      parts.set("Cluster", ClusterStore.JSON.valueToTree(store.cluster()));
      parts.set("Nodes", ClusterStore.JSON.valueToTree(List.copyOf(store.nodes().values())));
      parts.set("Services", ClusterStore.JSON.valueToTree(List.copyOf(store.services().values())));
      parts.set("Tasks", ClusterStore.JSON.valueToTree(List.copyOf(store.tasks().values())));
      parts.set("Networks", ClusterStore.JSON.valueToTree(List.copyOf(store.networks().values())));
      parts.set("Secrets", ClusterStore.JSON.valueToTree(List.copyOf(store.secrets().values())));
      parts.set("Configs", ClusterStore.JSON.valueToTree(List.copyOf(store.configs().values())));
      parts.set("IngressAddresses", ClusterStore.JSON.valueToTree(store.ingressAddresses()));
      parts.set("LoadBalancers", ClusterStore.JSON.valueToTree(store.loadBalancers()));
      assertEquals(
          ClusterStore.JSON.writeValueAsString(parts), new String(bytes, StandardCharsets.UTF_8));
      assertEquals(3, ClusterStore.JSON.readTree(bytes).get("Tasks").size());

      ClusterStore again = new ClusterStore();
      again.restore(bytes);
      assertEquals(store.services(), again.services());
      assertEquals(store.tasks(), again.tasks());
      assertEquals(store.nodes(), again.nodes());
      assertArrayEquals(bytes, again.snapshot());
    }
  }
}

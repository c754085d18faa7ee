package dev.ddlab.cli.formatter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.cli.template.GoJson;
import dev.ddlab.engine.Engine;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code docker inspect} writes its JSON from the DTOs as they are converted ({@link
 * InspectData#json}); every kind of object must come out byte for byte as the {@link GoObject} tree
 * of {@link InspectData#of} writes it, omitted fields, zero values and sorted maps included.
 */
class InspectJsonTest {
  private static void ok(SimSession s, String line) {
    TranscriptEntry e = s.type("node1", line);
    assertEquals(0, e.exitCode(), line + "\n" + e.output());
  }

  @Test
  void every_kind_of_object_writes_the_same_json_as_the_converted_tree() {
    try (SimSession s = SimSession.open("single", 11)) {
      ok(s, "docker pull alpine");
      ok(s, "docker pull nginx");
      ok(s, "docker network create --subnet 172.30.0.0/16 --label a=b net1");
      ok(s, "docker volume create --label x=y data");
      ok(
          s,
          "docker run -d --name web --network net1 -p 8080:80 -e A=1 -e 'B=<&>' -v data:/data"
              + " --health-cmd 'true' --health-interval 5s --restart on-failure:3 -m 64m"
              + " --label k=v --tmpfs /run nginx");
      ok(s, "docker run --name gone -w /tmp -u 1000 alpine sh -c 'echo \"quoted\\\\path\"'");
      ok(s, "docker create --name made --read-only --cap-add NET_ADMIN --dns 8.8.8.8 alpine");
      ok(s, "sleep 30");
      ok(s, "docker swarm init");
      ok(s, "echo secret | docker secret create s1 -");
      ok(s, "echo conf | docker config create c1 -");
      ok(
          s,
          "docker service create -d --name svc --replicas 2 --secret s1 --config c1"
              + " --mount type=volume,source=v2,target=/v -p 8081:80 --label l=1 nginx");
      ok(s, "sleep 10");
      Engine engine = s.engine("node1");
      List<Object> dtos = new ArrayList<>();
      engine
          .containers()
          .list(true, 0, false, Map.of())
          .forEach(c -> dtos.add(engine.containers().inspect(c.id())));
      engine.images().list(true, Map.of()).forEach(i -> dtos.add(engine.images().inspect(i.id())));
      engine.networks().list(Map.of()).forEach(n -> dtos.add(engine.networks().inspect(n.id())));
      engine.volumes().list(Map.of()).forEach(v -> dtos.add(engine.volumes().inspect(v.name())));
      engine
          .services()
          .list(Map.of(), true)
          .forEach(x -> dtos.add(engine.services().inspect(x.id(), true)));
      engine.tasks().list(Map.of()).forEach(t -> dtos.add(engine.tasks().inspect(t.id())));
      engine.nodes().list(Map.of()).forEach(n -> dtos.add(engine.nodes().inspect(n.id())));
      engine.secrets().list(Map.of()).forEach(x -> dtos.add(engine.secrets().inspect(x.id())));
      engine.configs().list(Map.of()).forEach(x -> dtos.add(engine.configs().inspect(x.id())));
      assertTrue(dtos.size() >= 20, "objects: " + dtos.size());
      for (Object dto : dtos) {
        assertEquals(
            GoJson.marshalIndentLine(List.of(InspectData.of(dto))),
            GoJson.marshalIndentLine(List.of(InspectData.json(dto))),
            dto.getClass().getSimpleName());
        assertEquals(
            GoJson.marshal(InspectData.of(dto), true),
            GoJson.marshal(InspectData.json(dto), true),
            dto.getClass().getSimpleName());
      }
    }
  }
}

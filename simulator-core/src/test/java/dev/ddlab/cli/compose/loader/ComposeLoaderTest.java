package dev.ddlab.cli.compose.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.cli.compose.types.Project;
import dev.ddlab.fs.MemoryFs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComposeLoaderTest {
  private final MemoryFs fs = new MemoryFs(() -> 0L);
  private final Map<String, String> env = new HashMap<>();
  private final List<String> warnings = new ArrayList<>();

  private void file(String path, String text) {
    fs.mkdir(dev.ddlab.fs.Paths.parent(path), true);
    fs.write(path, text.getBytes(StandardCharsets.UTF_8), false);
  }

  private Project load(String cwd) {
    return new ComposeLoader(fs, cwd, env, warnings::add).load(ComposeLoader.Options.defaults());
  }

  private String error(String cwd) {
    return assertThrows(ComposeException.class, () -> load(cwd)).getMessage();
  }

  static final String COUNTER =
      """
      services:
        web-fe:
          build: .
          command: python app.py
          ports:
            - target: 8080
              published: 5001
          networks:
            - counter-net
          volumes:
            - type: volume
              source: counter-vol
              target: /app
        redis:
          image: "redis:alpine"
          networks:
            counter-net:

      networks:
        counter-net:

      volumes:
        counter-vol:
      """;

  @Test
  void the_course_file_loads_with_names_from_the_folder() {
    file("/home/u/ddd-book/multi-container/compose.yaml", COUNTER);
    Project p = load("/home/u/ddd-book/multi-container");
    assertEquals("multi-container", p.name());
    assertEquals(List.of("redis", "web-fe"), p.startOrder());
    Project.Service web = p.services().get("web-fe");
    assertEquals(List.of("python", "app.py"), web.command());
    assertEquals("/home/u/ddd-book/multi-container", web.build().context());
    assertEquals("multi-container-web-fe", web.imageName(p.name()));
    assertEquals(new Project.Port(8080, "5001", "tcp", "", "ingress"), web.ports().get(0));
    assertEquals("multi-container_counter-net", p.networks().get("counter-net").name());
    assertEquals("multi-container_counter-vol", p.volumes().get("counter-vol").name());
    assertEquals(
        new Project.ServiceVolume("volume", "counter-vol", "/app", false, false),
        web.volumes().get(0));
  }

  @Test
  void no_file_is_compose_error_not_found() {
    fs.mkdir("/empty", true);
    assertEquals("no configuration file provided: not found", error("/empty"));
  }

  @Test
  void the_file_is_found_in_a_parent_folder() {
    file("/p/compose.yml", "services:\n  a:\n    image: alpine\n");
    fs.mkdir("/p/sub/dir", true);
    assertEquals("p", load("/p/sub/dir").name());
  }

  @Test
  void interpolation_takes_defaults_env_and_dot_env_with_the_shell_winning() {
    file(
        "/p/compose.yaml",
        """
        services:
          web:
            image: "nginx:${TAG:-alpine}"
            environment:
              - A=${FROM_DOT_ENV}
              - B=${BOTH}
              - C=$${NOT_ME}
              - D=${UNSET_VAR}
        """);
    file("/p/.env", "FROM_DOT_ENV=dot\nBOTH=from-file\n# comment\n");
    env.put("BOTH", "from-shell");
    Project p = load("/p");
    Project.Service web = p.services().get("web");
    assertEquals("nginx:alpine", web.image());
    assertEquals("dot", web.environment().get("A"));
    assertEquals("from-shell", web.environment().get("B"));
    assertEquals("${NOT_ME}", web.environment().get("C"));
    assertEquals("", web.environment().get("D"));
    assertEquals(
        List.of("The \"UNSET_VAR\" variable is not set. Defaulting to a blank string."), warnings);
  }

  @Test
  void a_required_variable_fails_with_its_path_and_reason() {
    file("/p/compose.yaml", "services:\n  web:\n    image: ${IMG:?set IMG first}\n");
    assertEquals(
        "error while interpolating services.web.image: required variable IMG is missing a value:"
            + " set IMG first",
        error("/p"));
  }

  @Test
  void an_unknown_property_is_refused_in_compose_wording() {
    file("/p/compose.yaml", "services:\n  web:\n    image: nginx\n    prots: [80]\n");
    assertEquals(
        "validating /p/compose.yaml: services.web Additional property prots is not allowed",
        error("/p"));
    file("/p/compose.yaml", "servics:\n  web:\n    image: nginx\n");
    assertEquals(
        "validating /p/compose.yaml: (root) Additional property servics is not allowed",
        error("/p"));
  }

  @Test
  void a_wrong_type_is_refused_in_compose_wording() {
    file("/p/compose.yaml", "services:\n  web:\n    image: nginx\n    ports: 80\n");
    assertEquals("validating /p/compose.yaml: services.web.ports must be a list", error("/p"));
  }

  @Test
  void undefined_networks_and_volumes_and_missing_image_are_invalid_projects() {
    file("/p/compose.yaml", "services:\n  web:\n    image: nginx\n    networks: [front]\n");
    assertEquals(
        "service \"web\" refers to undefined network front: invalid compose project", error("/p"));
    file("/p/compose.yaml", "services:\n  web:\n    image: nginx\n    volumes: [data:/d]\n");
    assertEquals(
        "service \"web\" refers to undefined volume data: invalid compose project", error("/p"));
    file("/p/compose.yaml", "services:\n  web:\n    command: sleep 1\n");
    assertEquals(
        "service \"web\" has neither an image nor a build context specified: invalid compose"
            + " project",
        error("/p"));
  }

  @Test
  void short_forms_are_normalised() {
    file(
        "/p/compose.yaml",
        """
        services:
          web:
            image: nginx
            ports: ["127.0.0.1:8080:80/udp", "3000"]
            volumes: ["./html:/usr/share/nginx/html:ro", "/cache"]
            depends_on: [db]
          db:
            image: redis
            deploy:
              replicas: 2
        """);
    Project p = load("/p");
    Project.Service web = p.services().get("web");
    assertEquals(new Project.Port(80, "8080", "udp", "127.0.0.1", "ingress"), web.ports().get(0));
    assertEquals(new Project.Port(3000, "", "tcp", "", "ingress"), web.ports().get(1));
    assertEquals(
        new Project.ServiceVolume("bind", "/p/html", "/usr/share/nginx/html", true, false, true),
        web.volumes().get(0));
    assertEquals(
        new Project.ServiceVolume("volume", "", "/cache", false, false), web.volumes().get(1));
    assertEquals("service_started", web.dependsOn().get("db").condition());
    assertEquals(2, p.services().get("db").scale());
    assertEquals(List.of("db", "web"), p.startOrder());
    assertTrue(p.networks().containsKey("default"));
    assertEquals("p_default", p.networks().get("default").name());
  }

  @Test
  void deploy_secrets_and_configs_are_read_for_a_swarm() {
    file("/p/pw.txt", "hush\n");
    file(
        "/p/compose.yaml",
        """
        services:
          web:
            image: nginx
            secrets:
              - pw
              - source: pw
                target: db-password
                mode: "0400"
            configs: [site]
            deploy:
              mode: replicated
              replicas: 3
              labels: [tier=front]
              placement:
                constraints: ["node.role == worker"]
                preferences:
                  - spread: node.labels.zone
                max_replicas_per_node: 2
              resources:
                limits: {cpus: "0.5", memory: 50M}
                reservations: {memory: 20M}
              update_config: {parallelism: 2, delay: 10s, failure_action: rollback}
              restart_policy: {condition: on-failure, max_attempts: 3}
        secrets:
          pw:
            file: ./pw.txt
        configs:
          site:
            external: true
        """);
    Project p = load("/p");
    Project.Service web = p.services().get("web");
    assertEquals(
        List.of(
            new Project.FileRef("pw", null, null, null, null),
            new Project.FileRef("pw", "db-password", null, null, 0400)),
        web.secrets());
    assertEquals(List.of(new Project.FileRef("site", null, null, null, null)), web.configs());
    Project.Deploy d = web.deploy();
    assertEquals(3, d.replicas());
    assertEquals(Map.of("tier", "front"), d.labels());
    assertEquals(List.of("node.role == worker"), d.constraints());
    assertEquals(List.of("node.labels.zone"), d.preferences());
    assertEquals(2, d.maxReplicasPerNode());
    assertEquals(new Project.Resources("0.5", "50M"), d.limits());
    assertEquals(
        new Project.UpdateConfig(2, "10s", "rollback", null, null, null), d.updateConfig());
    assertEquals(new Project.RestartPolicy("on-failure", null, 3, null), d.restartPolicy());
    assertEquals(
        new Project.FileObject("pw", null, "/p/pw.txt", false, Map.of()), p.secrets().get("pw"));
    assertTrue(p.configs().get("site").external());
    assertEquals(3, web.scale());
    file("/p/compose.yaml", "services:\n  web:\n    image: nginx\n    secrets: [nope]\n");
    assertEquals(
        "service \"web\" refers to undefined secret nope: invalid compose project", error("/p"));
  }

  @Test
  void project_name_comes_from_p_then_env_then_name_then_folder() {
    file("/My Project/compose.yaml", "name: fromfile\nservices:\n  a:\n    image: alpine\n");
    assertEquals("fromfile", load("/My Project").name());
    env.put("COMPOSE_PROJECT_NAME", "fromenv");
    assertEquals("fromenv", load("/My Project").name());
    Project p =
        new ComposeLoader(fs, "/My Project", env, warnings::add)
            .load(new ComposeLoader.Options(List.of(), "cli", "", List.of()));
    assertEquals("cli", p.name());
    file("/My Project/compose.yaml", "services:\n  a:\n    image: alpine\n");
    env.clear();
    assertEquals("myproject", load("/My Project").name());
  }

  @Test
  void a_yaml_syntax_error_names_its_line() {
    file("/p/compose.yaml", "services:\n  web:\n    image: [nginx\n");
    assertTrue(error("/p").startsWith("yaml: line "), error("/p"));
  }

  @Test
  void ipam_config_reads_subnet_gateway_ip_range_and_aux_addresses_and_refuses_unknown_keys() {
    file(
        "/p/compose.yaml",
        """
        services:
          a:
            image: alpine
        networks:
          back:
            ipam:
              driver: default
              config:
                - subnet: 10.40.0.0/24
                  ip_range: 10.40.0.128/25
                  gateway: 10.40.0.1
                  aux_addresses:
                    router: 10.40.0.2
        """);
    Project.IpamConfig ipam = load("/p").networks().get("back").ipam();
    assertEquals(
        List.of(
            new Project.IpamPool(
                "10.40.0.0/24", "10.40.0.1", "10.40.0.128/25", Map.of("router", "10.40.0.2"))),
        ipam.config());
    assertEquals(
        List.of(
            new dev.ddlab.engine.dto.Ipam.Config(
                "10.40.0.0/24", "10.40.0.128/25", "10.40.0.1", Map.of("router", "10.40.0.2"))),
        ipam.toEngine("default").config());
    file(
        "/p/compose.yaml",
        "services:\n  a:\n    image: alpine\nnetworks:\n  back:\n    ipam:\n      config:\n"
            + "        - subnet: 10.40.0.0/24\n          aux_address: {r: 10.40.0.2}\n");
    assertEquals(
        "validating /p/compose.yaml: networks.back.ipam.config.0 Additional property aux_address"
            + " is not allowed",
        error("/p"));
  }

  @Test
  void profiles_disable_services_until_a_flag_the_environment_or_a_named_service_enables_them() {
    file(
        "/p/compose.yaml",
        """
        services:
          web: {image: nginx}
          debug: {image: alpine, profiles: [debug]}
          both: {image: alpine, profiles: [debug, ops]}
        """);
    Project p = load("/p");
    assertEquals(List.of("web"), List.copyOf(p.services().keySet()));
    assertEquals(List.of("debug", "both"), List.copyOf(p.disabledServices().keySet()));
    Project enabled = p.enable(List.of("debug"));
    assertEquals(List.of("web", "debug", "both"), List.copyOf(enabled.services().keySet()));
    assertEquals(List.of("", "debug"), enabled.profiles());
    env.put("COMPOSE_PROFILES", "ops");
    assertEquals(List.of("web", "both"), List.copyOf(load("/p").services().keySet()));
    Project flagged =
        new ComposeLoader(fs, "/p", env, warnings::add)
            .load(new ComposeLoader.Options(List.of(), "", "", List.of(), List.of("*")));
    assertEquals(3, flagged.services().size());
    assertEquals(
        "no such service: nope",
        assertThrows(IllegalArgumentException.class, () -> p.enable(List.of("nope"))).getMessage());
  }

  private Project loadFromStdin(String cwd, String stdin, String... files) {
    return new ComposeLoader(fs, cwd, env, warnings::add)
        .withStdin(() -> stdin)
        .load(new ComposeLoader.Options(List.of(files), "", "", List.of(), List.of()));
  }

  @Test
  void a_file_named_dash_is_stdin_and_the_working_directory_is_the_shells() {
    file("/home/u/app/.env", "TAG=7\n");
    Project p =
        loadFromStdin(
            "/home/u/app", "services:\n  web:\n    image: nginx:${TAG}\n    build: ./web\n", "-");
    assertEquals("app", p.name());
    assertEquals("nginx:7", p.services().get("web").image());
    assertEquals("/home/u/app/web", p.services().get("web").build().context());
  }

  @Test
  void with_stdin_after_a_file_the_working_directory_is_the_files() {
    file("/home/u/site/compose.yaml", "services:\n  web:\n    image: nginx\n");
    Project p =
        loadFromStdin(
            "/home/u", "services:\n  web:\n    environment: [A=1]\n", "site/compose.yaml", "-");
    assertEquals("site", p.name());
    assertEquals("nginx", p.services().get("web").image());
    assertEquals("1", p.services().get("web").environment().get("A"));
  }

  @Test
  void nothing_on_stdin_is_an_empty_compose_file() {
    assertEquals(
        "empty compose file",
        assertThrows(ComposeException.class, () -> loadFromStdin("/home/u", "", "-")).getMessage());
  }
}

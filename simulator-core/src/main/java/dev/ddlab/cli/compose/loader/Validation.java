package dev.ddlab.cli.compose.loader;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shape checks of the Compose specification's JSON schema for the properties compose reads,
 * worded as compose-go words gojsonschema's results: {@code validating FILE: services.web
 * Additional property foo is not allowed}, {@code services.web.image must be a string}, {@code
 * services.web.ports must be a list}. Properties starting with {@code x-} are extensions and
 * allowed everywhere.
 */
final class Validation {
  private static final Set<String> TOP =
      Set.of("version", "name", "include", "services", "networks", "volumes", "secrets", "configs");

  private static final Set<String> SERVICE =
      Set.of(
          "annotations",
          "attach",
          "build",
          "blkio_config",
          "cap_add",
          "cap_drop",
          "cgroup",
          "cgroup_parent",
          "command",
          "configs",
          "container_name",
          "cpu_count",
          "cpu_percent",
          "cpu_shares",
          "cpu_quota",
          "cpu_period",
          "cpu_rt_period",
          "cpu_rt_runtime",
          "cpus",
          "cpuset",
          "credential_spec",
          "depends_on",
          "deploy",
          "develop",
          "device_cgroup_rules",
          "devices",
          "dns",
          "dns_opt",
          "dns_search",
          "domainname",
          "entrypoint",
          "env_file",
          "environment",
          "expose",
          "extends",
          "external_links",
          "extra_hosts",
          "group_add",
          "healthcheck",
          "hostname",
          "image",
          "init",
          "ipc",
          "isolation",
          "labels",
          "links",
          "logging",
          "mac_address",
          "mem_limit",
          "mem_reservation",
          "mem_swappiness",
          "memswap_limit",
          "network_mode",
          "networks",
          "oom_kill_disable",
          "oom_score_adj",
          "pid",
          "pids_limit",
          "platform",
          "ports",
          "privileged",
          "profiles",
          "pull_policy",
          "read_only",
          "restart",
          "runtime",
          "scale",
          "secrets",
          "security_opt",
          "shm_size",
          "stdin_open",
          "stop_grace_period",
          "stop_signal",
          "storage_opt",
          "sysctls",
          "tmpfs",
          "tty",
          "ulimits",
          "user",
          "userns_mode",
          "uts",
          "volumes",
          "volumes_from",
          "working_dir");

  private static final Set<String> NETWORK =
      Set.of(
          "name",
          "driver",
          "driver_opts",
          "ipam",
          "external",
          "internal",
          "enable_ipv6",
          "attachable",
          "labels");

  private static final Set<String> IPAM = Set.of("driver", "config", "options");

  private static final Set<String> IPAM_POOL =
      Set.of("subnet", "ip_range", "gateway", "aux_addresses");

  private static final Set<String> VOLUME =
      Set.of("name", "driver", "driver_opts", "external", "labels");

  private static final Set<String> PORT =
      Set.of("name", "mode", "host_ip", "target", "published", "protocol", "app_protocol");

  private static final Set<String> SERVICE_VOLUME =
      Set.of("type", "source", "target", "read_only", "consistency", "bind", "volume", "tmpfs");

  private static final Set<String> DEPENDS_ON = Set.of("condition", "restart", "required");

  private static final Set<String> HEALTHCHECK =
      Set.of("disable", "interval", "retries", "test", "timeout", "start_period", "start_interval");

  private static final Set<String> BUILD =
      Set.of(
          "context",
          "dockerfile",
          "dockerfile_inline",
          "args",
          "ssh",
          "labels",
          "cache_from",
          "cache_to",
          "no_cache",
          "additional_contexts",
          "network",
          "pull",
          "target",
          "shm_size",
          "extra_hosts",
          "isolation",
          "privileged",
          "secrets",
          "tags",
          "platforms");

  private static final Set<String> SERVICE_NETWORK =
      Set.of("aliases", "ipv4_address", "ipv6_address", "link_local_ips", "priority");

  private static final Map<String, String> SERVICE_TYPES =
      Map.ofEntries(
          Map.entry("image", "string"),
          Map.entry("container_name", "string"),
          Map.entry("hostname", "string"),
          Map.entry("restart", "string"),
          Map.entry("working_dir", "string"),
          Map.entry("user", "string"),
          Map.entry("network_mode", "string"),
          Map.entry("stop_signal", "string"),
          Map.entry("stop_grace_period", "string"),
          Map.entry("command", "string,array"),
          Map.entry("entrypoint", "string,array"),
          Map.entry("ports", "array"),
          Map.entry("expose", "array"),
          Map.entry("volumes", "array"),
          Map.entry("environment", "object,array"),
          Map.entry("labels", "object,array"),
          Map.entry("networks", "object,array"),
          Map.entry("depends_on", "object,array"),
          Map.entry("env_file", "string,array"),
          Map.entry("build", "string,object"),
          Map.entry("deploy", "object"),
          Map.entry("healthcheck", "object"),
          Map.entry("tty", "boolean"),
          Map.entry("stdin_open", "boolean"),
          Map.entry("scale", "integer"),
          Map.entry("profiles", "array"),
          Map.entry("extends", "string,object"));

  private final String file;

  Validation(String file) {
    this.file = file;
  }

  void validate(JsonNode doc) {
    properties(doc, "(root)", TOP);
    JsonNode include = doc.get("include");
    if (include != null && !include.isNull()) {
      type("include", include, "array");
      each(include, "include", "string,object", Set.of("path", "env_file", "project_directory"));
      for (int i = 0; i < include.size(); i++) {
        if (include.get(i).isObject() && !include.get(i).hasNonNull("path")) {
          fail("include." + i + " path is required");
        }
      }
    }
    mapOf(doc.get("services"), "services", SERVICE, this::service);
    mapOf(doc.get("networks"), "networks", NETWORK, this::network);
    mapOf(doc.get("volumes"), "volumes", VOLUME, null);
  }

  private interface Each {
    void check(String path, JsonNode value);
  }

  private void mapOf(JsonNode section, String path, Set<String> allowed, Each more) {
    if (section == null || section.isNull()) {
      return;
    }
    if (!section.isObject()) {
      fail(path + " must be a mapping");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String p = path + "." + e.getKey();
      if (e.getKey().startsWith("x-")) {
        continue;
      }
      JsonNode v = e.getValue();
      if (v == null || v.isNull()) {
        if (path.equals("services")) {
          fail(p + " must be a mapping");
        }
        continue;
      }
      if (!v.isObject()) {
        fail(p + " must be a mapping");
      }
      properties(v, p, allowed);
      if (more != null) {
        more.check(p, v);
      }
    }
  }

  private void service(String path, JsonNode s) {
    for (Map.Entry<String, String> t : SERVICE_TYPES.entrySet()) {
      JsonNode v = s.get(t.getKey());
      if (v != null && !v.isNull()) {
        type(path + "." + t.getKey(), v, t.getValue());
      }
    }
    each(s.get("ports"), path + ".ports", "number,string,object", PORT);
    each(s.get("volumes"), path + ".volumes", "string,object", SERVICE_VOLUME);
    each(s.get("expose"), path + ".expose", "string,number", null);
    JsonNode build = s.get("build");
    if (build != null && build.isObject()) {
      properties(build, path + ".build", BUILD);
    }
    JsonNode ext = s.get("extends");
    if (ext != null && ext.isObject()) {
      properties(ext, path + ".extends", Set.of("service", "file"));
      if (!ext.hasNonNull("service")) {
        fail(path + ".extends service is required");
      }
    }
    JsonNode hc = s.get("healthcheck");
    if (hc != null && hc.isObject()) {
      properties(hc, path + ".healthcheck", HEALTHCHECK);
    }
    JsonNode deps = s.get("depends_on");
    if (deps != null && deps.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = deps.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().isObject()) {
          properties(e.getValue(), path + ".depends_on." + e.getKey(), DEPENDS_ON);
          JsonNode c = e.getValue().get("condition");
          if (c != null
              && !List.of("service_started", "service_healthy", "service_completed_successfully")
                  .contains(c.asText())) {
            fail(
                path
                    + ".depends_on."
                    + e.getKey()
                    + ".condition must be one of the following: \"service_started\","
                    + " \"service_healthy\", \"service_completed_successfully\"");
          }
        }
      }
    }
    JsonNode nets = s.get("networks");
    if (nets != null && nets.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = nets.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue() != null && e.getValue().isObject()) {
          properties(e.getValue(), path + ".networks." + e.getKey(), SERVICE_NETWORK);
          JsonNode aliases = e.getValue().get("aliases");
          if (aliases != null && !aliases.isNull()) {
            type(path + ".networks." + e.getKey() + ".aliases", aliases, "array");
          }
        }
      }
    }
    JsonNode deploy = s.get("deploy");
    if (deploy != null && deploy.isObject() && deploy.has("replicas")) {
      type(path + ".deploy.replicas", deploy.get("replicas"), "integer");
    }
  }

  private void network(String path, JsonNode n) {
    JsonNode ipam = n.get("ipam");
    if (ipam == null || ipam.isNull()) {
      return;
    }
    type(path + ".ipam", ipam, "object");
    properties(ipam, path + ".ipam", IPAM);
    JsonNode config = ipam.get("config");
    if (config != null && !config.isNull()) {
      type(path + ".ipam.config", config, "array");
      each(config, path + ".ipam.config", "object", IPAM_POOL);
      for (int i = 0; i < config.size(); i++) {
        JsonNode aux = config.get(i).get("aux_addresses");
        if (aux != null && !aux.isNull()) {
          type(path + ".ipam.config." + i + ".aux_addresses", aux, "object");
        }
      }
    }
  }

  private void each(JsonNode list, String path, String types, Set<String> objectKeys) {
    if (list == null || !list.isArray()) {
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode item = list.get(i);
      type(path + "." + i, item, types);
      if (item.isObject() && objectKeys != null) {
        properties(item, path + "." + i, objectKeys);
      }
    }
  }

  private void properties(JsonNode node, String path, Set<String> allowed) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!allowed.contains(k) && !k.startsWith("x-")) {
        fail(path + " Additional property " + k + " is not allowed");
      }
    }
  }

  private void type(String path, JsonNode v, String types) {
    for (String t : types.split(",")) {
      boolean ok =
          switch (t) {
            case "string" -> v.isTextual();
            case "array" -> v.isArray();
            case "object" -> v.isObject();
            case "boolean" -> v.isBoolean();
            case "integer" -> v.isIntegralNumber();
            case "number" -> v.isNumber();
            default -> false;
          };
      if (ok) {
        return;
      }
    }
    String[] ts = types.split(",");
    StringBuilder human = new StringBuilder();
    for (int i = 0; i < ts.length; i++) {
      if (i > 0) {
        human.append(i == ts.length - 1 ? " or " : ", ");
      }
      human.append(
          switch (ts[i]) {
            case "object" -> "mapping";
            case "array" -> "list";
            default -> ts[i];
          });
    }
    fail(path + " must be a " + human);
  }

  private void fail(String message) {
    throw new ComposeException("validating " + file + ": " + message);
  }
}

package dev.ddlab.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A container's HostConfig as {@code docker inspect} writes it: moby's {@code Mounts []mount.Mount
 * json:",omitempty"} and {@code Init *bool json:",omitempty"} are left out unless set, while a
 * template still reads them as the struct's nil values. Checked on the private dockerd (20.10, CLI
 * 28): a plain {@code docker create alpine true} has neither key and {@code {{.HostConfig.Init}}
 * {{json .HostConfig.Mounts}} {{json .HostConfig.Init}}} prints {@code <nil> null null}; with
 * {@code --init --mount type=volume,src=fidvol,dst=/d} the JSON ends {@code "Mounts": [{"Type":
 * "volume", "Source": "fidvol", "Target": "/d"}], …, "Init": true}.
 */
class InspectHostConfigTest {
  private final TypedNode node =
      new TypedNode(
          9,
          "docker pull alpine",
          "docker create --name plain alpine true",
          "docker create --name inited --init --mount type=volume,src=fidvol,dst=/d alpine true",
          "docker run -d --name fresh alpine sleep 1000",
          "docker create --name priv --privileged alpine true");

  /**
   * The keys of a fresh {@code docker run -d alpine sleep 1000}'s HostConfig in Docker 24's order
   * (moby v24.0.7's HostConfig with its embedded Resources; ConsoleSize after VolumesFrom, where
   * 20.10 had it after Runtime; KernelMemory and KernelMemoryTCP omitempty, which 20.10 printed as
   * 0; Annotations, StorageOpt, Tmpfs, Sysctls, Mounts and Init left out when empty).
   */
  private static final String DOCKER_24_KEYS =
      "Binds ContainerIDFile LogConfig NetworkMode PortBindings RestartPolicy AutoRemove"
          + " VolumeDriver VolumesFrom ConsoleSize CapAdd CapDrop CgroupnsMode Dns DnsOptions"
          + " DnsSearch ExtraHosts GroupAdd IpcMode Cgroup Links OomScoreAdj PidMode Privileged"
          + " PublishAllPorts ReadonlyRootfs SecurityOpt UTSMode UsernsMode ShmSize Runtime"
          + " Isolation CpuShares Memory NanoCpus CgroupParent BlkioWeight BlkioWeightDevice"
          + " BlkioDeviceReadBps BlkioDeviceWriteBps BlkioDeviceReadIOps BlkioDeviceWriteIOps"
          + " CpuPeriod CpuQuota CpuRealtimePeriod CpuRealtimeRuntime CpusetCpus CpusetMems"
          + " Devices DeviceCgroupRules DeviceRequests MemoryReservation MemorySwap"
          + " MemorySwappiness OomKillDisable PidsLimit Ulimits CpuCount CpuPercent IOMaximumIOps"
          + " IOMaximumBandwidth MaskedPaths ReadonlyPaths";

  @Test
  void every_field_docker_24_prints_is_there_in_its_order() {
    String json = node.ok("docker inspect -f '{{json .HostConfig}}' fresh");
    java.util.List<String> keys = new java.util.ArrayList<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("[{,]\"([A-Za-z]+)\":").matcher(json);
    int depth = 0;
    int last = 0;
    for (int i = 0; i < json.length(); i++) {
      char ch = json.charAt(i);
      if (ch == '{' || ch == '[') {
        depth++;
      } else if (ch == '}' || ch == ']') {
        depth--;
      }
      if (depth == 1 && (ch == '{' || ch == ',') && m.find(i) && m.start() == i) {
        keys.add(m.group(1));
        last = i;
      }
    }
    assertEquals(DOCKER_24_KEYS, String.join(" ", keys), json.substring(last));
  }

  @Test
  void the_daemon_fills_in_docker_24s_defaults() {
    assertEquals(
        "{json-file map[]} private private runc [24 80] false <nil> 67108864 [] 0 []\n",
        node.ok(
            "docker inspect -f '{{.HostConfig.LogConfig}} {{.HostConfig.IpcMode}}"
                + " {{.HostConfig.CgroupnsMode}} {{.HostConfig.Runtime}}"
                + " {{.HostConfig.ConsoleSize}} {{.HostConfig.OomKillDisable}}"
                + " {{.HostConfig.MemorySwappiness}} {{.HostConfig.ShmSize}}"
                + " {{.HostConfig.GroupAdd}} {{.HostConfig.KernelMemory}}"
                + " {{.HostConfig.BlkioWeightDevice}}' fresh"));
    assertEquals(
        "[\"/proc/asound\",\"/proc/acpi\",\"/proc/kcore\",\"/proc/keys\",\"/proc/latency_stats\","
            + "\"/proc/timer_list\",\"/proc/timer_stats\",\"/proc/sched_debug\",\"/proc/scsi\","
            + "\"/sys/firmware\",\"/sys/devices/virtual/powercap\"]"
            + " [\"/proc/bus\",\"/proc/fs\",\"/proc/irq\",\"/proc/sys\",\"/proc/sysrq-trigger\"]\n",
        node.ok(
            "docker inspect -f '{{json .HostConfig.MaskedPaths}} {{json"
                + " .HostConfig.ReadonlyPaths}}' fresh"));
  }

  @Test
  void a_privileged_container_has_no_masked_or_read_only_paths() {
    assertEquals(
        "null null\n",
        node.ok(
            "docker inspect -f '{{json .HostConfig.MaskedPaths}} {{json"
                + " .HostConfig.ReadonlyPaths}}' priv"));
  }

  @AfterEach
  void close() {
    node.close();
  }

  @Test
  void unset_mounts_and_init_are_left_out_of_the_json() {
    String json = node.ok("docker inspect plain");
    assertFalse(json.contains("\"Init\""), json);
    assertFalse(json.contains("\"Mounts\": null"), json);
    assertTrue(
        json.contains("\"Mounts\": [],\n        \"Config\""), "the container's own Mounts stay");
  }

  @Test
  void a_template_reads_them_as_nil() {
    assertEquals(
        "<nil> null null\n",
        node.ok(
            "docker inspect -f '{{.HostConfig.Init}} {{json .HostConfig.Mounts}} {{json"
                + " .HostConfig.Init}}' plain"));
  }

  @Test
  void set_mounts_and_init_are_written() {
    String json = node.ok("docker inspect inited");
    assertTrue(json.contains("\"Init\": true"), json);
    assertEquals(
        "true [{\"Type\":\"volume\",\"Source\":\"fidvol\",\"Target\":\"/d\"}]\n",
        node.ok("docker inspect -f '{{.HostConfig.Init}} {{json .HostConfig.Mounts}}' inited"));
  }
}

package dev.ddlab.cli.formatter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.cli.template.Template;
import dev.ddlab.engine.dto.ContainerStats;
import dev.ddlab.engine.dto.ContainerStats.BlkioEntry;
import dev.ddlab.engine.dto.ContainerStats.BlkioStats;
import dev.ddlab.engine.dto.ContainerStats.CpuStats;
import dev.ddlab.engine.dto.ContainerStats.CpuUsage;
import dev.ddlab.engine.dto.ContainerStats.MemoryStats;
import dev.ddlab.engine.dto.ContainerStats.NetworkStats;
import dev.ddlab.engine.dto.ContainerStats.PidsStats;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsRowsTest {
  private static ContainerStats sample(Map<String, Long> memoryStats) {
    return new ContainerStats(
        "2026-12-05T20:09:09Z",
        "2026-12-05T20:09:08Z",
        new PidsStats(3L, null),
        new BlkioStats(
            List.of(
                new BlkioEntry(8, 0, "Read", 1_500_000),
                new BlkioEntry(8, 0, "Write", 4096),
                new BlkioEntry(8, 16, "write", 4096),
                new BlkioEntry(8, 0, "", 999))),
        0,
        new CpuStats(new CpuUsage(1_500_000_000L, 0, 0), 10_000_000_000L, 2L),
        new CpuStats(new CpuUsage(1_000_000_000L, 0, 0), 8_000_000_000L, 2L),
        new MemoryStats(10L * 1024 * 1024, memoryStats, 64L * 1024 * 1024),
        "/web",
        "5f793ae516efcc5640b17c6431734e927653dc4c6fa7477e431acf2c5cdd64bf",
        Map.of(
            "eth0", new NetworkStats(1050, 9, 0, 0, 0, 0, 0, 0),
            "eth1", new NetworkStats(2000, 3, 0, 0, 500, 2, 0, 0)));
  }

  private static String render(String template, ContainerStats s) {
    return Template.parse(template).execute(StatsRows.row(StatsRows.figures("web", s), true));
  }

  @Test
  void cpu_percent_is_the_cpu_delta_over_the_system_delta_times_the_online_cpus() {
    // 0.5 s of CPU over 2 s of two CPUs' time: 0.5 / 2 * 2 * 100
    assertEquals("50.00%", render("{{.CPUPerc}}", sample(Map.of())));
  }

  @Test
  void memory_leaves_out_the_inactive_file_cache_of_cgroup_v1_then_v2() {
    assertEquals(
        "8MiB / 64MiB 12.50%",
        render(
            "{{.MemUsage}} {{.MemPerc}}",
            sample(Map.of("total_inactive_file", 2L * 1024 * 1024, "inactive_file", 1L))));
    assertEquals(
        "9MiB / 64MiB 14.06%",
        render("{{.MemUsage}} {{.MemPerc}}", sample(Map.of("inactive_file", 1L * 1024 * 1024))));
    assertEquals("10MiB / 64MiB", render("{{.MemUsage}}", sample(Map.of())));
  }

  @Test
  void block_and_network_io_sum_every_device_and_interface_in_decimal_units() {
    assertEquals("1.5MB / 8.19kB", render("{{.BlockIO}}", sample(Map.of())));
    assertEquals("3.05kB / 500B", render("{{.NetIO}}", sample(Map.of())));
  }

  @Test
  void names_lose_their_slash_ids_are_truncated_and_pids_counted() {
    assertEquals(
        "web web 5f793ae516ef 3",
        render("{{.Container}} {{.Name}} {{.ID}} {{.PIDs}}", sample(Map.of())));
  }
}

package dev.ddlab.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.session.TranscriptEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The resource flags {@code run}, {@code create} and {@code update} share (docker/cli v24's
 * container/opts.go and update.go) and what moby v24's daemon does with them on a cgroup v2 host:
 * each text and exit code typed on the private dockerd (Engine 20.10, CLI 28), with Docker 24's
 * {@code See 'docker update --help'.} where 28 prints the usage. 20.10's daemon on this machine
 * (cgroup v1 without a block I/O weight) warns and discards {@code --blkio-weight}; Docker 24 on
 * cgroup v2 keeps it and checks its range.
 */
class ResourceFlagsTest {
  private static final String ID =
      "f1a9b63495dc8d1765974c0fa8eb23758e10a404601c3e8d55047257b14cd836";

  private final TypedNode node = new TypedNode(1, "docker run -d --name c1 alpine sleep 1000");

  @AfterEach
  void close() {
    node.close();
  }

  private void fails(int code, String expected, String line) {
    TranscriptEntry e = node.session.type("node1", line);
    assertEquals(expected, e.output(), line);
    assertEquals(code, e.exitCode(), line);
  }

  private String hostConfig(String fields) {
    StringBuilder t = new StringBuilder();
    for (String f : fields.split(" ")) {
      t.append(t.length() == 0 ? "" : " ").append("{{.HostConfig.").append(f).append("}}");
    }
    return node.ok("docker inspect -f '" + t + "' c1").strip();
  }

  @Test
  void update_sets_each_resource_and_inspect_shows_it() {
    assertEquals(
        "c1\n",
        node.ok(
            "docker update -c 512 --cpu-period 100000 --cpu-quota 50000 --cpuset-cpus 0-1"
                + " --cpuset-mems 0 --memory-reservation 128m --blkio-weight 300 --pids-limit 50"
                + " c1"));
    assertEquals(
        "512 100000 50000 0-1 0 134217728 300 50",
        hostConfig(
            "CpuShares CpuPeriod CpuQuota CpusetCpus CpusetMems MemoryReservation BlkioWeight"
                + " PidsLimit"));
    assertEquals("c1\n", node.ok("docker update -m 64m --memory-swap 256m c1"));
    assertEquals("67108864 268435456", hostConfig("Memory MemorySwap"));
  }

  @Test
  void update_refuses_what_the_daemon_refuses_and_changes_nothing() {
    fails(
        1,
        "Error response from daemon: Conflicting options: Nano CPUs and CPU Period cannot both be"
            + " set\n",
        "docker update --cpus 1 --cpu-period 100000 c1");
    fails(
        1,
        "Error response from daemon: CPU cfs quota can not be less than 1ms (i.e. 1000)\n",
        "docker update --cpu-quota 500 c1");
    fails(
        1,
        "Error response from daemon: CPU cfs period can not be less than 1ms (i.e. 1000) or larger"
            + " than 1s (i.e. 1000000)\n",
        "docker update --cpu-period 500 c1");
    fails(
        1,
        "Error response from daemon: Requested CPUs are not available - requested 5, available:"
            + " 0-1\n",
        "docker update --cpuset-cpus 5 c1");
    fails(
        1,
        "Error response from daemon: Invalid value x for cpuset cpus: invalid format: x\n",
        "docker update --cpuset-cpus x c1");
    fails(
        1,
        "Error response from daemon: Requested memory nodes are not available - requested 3,"
            + " available: 0\n",
        "docker update --cpuset-mems 3 c1");
    fails(
        1,
        "Error response from daemon: Minimum memory reservation allowed is 6MB\n",
        "docker update --memory-reservation 1m c1");
    fails(
        1,
        "Error response from daemon: Range of blkio weight is from 10 to 1000\n",
        "docker update --blkio-weight 5 c1");
    fails(
        1,
        "Error response from daemon: Cannot update container "
            + ID
            + ": Memory limit should be smaller than already set memoryswap limit, update the"
            + " memoryswap at the same time\n",
        "docker update -m 64m c1");
    assertEquals("0 0  0 0", hostConfig("NanoCpus CpuQuota CpusetCpus MemoryReservation Memory"));
  }

  @Test
  void cpus_and_a_stored_cfs_period_exclude_each_other() {
    node.ok("docker update --cpu-period 100000 c1");
    fails(
        1,
        "Error response from daemon: Cannot update container "
            + ID
            + ": Conflicting options: Nano CPUs cannot be updated as CPU Period has already been"
            + " set\n",
        "docker update --cpus 1 c1");
  }

  @Test
  void update_flag_values_fail_as_the_cli_parses_them() {
    fails(
        125,
        "invalid argument \"70000\" for \"--blkio-weight\" flag: strconv.ParseUint: parsing"
            + " \"70000\": value out of range\nSee 'docker update --help'.\n",
        "docker update --blkio-weight 70000 c1");
    fails(
        125,
        "invalid argument \"abc\" for \"-c, --cpu-shares\" flag: strconv.ParseInt: parsing"
            + " \"abc\": invalid syntax\nSee 'docker update --help'.\n",
        "docker update --cpu-shares abc c1");
    fails(
        125,
        "invalid argument \"1z\" for \"--memory-reservation\" flag: invalid suffix: 'z'\n"
            + "See 'docker update --help'.\n",
        "docker update --memory-reservation 1z c1");
    fails(
        125,
        "invalid argument \"1.2345678901\" for \"--cpus\" flag: value is too precise\n"
            + "See 'docker update --help'.\n",
        "docker update --cpus 1.2345678901 c1");
    fails(
        125,
        "invalid argument \"abc\" for \"--cpus\" flag: failed to parse abc as a rational number\n"
            + "See 'docker update --help'.\n",
        "docker update --cpus abc c1");
    fails(1, "you must provide one or more flags when using this command\n", "docker update c1");
  }

  @Test
  void help_words_swap_and_real_time_flags_as_each_command_does() {
    // docker/cli v24: opts.go and update.go describe these three differently
    // the help wraps its descriptions: compare them as one line
    String update = node.ok("docker update --help").replaceAll("\\s+", " ");
    String run = node.ok("docker run --help").replaceAll("\\s+", " ");
    assertEquals(
        true,
        update.contains("Limit the CPU real-time period in microseconds")
            && update.contains("memory plus swap: -1 to enable unlimited swap"),
        update);
    assertEquals(
        true,
        run.contains("Limit CPU real-time period in microseconds")
            && run.contains("memory plus swap: '-1' to enable unlimited swap"),
        run);
  }

  @Test
  void update_names_what_it_updated_before_the_errors() {
    fails(
        1,
        "c1\nError response from daemon: No such container: nosuch\n",
        "docker update --pids-limit 50 c1 nosuch");
  }

  @Test
  void a_flag_value_refused_while_parsing_is_cobras_flag_error_without_docker_prefix() {
    // docker/cli v24's FlagErrorFunc: "<pflag error>\nSee 'docker run --help'." (125); only
    // errors of runRun's own parse step are reportError's "docker: ….\nSee …"
    fails(
        125,
        "invalid argument \"1z\" for \"--memory-reservation\" flag: invalid suffix: 'z'\n"
            + "See 'docker run --help'.\n",
        "docker run --rm --memory-reservation 1z alpine true");
    fails(
        125,
        "invalid argument \"1z\" for \"--shm-size\" flag: invalid suffix: 'z'\n"
            + "See 'docker create --help'.\n",
        "docker create --shm-size 1z alpine true");
    fails(
        125,
        "invalid argument \"abc\" for \"--health-interval\" flag: time: invalid duration"
            + " \"abc\"\nSee 'docker run --help'.\n",
        "docker run --rm --health-interval abc alpine true");
    fails(
        125,
        "docker: invalid IP address: 1:2.\nSee 'docker run --help'.\n",
        "docker run --rm -p 1:2:3:4 alpine true");
  }

  @Test
  void run_takes_the_same_resource_flags() {
    fails(
        125,
        "docker: Error response from daemon: Conflicting options: Nano CPUs and CPU Quota cannot"
            + " both be set.\nSee 'docker run --help'.\n",
        "docker run --rm --cpus 1 --cpu-quota 50000 alpine true");
    fails(
        125,
        "docker: Error response from daemon: Minimum memory limit can not be less than memory"
            + " reservation limit, see usage.\nSee 'docker run --help'.\n",
        "docker run --rm -m 64m --memory-reservation 128m alpine true");
    node.ok(
        "docker create --name res -c 512 --cpu-period 50000 --cpu-quota 25000 --cpuset-cpus 0"
            + " --memory-reservation 32m --blkio-weight 300 alpine true");
    assertEquals(
        "512 50000 25000 0 33554432 300\n",
        node.ok(
            "docker inspect -f '{{.HostConfig.CpuShares}} {{.HostConfig.CpuPeriod}}"
                + " {{.HostConfig.CpuQuota}} {{.HostConfig.CpusetCpus}}"
                + " {{.HostConfig.MemoryReservation}} {{.HostConfig.BlkioWeight}}' res"));
  }
}

package dev.ddlab.cli.command;

import dev.ddlab.go.GoUnits;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import picocli.CommandLine.Option;

/**
 * The resource flags docker/cli gives both {@code run}/{@code create} (container/opts.go) and
 * {@code update} (update.go) in the same words: memory, the soft limit, CPUs, CPU shares, the CFS
 * period and quota, cpusets, the block I/O weight and the pids limit ({@code --memory-swap} and
 * {@code --cpu-rt-*}, which the two describe differently, are declared by each command). Each value
 * is parsed as the CLI's own flag type parses it (go-units' RAMInBytes for sizes, {@code big.Rat}
 * for {@code --cpus}, {@code strconv} for the integers), with pflag's error text.
 */
final class ResourceFlags {
  @Option(
      names = {"-m", "--memory"},
      paramLabel = "bytes",
      description = "Memory limit")
  String memory;

  @Option(names = "--memory-reservation", paramLabel = "bytes", description = "Memory soft limit")
  String memoryReservation;

  @Option(names = "--cpus", paramLabel = "decimal", description = "Number of CPUs")
  String cpus;

  @Option(
      names = {"-c", "--cpu-shares"},
      paramLabel = "int",
      description = "CPU shares (relative weight)")
  long cpuShares;

  @Option(
      names = "--cpu-period",
      paramLabel = "int",
      description = "Limit CPU CFS (Completely Fair Scheduler) period")
  long cpuPeriod;

  @Option(
      names = "--cpu-quota",
      paramLabel = "int",
      description = "Limit CPU CFS (Completely Fair Scheduler) quota")
  long cpuQuota;

  @Option(
      names = "--cpuset-cpus",
      paramLabel = "string",
      description = "CPUs in which to allow execution (0-3, 0,1)")
  String cpusetCpus = "";

  @Option(
      names = "--cpuset-mems",
      paramLabel = "string",
      description = "MEMs in which to allow execution (0-3, 0,1)")
  String cpusetMems = "";

  @Option(
      names = "--blkio-weight",
      paramLabel = "uint16",
      description = "Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)")
  String blkioWeight;

  @Option(
      names = "--pids-limit",
      paramLabel = "int",
      description = "Tune container pids limit (set -1 for unlimited)")
  Long pidsLimit;

  /** {@code -m}: bytes, 0 when not given. */
  long memoryBytes() {
    return memory == null ? 0 : bytes("-m, --memory", memory, false);
  }

  /** {@code --memory-swap}: bytes, {@code -1} for unlimited, 0 when not given. */
  static long swapBytes(String memorySwap) {
    return memorySwap == null ? 0 : bytes("--memory-swap", memorySwap, true);
  }

  /** {@code --memory-reservation}: bytes, 0 when not given. */
  long memoryReservationBytes() {
    return memoryReservation == null ? 0 : bytes("--memory-reservation", memoryReservation, false);
  }

  /** {@code --cpus} in units of 10⁻⁹ CPUs, 0 when not given. */
  long nanoCpus() {
    return cpus == null ? 0 : parseCpus(cpus);
  }

  /** {@code --blkio-weight}: pflag's Uint16Var, 0 when not given. */
  int blkioWeightValue() {
    if (blkioWeight == null) {
      return 0;
    }
    String why = null;
    if (!blkioWeight.matches("\\+?\\d+")) {
      why = "invalid syntax";
    } else if (new BigInteger(blkioWeight.replace("+", "")).compareTo(BigInteger.valueOf(65535))
        > 0) {
      why = "value out of range";
    }
    if (why != null) {
      throw new FlagError(
          "invalid argument \""
              + blkioWeight
              + "\" for \"--blkio-weight\" flag: strconv.ParseUint: parsing \""
              + blkioWeight
              + "\": "
              + why);
    }
    return Integer.parseInt(blkioWeight.replace("+", ""));
  }

  /** A size flag as docker/cli's MemBytes (or MemSwapBytes, where -1 is unlimited) reads it. */
  static long bytes(String flagTitle, String s, boolean minusOneUnlimited) {
    if (minusOneUnlimited && s.strip().equals("-1")) {
      return -1;
    }
    try {
      return GoUnits.ramInBytes(s);
    } catch (IllegalArgumentException e) {
      throw new FlagError(
          "invalid argument \"" + s + "\" for \"" + flagTitle + "\" flag: " + e.getMessage());
    }
  }

  /**
   * docker/cli's opts.ParseCPUs: a {@code big.Rat} ({@code 1.5}, {@code 3/2}, {@code 1e-1}) times
   * 10⁹, which must come out whole.
   */
  static long parseCpus(String s) {
    BigDecimal value;
    try {
      int slash = s.indexOf('/');
      if (slash >= 0) {
        BigDecimal num = new BigDecimal(new BigInteger(s.substring(0, slash)));
        BigDecimal den = new BigDecimal(new BigInteger(s.substring(slash + 1)));
        if (den.signum() == 0) {
          throw new NumberFormatException();
        }
        BigDecimal nano = num.multiply(BigDecimal.valueOf(1_000_000_000L));
        if (nano.remainder(den).signum() != 0) {
          throw new FlagError(
              "invalid argument \"" + s + "\" for \"--cpus\" flag: value is too precise");
        }
        return nano.divide(den, 0, RoundingMode.UNNECESSARY).longValue();
      }
      value = new BigDecimal(s);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new FlagError(
          "invalid argument \""
              + s
              + "\" for \"--cpus\" flag: failed to parse "
              + s
              + " as a rational number");
    }
    BigDecimal nano = value.multiply(BigDecimal.valueOf(1_000_000_000L));
    if (nano.stripTrailingZeros().scale() > 0) {
      throw new FlagError(
          "invalid argument \"" + s + "\" for \"--cpus\" flag: value is too precise");
    }
    return nano.longValue();
  }
}

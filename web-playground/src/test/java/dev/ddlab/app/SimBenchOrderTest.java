package dev.ddlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The run+rm pair through the Engine is measured before the same pair through the shell, in a JVM
 * whose JIT has compiled no shell path yet: measured after it, the Engine pair's forks landed in
 * two states (19–20 and 26–30 µs of thread CPU) with the same allocation.
 */
class SimBenchOrderTest {
  @Test
  void the_engine_pair_is_measured_before_the_shell_pair() throws InterruptedException {
    List<String> measured = new ArrayList<>();
    SimBench bench =
        new SimBench(
            new SimBench.Options(
                10,
                1,
                1,
                0,
                0,
                Pattern.compile(
                    Pattern.quote(SimBench.SHELL_PAIR)
                        + "|"
                        + Pattern.quote(SimBench.ENGINE_PAIR))));
    bench.run(f -> measured.add(f.name()));
    assertEquals(List.of(SimBench.ENGINE_PAIR, SimBench.SHELL_PAIR), measured);
  }
}

package dev.ddlab.sim.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArithmeticTest {
  private final Map<String, String> vars = new HashMap<>();

  private long bash(String expr) {
    return Arithmetic.evaluate(expr, Dialect.BASH, vars::get, vars::put);
  }

  @Test
  void operators_follow_c_precedence_and_associativity() {
    assertEquals(11, bash("3 + 4 * 2"));
    assertEquals(14, bash("(3 + 4) * 2"));
    assertEquals(-1, bash("2 - 3"));
    assertEquals(1, bash("10 - 5 - 4"));
    assertEquals(512, bash("2 ** 3 ** 2"));
    assertEquals(0, bash("2 ** 64")); // wraps at 64 bits, as bash does
    assertEquals(1, bash("1 ** 4000000000000000000")); // by squaring: no 4e18-step loop
    assertEquals(1, bash("1 < 2 && 2 <= 2 || 0"));
    assertEquals(6, bash("3 << 1"));
    assertEquals(3, bash("7 & 3"));
    assertEquals(7, bash("4 | 3"));
    assertEquals(100, bash("0 ? 200 : 100"));
    assertEquals(-3, bash("-7 / 2"));
    assertEquals(16, bash("0x10"));
    assertEquals(8, bash("010"));
    assertEquals(0, bash(""));
  }

  @Test
  void variables_are_read_by_name_and_assignments_write_them_back() {
    assertEquals(0, bash("unset_var + 0"));
    vars.put("x", "5");
    assertEquals(10, bash("x * 2"));
    assertEquals(8, bash("x += 3"));
    assertEquals("8", vars.get("x"));
    assertEquals(8, bash("x++"));
    assertEquals("9", vars.get("x"));
    assertEquals(8, bash("--x"));
    vars.put("e", "x + 1");
    assertEquals(9, bash("e"));
  }

  @Test
  void errors_read_as_each_shell_prints_them() {
    Arithmetic.Error e = assertThrows(Arithmetic.Error.class, () -> bash("1 / 0"));
    assertEquals("1 / 0: division by 0 (error token is \"0\")", e.getMessage());
    e =
        assertThrows(
            Arithmetic.Error.class,
            () -> Arithmetic.evaluate("1 % 0", Dialect.ASH, vars::get, vars::put));
    assertEquals("divide by zero", e.getMessage());
    e = assertThrows(Arithmetic.Error.class, () -> bash("1 +"));
    assertEquals("1 +: syntax error: operand expected (error token is \"\")", e.getMessage());
  }
}

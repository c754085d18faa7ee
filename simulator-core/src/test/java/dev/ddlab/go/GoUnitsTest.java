package dev.ddlab.go;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GoUnitsTest {
  @Test
  void ram_sizes_take_binary_suffixes_with_optional_b_or_ib_in_any_case() {
    assertEquals(512L << 20, GoUnits.ramInBytes("512m"));
    assertEquals(512L << 20, GoUnits.ramInBytes("512MB"));
    assertEquals(512L << 20, GoUnits.ramInBytes("512MiB"));
    assertEquals(1L << 30, GoUnits.ramInBytes("1g"));
    assertEquals(1536L << 20, GoUnits.ramInBytes("1.5g"));
    assertEquals(1000, GoUnits.ramInBytes("1000"));
    assertEquals(1000, GoUnits.ramInBytes("1000b"));
    assertEquals(4L << 10, GoUnits.ramInBytes("4 k"));
  }

  @Test
  void ram_size_errors_are_go_units_own() {
    assertEquals(
        "invalid suffix: 'z'",
        assertThrows(IllegalArgumentException.class, () -> GoUnits.ramInBytes("1z")).getMessage());
    assertEquals(
        "invalid suffix: 'mx'",
        assertThrows(IllegalArgumentException.class, () -> GoUnits.ramInBytes("1mx")).getMessage());
    assertEquals(
        "invalid size: 'abc'",
        assertThrows(IllegalArgumentException.class, () -> GoUnits.ramInBytes("abc")).getMessage());
    assertEquals(
        "strconv.ParseFloat: parsing \"1.2.3\": invalid syntax",
        assertThrows(IllegalArgumentException.class, () -> GoUnits.ramInBytes("1.2.3m"))
            .getMessage());
  }
}

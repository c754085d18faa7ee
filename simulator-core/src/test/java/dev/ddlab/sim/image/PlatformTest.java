package dev.ddlab.sim.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.engine.EngineException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformTest {
  @ParameterizedTest
  @CsvSource({
    "linux/amd64, linux/amd64",
    "linux/x86_64, linux/amd64",
    "linux/aarch64, linux/arm64",
    "linux/arm64/v8, linux/arm64",
    "linux/arm, linux/arm/v7",
    "linux/arm/v6, linux/arm/v6",
    "linux/i386, linux/386",
    "windows/amd64, windows/amd64",
  })
  void normalises_like_containerd(String typed, String normal) {
    assertEquals(normal, Platform.parse(typed).toString());
  }

  @ParameterizedTest
  @CsvSource({"'linux/amd64/v1/x'", "'/amd64'", "'linux/AMD-64!'"})
  void rejects_malformed_platforms(String typed) {
    assertThrows(EngineException.class, () -> Platform.parse(typed));
  }

  @org.junit.jupiter.api.Test
  void a_variantless_request_matches_any_variant_of_the_same_architecture() {
    assertTrue(Platform.parse("linux/arm64").matches(Catalogue.ARM64));
    assertFalse(Platform.parse("linux/arm/v6").matches(Catalogue.ARMV7));
    assertFalse(Platform.LINUX_AMD64.matches(Catalogue.WIN_2022));
  }
}

package dev.ddlab.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PathsTest {
  @Test
  void normalizeDropsDotsEmptySegmentsAndTrailingSlashes() {
    assertEquals("/", Paths.normalize("/"));
    assertEquals("/", Paths.normalize(""));
    assertEquals("/a/b", Paths.normalize("a/b/"));
    assertEquals("/a/c", Paths.normalize("/a//b/../c/."));
    assertEquals("/", Paths.normalize("/../.."));
    assertEquals("/.hidden/..x", Paths.normalize("/.hidden/..x"));
  }

  @Test
  void onlyAbsolutePathsWithoutDotOrEmptySegmentsCountAsNormal() {
    assertTrue(Paths.isNormal("/"));
    assertTrue(Paths.isNormal("/usr/local/bin"));
    assertTrue(Paths.isNormal("/.profile/...x/..y"));
    assertFalse(Paths.isNormal(""));
    assertFalse(Paths.isNormal("usr"));
    assertFalse(Paths.isNormal("/usr/"));
    assertFalse(Paths.isNormal("/usr//bin"));
    assertFalse(Paths.isNormal("/usr/./bin"));
    assertFalse(Paths.isNormal("/usr/.."));
  }

  @Test
  void parentAndNameOfNormalAndUntidyPaths() {
    assertEquals("/usr", Paths.parent("/usr/bin"));
    assertEquals("/", Paths.parent("/usr"));
    assertEquals("/", Paths.parent("/"));
    assertEquals("/usr", Paths.parent("/usr/bin/../lib/"));
    assertEquals("lib", Paths.name("/usr/bin/../lib/"));
    assertEquals("/home/ubuntu/x", Paths.resolve("/home/ubuntu", "./x"));
  }
}

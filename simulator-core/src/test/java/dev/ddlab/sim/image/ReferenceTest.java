package dev.ddlab.sim.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ddlab.engine.EngineException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReferenceTest {
  @ParameterizedTest
  @CsvSource({
    "alpine, docker.io/library/alpine:latest, alpine:latest",
    "alpine:3.19, docker.io/library/alpine:3.19, alpine:3.19",
    "library/alpine, docker.io/library/alpine:latest, alpine:latest",
    "docker.io/alpine, docker.io/library/alpine:latest, alpine:latest",
    "index.docker.io/library/redis:alpine, docker.io/library/redis:alpine, redis:alpine",
    "nigelpoulton/tu-demo:v2, docker.io/nigelpoulton/tu-demo:v2, nigelpoulton/tu-demo:v2",
    "gcr.io/google-containers/git-sync:v3.1.5, gcr.io/google-containers/git-sync:v3.1.5,"
        + " gcr.io/google-containers/git-sync:v3.1.5",
    "mcr.microsoft.com/powershell, mcr.microsoft.com/powershell:latest,"
        + " mcr.microsoft.com/powershell:latest",
    "localhost:5000/app, localhost:5000/app:latest, localhost:5000/app:latest",
    "localhost/app:1, localhost/app:1, localhost/app:1",
    "my_repo/a.b-c__d:V1.0_x, docker.io/my_repo/a.b-c__d:V1.0_x, my_repo/a.b-c__d:V1.0_x",
  })
  void normalises_like_docker(String typed, String full, String familiar) {
    Reference r = Reference.parseWithDefaultTag(typed);
    assertEquals(full, r.toString());
    assertEquals(familiar, r.familiarString());
  }

  @ParameterizedTest
  @CsvSource({
    "alpine@sha256:02bb6f428431fbc2809c5d1b41eab5a68350194fb508869a33cb1af4444c9b11,"
        + " docker.io/library/alpine@sha256:02bb6f428431fbc2809c5d1b41eab5a68350194fb508869a33cb1af4444c9b11",
    "alpine:3.19@sha256:02bb6f428431fbc2809c5d1b41eab5a68350194fb508869a33cb1af4444c9b11,"
        + " docker.io/library/alpine:3.19@sha256:02bb6f428431fbc2809c5d1b41eab5a68350194fb508869a33cb1af4444c9b11",
  })
  void keeps_digests_and_adds_no_default_tag_to_them(String typed, String full) {
    assertEquals(full, Reference.parseWithDefaultTag(typed).toString());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Alpine | invalid reference format: repository name (library/Alpine) must be lowercase",
        "NOSUCH | invalid reference format: repository name (library/NOSUCH) must be lowercase",
        "nigelpoulton/Tu-demo:v1 | invalid reference format: repository name"
            + " (nigelpoulton/Tu-demo) must be lowercase",
        "alpine: | invalid reference format",
        "foo:Bad:tag | invalid reference format",
        "alpine:-x | invalid reference format",
        "-alpine | invalid reference format",
        "a//b | invalid reference format",
        "alpine@sha256:abc | invalid reference format",
        "alpine@sha256:0123456789abcdef0123456789abcdef | invalid checksum digest length",
        "'' | invalid reference format",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef | invalid repository"
            + " name (0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef), cannot"
            + " specify 64-byte hexadecimal strings",
      })
  void rejects_what_docker_rejects_with_its_message(String typed, String message) {
    EngineException e = assertThrows(EngineException.class, () -> Reference.parse(typed));
    assertEquals(message, e.getMessage());
    assertEquals(400, e.status());
  }
}

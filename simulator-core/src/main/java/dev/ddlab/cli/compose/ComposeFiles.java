package dev.ddlab.cli.compose;

import dev.ddlab.cli.command.CliException;
import dev.ddlab.cli.compose.types.Project;
import dev.ddlab.cli.compose.types.Project.FileObject;
import dev.ddlab.cli.compose.types.Project.FileRef;
import dev.ddlab.cli.compose.types.Project.Service;
import dev.ddlab.engine.Engine;
import dev.ddlab.engine.dto.Mount;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A service's secrets and configs as compose (not swarm) gives them to a container
 * (buildContainerSecretMounts, buildContainerConfigMounts, injectSecrets): a {@code file:} source
 * is bind-mounted read-only at its target ({@code /run/secrets/NAME} for a secret, {@code /NAME}
 * for a config, a relative target under those); an {@code environment:} or {@code content:} source
 * is copied into the created container as a file of mode 0444 before it starts. External ones are
 * swarm's only.
 */
final class ComposeFiles {
  private ComposeFiles() {}

  private static final String SECRETS_DIR = "/run/secrets/";

  /** The read-only bind mounts of the service's file-backed secrets and configs. */
  static List<Mount> mounts(Project p, Service s, Consumer<String> warnings) {
    Map<String, Mount> byTarget = new TreeMap<>();
    each(
        p,
        s,
        warnings,
        (ref, def, target) -> {
          if (def.file() != null) {
            byTarget.put(target, new Mount("bind", def.file(), target, true));
          }
        });
    return new ArrayList<>(byTarget.values());
  }

  /** Copies the environment- and content-backed ones into the created container {@code id}. */
  static void inject(Engine engine, Project p, Service s, String id) {
    each(
        p,
        s,
        m -> {},
        (ref, def, target) -> {
          String value;
          if (def.environment() != null) {
            value = p.environment().get(def.environment());
            if (value == null) {
              throw new CliException(
                  "environment variable \""
                      + def.environment()
                      + "\" required by "
                      + (isSecret(p, def) ? "secret" : "config")
                      + " \""
                      + name(p, def)
                      + "\" is not set",
                  1);
            }
          } else if (def.content() != null) {
            value = def.content();
          } else {
            return;
          }
          long millis = engine.system().nowNanos() / 1_000_000;
          engine.containers().putArchive(id, "/", tar(target, value, ref.mode(), millis));
        });
  }

  private interface Each {
    void accept(FileRef ref, FileObject def, String target);
  }

  private static void each(Project p, Service s, Consumer<String> warnings, Each action) {
    for (FileRef r : s.secrets()) {
      visit(p, p.secrets().get(r.source()), r, SECRETS_DIR, "secret", warnings, action);
    }
    for (FileRef r : s.configs()) {
      visit(p, p.configs().get(r.source()), r, "/", "config", warnings, action);
    }
  }

  private static void visit(
      Project p,
      FileObject def,
      FileRef r,
      String dir,
      String kind,
      Consumer<String> warnings,
      Each action) {
    if (def == null) {
      return;
    }
    String target = r.target() == null || r.target().isEmpty() ? dir + r.source() : r.target();
    if (!target.startsWith("/")) {
      target = dir + target;
    }
    if (r.uid() != null || r.gid() != null || r.mode() != null) {
      warnings.accept(
          (kind.equals("secret") ? "secrets" : "config")
              + " `uid`, `gid` and `mode` are not supported, they will be ignored");
    }
    if (def.external()) {
      throw new CliException("unsupported external " + kind + " " + name(p, def), 1);
    }
    action.accept(r, def, target);
  }

  private static boolean isSecret(Project p, FileObject def) {
    return p.secrets().get(def.key()) == def;
  }

  /** compose-go's name: given, else the key for an external one, else {@code <project>_<key>}. */
  static String name(Project p, FileObject def) {
    if (def.name() != null) {
      return def.name();
    }
    return def.external() ? def.key() : p.name() + "_" + def.key();
  }

  /** One file at {@code path}, of mode {@code mode} (0444 by default), owned by root. */
  private static byte[] tar(String path, String value, Integer mode, long millis) {
    byte[] data = value.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      TarArchiveEntry e = new TarArchiveEntry(path.substring(1));
      e.setSize(data.length);
      e.setMode(mode == null ? 0444 : mode);
      e.setModTime(millis); // compose stamps time.Now(): here the engine's clock
      tar.putArchiveEntry(e);
      tar.write(data);
      tar.closeArchiveEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}

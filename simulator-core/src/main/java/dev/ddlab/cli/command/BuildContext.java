package dev.ddlab.cli.command;

import dev.ddlab.dockerfile.DockerIgnore;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.Paths;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A build context as the client sends it with {@code POST /build}: the context directory read from
 * the client's filesystem as a tar, filtered by its {@code .dockerignore} (the Dockerfile and the
 * ignore file always go), with the Dockerfile's path inside the tar. A Dockerfile outside the
 * context travels in the tar under a generated name, as the CLI does. Used by {@code docker build}
 * and by compose's {@code build:}.
 *
 * @param tar the context as a tar stream
 * @param dockerfile the Dockerfile's path inside the tar (the API's {@code dockerfile} parameter)
 * @param dockerfileName the Dockerfile's file name, as error excerpts print it
 * @param dockerfileText the Dockerfile's text, or null when there is none at that path
 */
public record BuildContext(
    byte[] tar, String dockerfile, String dockerfileName, String dockerfileText) {

  /**
   * Reads the context {@code contextArg} (relative to {@code workingDir}) with the Dockerfile
   * {@code file} (relative to {@code workingDir}; {@code null} for {@code PATH/Dockerfile}).
   *
   * @throws CliException with the CLI's "ERROR: unable to prepare context: …" text
   */
  public static BuildContext pack(
      FileSystem fs, String workingDir, String contextArg, String file) {
    if (contextArg.equals("-") || contextArg.contains("://") || contextArg.startsWith("git@")) {
      throw new CliException(
          "ERROR: unable to prepare context: only a local directory can be the context here");
    }
    if (fs == null) {
      throw new CliException("ERROR: unable to prepare context: no local filesystem on this node");
    }
    String dir = Paths.resolve(workingDir, contextArg);
    if (!fs.exists(dir)) {
      throw new CliException(
          "ERROR: unable to prepare context: path \"" + contextArg + "\" not found");
    }
    if (!fs.isDirectory(dir)) {
      throw new CliException(
          "ERROR: unable to prepare context: context must be a directory: " + dir);
    }
    String dfPath =
        file == null ? Paths.resolve(dir, "Dockerfile") : Paths.resolve(workingDir, file);
    String prefix = dir.equals("/") ? "/" : dir + "/";
    Map<String, byte[]> extra = new LinkedHashMap<>();
    String dfText =
        fs.exists(dfPath) && !fs.isDirectory(dfPath)
            ? new String(fs.read(dfPath), StandardCharsets.UTF_8)
            : null;
    String inContext;
    if (dfPath.startsWith(prefix)) {
      inContext = dfPath.substring(prefix.length());
    } else if (dfText != null) {
      inContext = ".dockerfile." + Integer.toHexString(dfPath.hashCode());
      extra.put(inContext, dfText.getBytes(StandardCharsets.UTF_8));
    } else {
      throw new CliException("ERROR: resolve : lstat " + file + ": no such file or directory");
    }
    String ignorePath = prefix + ".dockerignore";
    DockerIgnore ignore =
        fs.exists(ignorePath)
            ? DockerIgnore.read(new String(fs.read(ignorePath), StandardCharsets.UTF_8))
            : DockerIgnore.NONE;
    String keep = inContext;
    byte[] tar =
        Tars.context(
            fs,
            dir,
            p -> !p.equals(keep) && !p.equals(".dockerignore") && ignore.excluded(p),
            extra);
    return new BuildContext(tar, inContext, Paths.name(dfPath), dfText);
  }
}

package dev.ddlab.bridge.guard;

import static dev.ddlab.bridge.guard.GuardSession.refused;

import dev.ddlab.engine.BuildsApi;
import dev.ddlab.engine.dto.BuildCachePruneResponse;
import dev.ddlab.engine.dto.BuildMessage;
import dev.ddlab.engine.dto.BuildRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * /build on a shared daemon. A build is a container run by the daemon, so the guard decides before
 * it starts: the context is at most {@link #MAX_CONTEXT} bytes (read whole, then sent); RUN steps
 * may not use the host's network ({@code --network host}, the {@code network.host} entitlement) nor
 * run privileged ({@code security.insecure}); secrets may not be read from the daemon host's files
 * ({@code --secret src=…}). Tags follow the image rules (a shared or another session's tag is
 * refused, a new tag becomes the session's) and the image carries the session label. {@code builder
 * prune} is refused: the build cache is shared by every session.
 */
final class GuardedBuilds implements BuildsApi {
  /** The largest context a session may send (Play with Docker's upload limit was 100 MB). */
  static final long MAX_CONTEXT = 100L * 1024 * 1024;

  private final GuardSession session;

  GuardedBuilds(GuardSession session) {
    this.session = session;
  }

  @Override
  public void build(BuildRequest req, InputStream context, Consumer<BuildMessage> progress) {
    if ("host".equals(req.networkMode()) || req.entitlements().contains("network.host")) {
      throw refused(
          "--network host bị chặn: các lệnh RUN của build sẽ dùng thẳng mạng của máy chủ.");
    }
    if (req.entitlements().contains("security.insecure")) {
      throw refused(
          "--allow security.insecure bị chặn: RUN --security=insecure chạy với toàn quyền trên"
              + " máy chủ.");
    }
    for (String secret : req.secrets()) {
      if (secret.contains("src=") || secret.contains("source=") || secret.contains("env=")) {
        throw refused(
            "--secret "
                + secret
                + " bị chặn: build không được đọc tệp hay biến môi trường của máy chủ dùng chung.");
      }
    }
    byte[] bytes;
    try {
      bytes = context.readNBytes((int) MAX_CONTEXT + 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (bytes.length > MAX_CONTEXT) {
      throw refused(
          "build context lớn hơn 100MB: hãy thêm .dockerignore để bỏ các thư mục không cần"
              + " (node_modules, .git …).");
    }
    req.tags().forEach(session::checkTagWrite);
    Map<String, String> labels = new LinkedHashMap<>(req.labels());
    labels.put(GuardedEngine.SESSION_LABEL, session.id());
    BuildRequest guarded =
        req.toBuilder()
            .labels(labels)
            .remove(true)
            .extraHosts(List.of())
            .secrets(List.of())
            .entitlements(List.of())
            .outputs(req.outputs(), Map.of())
            .build();
    session.inner.builds().build(guarded, new ByteArrayInputStream(bytes), progress);
    req.tags().forEach(session::claimTag);
  }

  @Override
  public BuildCachePruneResponse prune(
      boolean all, long keepStorage, Map<String, List<String>> filters) {
    throw refused(
        "docker builder prune bị chặn: build cache của máy chủ dùng chung là của mọi phiên.");
  }
}

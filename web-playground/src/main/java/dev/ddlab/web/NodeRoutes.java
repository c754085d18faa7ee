package dev.ddlab.web;

import dev.ddlab.fs.FileNode;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.FsException;
import dev.ddlab.fs.Paths;
import dev.ddlab.session.HttpAnswer;
import dev.ddlab.session.NodeBackend;
import dev.ddlab.session.PortUnreachable;
import dev.ddlab.web.session.LimitException;
import dev.ddlab.web.session.SessionManager;
import dev.ddlab.web.session.WebSession;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * What the page does on a node beyond its terminal: the small editor (read and save a file of the
 * node's host filesystem), uploads, and the port chips — the HTTP answer of whatever listens on a
 * published port. All of it goes through the node's {@link NodeBackend}: a simulated node's own
 * files and network, or, in front of a real engine, the learner's client files and the real
 * published port of the session's own container (through the guard).
 */
final class NodeRoutes {
  static final String HOME = "/home/ubuntu";
  private final SessionManager sessions;
  private final Function<Context, WebSession> current;

  NodeRoutes(SessionManager sessions, Function<Context, WebSession> current) {
    this.sessions = sessions;
    this.current = current;
  }

  void register(RoutesConfig r) {
    r.get("/api/nodes/{node}/files", this::list);
    r.get("/api/nodes/{node}/file", this::read);
    r.put("/api/nodes/{node}/file", this::write);
    r.post("/api/nodes/{node}/upload", this::upload);
    // the app's relative links need the trailing slash (Javalin matches both forms here)
    r.get(
        "/s/{session}/n/{node}/p/{port}",
        ctx -> {
          if (ctx.path().endsWith("/")) {
            proxy(ctx);
          } else {
            ctx.redirect(ctx.path() + "/");
          }
        });
    r.get("/s/{session}/n/{node}/p/{port}/<path>", this::proxy);
    r.exception(
        FsException.class,
        (e, ctx) ->
            ctx.status(e.errno() == FsException.Errno.ENOENT ? 404 : 400)
                .json(
                    Map.of(
                        "error", e.errno().name(), "message", e.path() + ": " + e.getMessage())));
  }

  private void list(Context ctx) {
    String dir = path(ctx, HOME);
    List<Map<String, Object>> out =
        onHost(
            ctx,
            fs -> {
              List<Map<String, Object>> entries = new ArrayList<>();
              for (String name : fs.list(dir)) {
                String p = Paths.resolve(dir, name);
                FileNode n = fs.lstat(p).orElse(null);
                if (n != null) {
                  entries.add(
                      Map.of("name", name, "path", p, "dir", n.isDirectory(), "size", n.size()));
                }
              }
              return entries;
            });
    ctx.json(Map.of("path", dir, "entries", out));
  }

  private void read(Context ctx) {
    String p = path(ctx, null);
    int max = sessions.config().maxUploadBytes();
    byte[] data =
        onHost(
            ctx,
            fs -> {
              FileNode n =
                  fs.stat(p).orElseThrow(() -> new FsException(FsException.Errno.ENOENT, p));
              if (n.isDirectory()) {
                throw new FsException(FsException.Errno.EISDIR, p);
              }
              if (n.size() > max) {
                throw new LimitException(
                    "Tệp lớn hơn " + max / 1024 + " KB, trình soạn thảo không mở được.");
              }
              return fs.read(p);
            });
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(data)).toString();
    } catch (CharacterCodingException e) {
      throw new LimitException("Đây là tệp nhị phân, trình soạn thảo chỉ mở tệp văn bản.");
    }
    ctx.json(Map.of("path", p, "text", text));
  }

  private void write(Context ctx) {
    String p = path(ctx, null);
    byte[] body = ctx.bodyAsBytes();
    save(ctx, p, body);
    ctx.status(HttpStatus.NO_CONTENT);
  }

  private void upload(Context ctx) throws IOException {
    String dir = path(ctx, HOME);
    List<String> saved = new ArrayList<>();
    for (UploadedFile f : ctx.uploadedFiles()) {
      String name = Paths.name("/" + f.filename());
      if (name.isEmpty() || name.equals("..")) {
        continue;
      }
      try (InputStream in = f.content()) {
        byte[] data = in.readNBytes(sessions.config().maxUploadBytes() + 1);
        String p = Paths.resolve(dir, name);
        save(ctx, p, data);
        saved.add(p);
      }
    }
    if (saved.isEmpty()) {
      throw new LimitException("Không có tệp nào được gửi lên.");
    }
    ctx.status(HttpStatus.CREATED).json(Map.of("saved", saved));
  }

  private void save(Context ctx, String p, byte[] data) {
    int max = sessions.config().maxUploadBytes();
    if (data.length > max) {
      throw new LimitException("Tệp lớn hơn giới hạn " + max / 1024 + " KB mỗi tệp.");
    }
    onHost(
        ctx,
        fs -> {
          fs.write(p, data, false);
          return null;
        });
  }

  private void proxy(Context ctx) {
    WebSession s =
        sessions
            .byId(ctx.pathParam("session"))
            .orElseThrow(() -> new NoSuchElementException("Phiên này không còn."));
    String node = ctx.pathParam("node");
    int port;
    try {
      port = Integer.parseInt(ctx.pathParam("port"));
    } catch (NumberFormatException e) {
      throw new NoSuchElementException("Cổng không hợp lệ.");
    }
    String rest = ctx.pathParamMap().getOrDefault("path", "");
    String target = "/" + rest + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
    HttpAnswer answer;
    try {
      answer = s.withLock(() -> node(s, node).publishedPort(port, target));
    } catch (PortUnreachable e) {
      ctx.status(HttpStatus.BAD_GATEWAY)
          .html(
              Pages.problem(
                  "Không kết nối được cổng " + port,
                  "Trên "
                      + node
                      + " không có gì nghe ở cổng "
                      + port
                      + " ("
                      + e.getMessage()
                      + "). Kiểm tra container còn chạy và cổng đã publish (docker ps)."));
      return;
    }
    ctx.status(answer.status());
    answer
        .headers()
        .forEach(
            (k, v) -> {
              if (!k.equalsIgnoreCase("Content-Length") && !k.equalsIgnoreCase("Connection")) {
                ctx.header(k, v);
              }
            });
    ctx.result(answer.body());
  }

  private <T> T onHost(Context ctx, Function<FileSystem, T> action) {
    WebSession s = current.apply(ctx);
    String node = ctx.pathParam("node");
    return s.withLock(() -> action.apply(node(s, node).hostFs()));
  }

  private static NodeBackend node(WebSession s, String node) {
    if (!s.nodes().contains(node)) {
      throw new NoSuchElementException("Không có node " + node + ".");
    }
    return s.rawNode(node);
  }

  private static String path(Context ctx, String fallback) {
    String p = ctx.queryParam("path");
    if (p == null || p.isBlank()) {
      if (fallback == null) {
        throw new LimitException("Thiếu đường dẫn tệp (path).");
      }
      p = fallback;
    }
    return Paths.resolve(HOME, p);
  }
}

package dev.ddlab.bridge.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddlab.bridge.api.ContainerRouter.Opened;
import dev.ddlab.engine.EngineException;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Attach and exec start asking to upgrade the connection ("Upgrade: tcp") are taken here, before
 * Javalin (whose async request cycle cannot hand a connection over): the attachment is opened, the
 * answer is "101 UPGRADED", and {@link Hijack} pumps the raw connection, as dockerd's hijacking
 * does. Everything else passes on.
 */
final class HijackFilter implements Filter {
  private static final Pattern HIJACKED =
      Pattern.compile("^(?:/v1\\.\\d+)?/(?:containers/([^/]+)/attach|exec/([^/]+)/start)/?$");

  private final Backend backend;
  private final ContainerRouter containers;
  private final ExecRouter exec;

  HijackFilter(Backend backend, ContainerRouter containers, ExecRouter exec) {
    this.backend = backend;
    this.containers = containers;
    this.exec = exec;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (req instanceof HttpServletRequest http
        && res instanceof HttpServletResponse answer
        && hijack(http, answer)) {
      return;
    }
    chain.doFilter(req, res);
  }

  /**
   * @return false when the request is not one to hijack
   */
  private boolean hijack(HttpServletRequest req, HttpServletResponse res)
      throws IOException, ServletException {
    String upgrade = req.getHeader("Upgrade");
    Matcher m = HIJACKED.matcher(req.getRequestURI());
    if (!"POST".equals(req.getMethod())
        || upgrade == null
        || !upgrade.equalsIgnoreCase("tcp")
        || !m.matches()) {
      return false;
    }
    res.setHeader("Api-Version", backend.apiVersion());
    Opened opened;
    try {
      if (m.group(1) != null) {
        String id = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
        String stdin = req.getParameter("stdin");
        opened = containers.openAttach(id, "1".equals(stdin) || "true".equalsIgnoreCase(stdin));
      } else {
        // exactly the body's bytes: reading on to the end of the request's input keeps Jetty from
        // handing the connection over (the client's stdin was then parsed as a new request: 400).
        // A chunked body ends at its last chunk, where Jetty's input ends: read it whole
        int length = req.getContentLength();
        boolean chunked = "chunked".equalsIgnoreCase(req.getHeader("Transfer-Encoding"));
        byte[] bytes =
            length > 0
                ? req.getInputStream().readNBytes(length)
                : chunked ? req.getInputStream().readAllBytes() : new byte[0];
        JsonNode body = bytes.length == 0 ? null : Json.MAPPER.readTree(bytes);
        opened = exec.openStart(m.group(2), body);
      }
    } catch (EngineException e) {
      res.setStatus(EngineApiServer.httpStatus(e));
      res.setContentType("application/json");
      res.getOutputStream().write(Json.bytes(java.util.Map.of("message", e.getMessage())));
      return true;
    }
    res.setStatus(101);
    res.setHeader("Content-Type", AttachPump.contentType(opened.tty()));
    res.setHeader("Connection", "Upgrade");
    res.setHeader("Upgrade", "tcp");
    req.upgrade(Hijack.class)
        .pump(new AttachPump(opened.attachment(), backend.lock(), !opened.tty()));
    return true;
  }
}

package dev.ddlab.bridge.api;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * One entry of a router's table: a method, a path (without the {@code /v1.xx} prefix; the server
 * registers both forms) and the handler (moby {@code api/server/router/local.go}).
 */
record Route(HandlerType method, String path, Handler handler) {
  static Route get(String path, Handler handler) {
    return new Route(HandlerType.GET, path, handler);
  }

  static Route head(String path, Handler handler) {
    return new Route(HandlerType.HEAD, path, handler);
  }

  static Route post(String path, Handler handler) {
    return new Route(HandlerType.POST, path, handler);
  }

  static Route put(String path, Handler handler) {
    return new Route(HandlerType.PUT, path, handler);
  }

  static Route delete(String path, Handler handler) {
    return new Route(HandlerType.DELETE, path, handler);
  }
}

package dev.ddlab.bridge.api;

import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;

/**
 * The connection after "101 UPGRADED" (attach, exec start): the servlet container hands over the
 * raw streams and a thread pumps them until the process ends, as the daemon's hijacked connection
 * does.
 */
public final class Hijack implements HttpUpgradeHandler {
  private volatile AttachPump pump;

  /** Jetty instantiates upgrade handlers itself; the route sets the pump right after. */
  public Hijack() {}

  void pump(AttachPump pump) {
    this.pump = pump;
  }

  @Override
  public void init(WebConnection connection) {
    Thread t =
        new Thread(
            () -> {
              try (connection) {
                pump.run(connection.getInputStream(), connection.getOutputStream());
              } catch (Exception e) {
                // connection already gone
              }
            },
            "ddlab-api-hijack");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void destroy() {}
}

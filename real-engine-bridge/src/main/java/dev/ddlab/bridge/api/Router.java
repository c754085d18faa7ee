package dev.ddlab.bridge.api;

import java.util.List;

/**
 * One API group (system, containers, exec, images, networks, volumes) as a table of routes pointing
 * at small handler methods, as moby's {@code api/server/router/*} packages are.
 */
interface Router {
  List<Route> routes();
}

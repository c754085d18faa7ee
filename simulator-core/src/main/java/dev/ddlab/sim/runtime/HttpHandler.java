package dev.ddlab.sim.runtime;

/** A listening socket of a simulated server process: answers one request at a time. */
@FunctionalInterface
public interface HttpHandler {
  HttpResponse handle(HttpRequest request);
}

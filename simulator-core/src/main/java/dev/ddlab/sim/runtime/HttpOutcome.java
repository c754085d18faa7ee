package dev.ddlab.sim.runtime;

import java.util.function.Supplier;

/**
 * What one HTTP exchange came to: the response, or the failure as the client sees it, and the
 * virtual time the exchange took on the wire (a caller answers after that much time has passed).
 */
public record HttpOutcome(HttpResponse response, NetException failure, long elapsedNanos) {
  public static HttpOutcome ok(HttpResponse response, long elapsedNanos) {
    return new HttpOutcome(response, null, elapsedNanos);
  }

  public static HttpOutcome failed(NetException failure) {
    return new HttpOutcome(null, failure, failure.elapsedNanos());
  }

  /** The outcome of a call that answers at once (no time of its own). */
  public static HttpOutcome of(Supplier<HttpResponse> call) {
    try {
      return ok(call.get(), 0);
    } catch (NetException e) {
      return failed(e);
    }
  }

  /** The response, or the failure thrown. */
  public HttpResponse orThrow() {
    if (failure != null) {
      throw failure;
    }
    return response;
  }
}

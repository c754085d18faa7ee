package dev.ddlab.engine;

/**
 * An error answered by a Docker daemon: the HTTP status of the Engine API and the daemon's own
 * message text, exactly as the docker CLI would print it after "Error response from daemon: ".
 *
 * <p>Status 0 means no daemon answered at all; its message is the CLI's own "Cannot connect to the
 * Docker daemon …" text, which the CLI prints without the "Error response from daemon" prefix.
 */
public class EngineException extends RuntimeException {
  public static final int NOT_CONNECTED = 0;

  private final int status;

  public EngineException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public boolean isNotFound() {
    return status == 404;
  }

  public boolean isConflict() {
    return status == 409;
  }

  public boolean isNotConnected() {
    return status == NOT_CONNECTED;
  }

  public static EngineException notFound(String message) {
    return new EngineException(404, message);
  }

  public static EngineException conflict(String message) {
    return new EngineException(409, message);
  }

  public static EngineException badRequest(String message) {
    return new EngineException(400, message);
  }

  public static EngineException serverError(String message) {
    return new EngineException(500, message);
  }

  /** The docker CLI's text when the socket does not answer. */
  public static EngineException cannotConnect(String host) {
    return new EngineException(
        NOT_CONNECTED,
        "Cannot connect to the Docker daemon at " + host + ". Is the docker daemon running?");
  }
}

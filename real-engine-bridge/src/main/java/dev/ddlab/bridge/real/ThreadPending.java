package dev.ddlab.bridge.real;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.Pending;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A blocking daemon request (a wait, a stop) run on its own daemon thread, so that the caller can
 * send several at once as docker/cli's goroutines do, and wait for them in real time.
 */
final class ThreadPending<T> implements Pending<T> {
  private final CompletableFuture<T> future = new CompletableFuture<>();
  private final Thread thread;

  ThreadPending(String name, Supplier<T> call) {
    this.thread =
        new Thread(
            () -> {
              try {
                future.complete(call.get());
              } catch (RuntimeException e) {
                future.completeExceptionally(e);
              }
            },
            name);
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public boolean isDone() {
    return future.isDone();
  }

  @Override
  public T get() {
    if (!future.isDone()) {
      throw new IllegalStateException("no answer yet");
    }
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new EngineException(500, String.valueOf(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean await(Duration max) {
    try {
      future.get(max.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return future.isDone();
    }
    return true;
  }

  @Override
  public void cancel() {
    // the request stays with the daemon until it answers; its answer is dropped
    future.cancel(false);
    thread.interrupt();
  }
}

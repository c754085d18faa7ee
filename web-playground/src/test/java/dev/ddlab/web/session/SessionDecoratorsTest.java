package dev.ddlab.web.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.events.EventBus;
import dev.ddlab.introspect.Introspection;
import dev.ddlab.session.ForwardingSession;
import dev.ddlab.session.NetworkFaults;
import dev.ddlab.session.RecordingSession;
import dev.ddlab.session.Session;
import dev.ddlab.web.PlaygroundConfig;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every decorator of {@link Session} (the recording, the playground's locked and current views)
 * passes each method of the interface on to the session it wraps: one that answered a method itself
 * (a default such as {@code echoes} answering true, {@code unshownOutput} nothing) would leave its
 * callers with a session that looks idle. A method added to {@code Session} fails here until {@link
 * ForwardingSession} passes it on.
 */
class SessionDecoratorsTest {
  /** The calls the wrapped session received, by method name. */
  private final List<String> calls = new ArrayList<>();

  private final EventBus bus = new EventBus();

  /** A session that notes each call and answers with a harmless value of the return type. */
  private final Session inner =
      (Session)
          Proxy.newProxyInstance(
              Session.class.getClassLoader(),
              new Class<?>[] {Session.class},
              (proxy, m, args) -> {
                calls.add(m.getName());
                return answer(m);
              });

  private Object answer(Method m) {
    Class<?> t = m.getReturnType();
    if (m.getName().equals("nodes")) {
      return List.of("n");
    }
    if (t == String.class) {
      return "";
    } else if (t == List.class) {
      return List.of();
    } else if (t == boolean.class) {
      return false;
    } else if (t == int.class) {
      return 0;
    } else if (t == long.class) {
      return 0L;
    } else if (t == Instant.class) {
      return Instant.EPOCH;
    } else if (t == EventBus.class) {
      return bus;
    } else if (t == NetworkFaults.class) {
      return NetworkFaults.NONE;
    } else if (t == Introspection.class) {
      return Introspection.NONE;
    } else if (t.isInterface()) {
      // an engine, a node's backend: answering every call harmlessly too, noting nothing
      return Proxy.newProxyInstance(
          t.getClassLoader(), new Class<?>[] {t}, (proxy, call, args) -> answer(call));
    }
    return null;
  }

  private static Object argument(Class<?> type) {
    if (type == String.class) {
      return "n";
    } else if (type == int.class) {
      return 24;
    } else if (type == Duration.class) {
      return Duration.ofSeconds(1);
    }
    throw new AssertionError("no test argument for " + type);
  }

  /**
   * Calls each method of {@code Session} on {@code decorator} and lists the ones {@link #inner} did
   * not receive, but for {@code kept}: methods the decorator answers on purpose.
   */
  private List<String> dropped(Session decorator, Set<String> kept) throws Exception {
    List<String> dropped = new ArrayList<>();
    for (Method m : Session.class.getMethods()) {
      if (Modifier.isStatic(m.getModifiers()) || kept.contains(m.getName())) {
        continue;
      }
      Object[] args = new Object[m.getParameterCount()];
      for (int i = 0; i < args.length; i++) {
        args[i] = argument(m.getParameterTypes()[i]);
      }
      calls.clear();
      try {
        m.invoke(decorator, args);
      } catch (InvocationTargetException e) {
        throw new AssertionError(decorator.getClass().getSimpleName() + "." + m.getName(), e);
      }
      if (!calls.contains(m.getName())) {
        dropped.add(decorator.getClass().getSimpleName() + " drops Session." + m.getName());
      }
    }
    return dropped;
  }

  @Test
  void the_forwarding_base_and_the_recording_pass_every_method_on() throws Exception {
    Session bare =
        new ForwardingSession() {
          @Override
          protected Session delegate() {
            return inner;
          }
        };
    assertEquals(List.of(), dropped(bare, Set.of()));
    assertEquals(List.of(), dropped(new RecordingSession(inner), Set.of()));
  }

  @Test
  void the_playgrounds_locked_and_current_views_pass_every_method_on_but_close() throws Exception {
    WebSession web =
        new WebSession(
            "id",
            "secret",
            inner,
            "sim",
            PlaygroundConfig.defaults(),
            (terminal, session, node) -> {},
            List.of(),
            Instant.EPOCH,
            null);
    try {
      // a terminal program or a panel cannot end the visitor's session
      assertEquals(List.of(), dropped(web.session(), Set.of("close")));
      assertEquals(List.of(), dropped(new CurrentSession(() -> inner), Set.of("close")));
    } finally {
      web.close("test");
    }
  }
}

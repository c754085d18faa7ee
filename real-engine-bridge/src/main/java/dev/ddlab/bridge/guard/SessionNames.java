package dev.ddlab.bridge.guard;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ddlab.engine.Attachment;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.Pending;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per-session names on a shared daemon (guard.md, "Names"): a class follows one course, so thirty
 * learners type {@code docker run --name web} and {@code docker network create net1}. The daemon
 * gets {@code <name>.<suffix>} for every container, network and volume a session names ({@link
 * #real}), where the suffix is the session's own ({@code .ddlab-} and 8 hex digits of its ID's
 * SHA-256: Docker's name grammar {@code [a-zA-Z0-9][a-zA-Z0-9_.-]+} allows it, and the embedded DNS
 * still answers the name, since the guard adds it as an alias on the session's networks); every
 * answer the session reads has the suffix taken out ({@link #shown}), wherever it is: names, map
 * keys (NetworkSettings.Networks), NetworkMode, links, mount sources and mountpoints, events'
 * attributes, error texts. A container without {@code --name} is named by the guard ({@code
 * GuardedContainers}), so it has the suffix too; an anonymous volume keeps the daemon's 64 hex
 * digits (the session adopts it by name). Image tags are not virtualised: they are shared by design
 * (guard.md item 10).
 */
final class SessionNames {
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** Answers that are streams or handles, passed on as they are. */
  private static final Set<Class<?>> OPAQUE =
      Set.of(Attachment.class, Pending.class, AutoCloseable.class);

  private final String suffix;

  SessionNames(String sessionId) {
    this.suffix = ".ddlab-" + hash(sessionId);
  }

  private static String hash(String id) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What the daemon's names of this session end with. */
  String suffix() {
    return suffix;
  }

  /** The daemon's name for the session's {@code name} (null or empty: the daemon chooses one). */
  String real(String name) {
    if (name == null || name.isEmpty()) {
      return name;
    }
    String bare = name.startsWith("/") ? name.substring(1) : name;
    return bare.endsWith(suffix) ? bare : bare + suffix;
  }

  /** {@code text} as the session reads it: without its suffix. */
  String shown(String text) {
    return text == null || !text.contains(suffix) ? text : text.replace(suffix, "");
  }

  /**
   * Whether a {@code name=} filter matches an object the daemon calls {@code daemonName}, as moby's
   * {@code filters.Args.Match} does, on the name the session reads: one of {@code wanted} equals it
   * or is a Go regular expression found in it (with and without a container's leading "/"; a bad
   * expression matches nothing). Matched here rather than by the daemon, where every name ends with
   * the suffix: {@code ^web$} would miss and {@code ddlab} would match everything.
   */
  boolean nameMatches(java.util.Collection<String> wanted, String daemonName) {
    String shown = shown(daemonName);
    String bare = shown.startsWith("/") ? shown.substring(1) : shown;
    for (String w : wanted) {
      if (w.equals(shown)
          || w.equals(bare)
          || dev.ddlab.go.GoRegexp.matchString(w, shown)
          || dev.ddlab.go.GoRegexp.matchString(w, bare)) {
        return true;
      }
    }
    return false;
  }

  /** {@code filters} without {@code name}, which {@link #nameMatches} applies. */
  static Map<String, List<String>> withoutName(Map<String, List<String>> filters) {
    Map<String, List<String>> rest = new java.util.LinkedHashMap<>(filters);
    rest.remove("name");
    return rest;
  }

  /** An error as the session reads it. */
  EngineException shown(EngineException e) {
    String message = e.getMessage();
    if (message == null || !message.contains(suffix)) {
      return e;
    }
    EngineException out = new EngineException(e.status(), shown(message));
    out.setStackTrace(e.getStackTrace());
    return out;
  }

  /**
   * A DTO (or a list or map of them) as the session reads it: every text and key without suffix.
   */
  @SuppressWarnings("unchecked")
  <T> T shown(T value) {
    return value == null ? null : (T) shown(value, value.getClass());
  }

  private Object shown(Object value, Type type) {
    if (value == null) {
      return null;
    }
    if (value instanceof String s) {
      return shown(s);
    }
    JsonNode tree = JSON.valueToTree(value);
    if (!tree.toString().contains(suffix)) {
      return value;
    }
    try {
      return JSON.readerFor(JSON.constructType(type)).readValue(strip(tree));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode strip(JsonNode node) {
    if (node.isTextual()) {
      return TextNode.valueOf(shown(node.asText()));
    }
    if (node instanceof ArrayNode array) {
      ArrayNode out = JSON.createArrayNode();
      array.forEach(e -> out.add(strip(e)));
      return out;
    }
    if (node instanceof ObjectNode object) {
      ObjectNode out = JSON.createObjectNode();
      List<String> keys = new ArrayList<>();
      object.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        out.set(shown(k), strip(object.get(k)));
      }
      return out;
    }
    return node;
  }

  /**
   * {@code api} whose answers and errors the session reads without its suffix: each method's result
   * is {@link #shown} in its declared type; streams and handles pass as they are.
   */
  @SuppressWarnings("unchecked")
  <T> T view(Class<T> api, T target) {
    return (T)
        Proxy.newProxyInstance(
            api.getClassLoader(),
            new Class<?>[] {api},
            (proxy, method, args) -> {
              Object result;
              try {
                result = method.invoke(target, args);
              } catch (InvocationTargetException e) {
                throw e.getCause() instanceof EngineException ee ? shown(ee) : e.getCause();
              }
              return opaque(method) ? result : shown(result, method.getGenericReturnType());
            });
  }

  private static boolean opaque(Method m) {
    Class<?> r = m.getReturnType();
    return r.isPrimitive()
        || r == Void.class
        || r == byte[].class
        || OPAQUE.stream().anyMatch(o -> o.isAssignableFrom(r));
  }
}

package dev.ddlab.session;

import dev.ddlab.cli.template.GoObject;
import dev.ddlab.cli.template.Template;
import dev.ddlab.cli.template.TemplateException;
import dev.ddlab.cli.template.TemplateFunction;
import dev.ddlab.sim.swarm.agent.PayloadTemplates;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The simulated swarm's payload templates on the CLI's Go template engine: swarmkit's
 * template.PayloadContext ({@code .Service}, {@code .Node}, {@code .Task}; {@code secret}, {@code
 * config}, {@code env} and the package's {@code join}), parsed as "expansion" with {@code
 * missingkey=error}.
 */
final class SwarmPayloadTemplates implements PayloadTemplates {
  @Override
  public String expand(
      String text,
      Context c,
      Function<String, String> secret,
      Function<String, String> config,
      Function<String, String> env) {
    Map<String, TemplateFunction> funcs =
        Map.of(
            "secret", call(secret),
            "config", call(config),
            "env", call(env),
            "join", SwarmPayloadTemplates::join);
    GoObject service =
        new GoObject("struct")
            .field("ID", c.serviceId())
            .field("Name", c.serviceName())
            .field("Labels", c.serviceLabels() == null ? Map.of() : c.serviceLabels());
    GoObject node =
        new GoObject("struct")
            .field("ID", c.nodeId())
            .field("Hostname", c.hostname())
            .field(
                "Platform",
                new GoObject("template.Platform")
                    .field("Architecture", c.architecture())
                    .field("OS", c.os()));
    GoObject task =
        new GoObject("struct")
            .field("ID", c.taskId())
            .field("Name", c.taskName())
            .field("Slot", c.slot());
    GoObject root =
        new GoObject("template.PayloadContext")
            .field("Service", service)
            .field("Node", node)
            .field("Task", task);
    try {
      return Template.parse("expansion", text, funcs).missingKeyError().execute(root);
    } catch (TemplateException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** A one-string function whose failure is Go's "error calling NAME: …". */
  private static TemplateFunction call(Function<String, String> f) {
    return args -> {
      if (args.size() != 1 || !(args.get(0) instanceof String s)) {
        throw new TemplateFunction.ArgError("wrong number of args: got " + args.size() + " want 1");
      }
      try {
        return f.apply(s);
      } catch (IllegalArgumentException e) {
        throw new TemplateFunction.CallError(e.getMessage());
      }
    };
  }

  /** swarmkit's join: the first argument is the separator. */
  private static Object join(List<Object> args) {
    if (args.isEmpty()) {
      return "";
    }
    List<String> rest = new ArrayList<>();
    for (Object a : args.subList(1, args.size())) {
      rest.add(String.valueOf(a));
    }
    return String.join(String.valueOf(args.get(0)), rest);
  }
}

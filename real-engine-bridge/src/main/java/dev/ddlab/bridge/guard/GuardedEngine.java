package dev.ddlab.bridge.guard;

import dev.ddlab.engine.ContainersApi;
import dev.ddlab.engine.Engine;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.ImagesApi;
import dev.ddlab.engine.NetworksApi;
import dev.ddlab.engine.SwarmApi;
import dev.ddlab.engine.SystemApi;
import dev.ddlab.engine.VolumesApi;
import dev.ddlab.engine.dto.HostConfig;
import java.util.List;
import java.util.Map;

/**
 * An {@link Engine} decorator that keeps one learner session inside its own corner of a shared
 * daemon: everything it creates carries the label {@code ddlab.session=<id>} (plus the owning
 * process, so objects of a crashed ddlab are reaped at the next start), it only sees and acts on
 * its own containers, networks and volumes, dangerous host access is refused with a Vietnamese
 * message naming the flag, every container gets memory/pids/CPU limits, the number of objects is
 * capped, and {@link #close()} removes everything the session made.
 *
 * <p>One part per API ({@link GuardedContainers}, {@link GuardedImages}, {@link GuardedNetworks},
 * {@link GuardedVolumes}, {@link GuardedSystem}) around the shared {@link GuardSession} and {@link
 * CreateCheck}; the threat model is docs/design/guard.md.
 */
public final class GuardedEngine implements Engine, AutoCloseable {
  public static final String SESSION_LABEL = "ddlab.session";
  public static final String OWNER_LABEL = "ddlab.owner";

  private final GuardSession session;
  private final GuardedImages images;
  private final GuardedContainers containers;
  private final GuardedNetworks networks;
  private final GuardedVolumes volumes;
  private final GuardedSystem system;
  private final GuardedBuilds builds;
  private final CreateCheck createCheck;
  private final ContainersApi shownContainers;
  private final NetworksApi shownNetworks;
  private final VolumesApi shownVolumes;
  private final SystemApi shownSystem;

  public GuardedEngine(Engine inner, GuardPolicy policy) {
    this.session = new GuardSession(inner, policy);
    this.images = new GuardedImages(session);
    this.volumes = new GuardedVolumes(session);
    CreateCheck createCheck = new CreateCheck(session, volumes);
    this.containers = new GuardedContainers(session, createCheck);
    this.networks = new GuardedNetworks(session, createCheck);
    this.system = new GuardedSystem(session, images);
    this.builds = new GuardedBuilds(session);
    this.createCheck = createCheck;
    SessionNames names = session.names;
    this.shownContainers = names.view(ContainersApi.class, containers);
    this.shownNetworks = names.view(NetworksApi.class, networks);
    this.shownVolumes = names.view(VolumesApi.class, volumes);
    this.shownSystem = names.view(SystemApi.class, system);
  }

  public GuardPolicy policy() {
    return session.policy;
  }

  public Engine inner() {
    return session.inner;
  }

  /** Refuses host access; returns the host config with the session's limits filled in. */
  HostConfig checkHostConfig(HostConfig h) {
    return createCheck.hostConfig(h, java.util.Set.of(), new java.util.ArrayList<>());
  }

  @Override
  public ImagesApi images() {
    return images;
  }

  /** Its answers without the session's name suffix ({@link SessionNames}). */
  @Override
  public ContainersApi containers() {
    return shownContainers;
  }

  @Override
  public NetworksApi networks() {
    return shownNetworks;
  }

  @Override
  public VolumesApi volumes() {
    return shownVolumes;
  }

  @Override
  public SystemApi system() {
    return shownSystem;
  }

  /** Builds with the guard's limits ({@link GuardedBuilds}). */
  @Override
  public dev.ddlab.engine.BuildsApi builds() {
    return builds;
  }

  /** Refused on a shared daemon: {@link GuardedSwarm} says why. */
  @Override
  public SwarmApi swarm() {
    return SWARM;
  }

  private static final SwarmApi SWARM = new GuardedSwarm();

  @Override
  public String host() {
    return session.inner.host();
  }

  /**
   * Removes everything this session made: containers, networks, volumes, the tags it wrote (and
   * nothing else: a shared tag is never one of them), images it committed, and untagged images it
   * loaded when nothing else uses them.
   */
  @Override
  public void close() {
    Map<String, List<String>> mine =
        Map.of("label", List.of(SESSION_LABEL + "=" + session.policy.sessionId()));
    Reaper.removeLabelled(session.inner, mine);
    for (String volume : List.copyOf(session.anonymousVolumes)) {
      try {
        session.inner.volumes().remove(volume, true);
      } catch (EngineException gone) {
        // removed with its container
      }
    }
    for (String tag : session.tags.tagsOf(session.id())) {
      try {
        session.inner.images().remove(tag, true, false);
      } catch (EngineException gone) {
        // removed by the learner already
      }
      session.releaseTag(tag);
    }
    for (String id : List.copyOf(session.loadedIds)) {
      try {
        session.inner.images().remove(id, false, false);
      } catch (EngineException inUseOrGone) {
        // tagged or used since: not only this session's any more
      }
    }
    session.loadedIds.clear();
  }
}

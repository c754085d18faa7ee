/**
 * The introspection seam: read-only views of what only a simulation can show (a container's
 * namespaces and processes, an image's layer trees, host files; later frames on a link, build
 * steps, Raft state). Panels, the grader and {@code ddlab learn} read the simulation through these
 * views, {@code Engine} and {@code Session}, never through {@code dev.ddlab.sim}. Depends on the
 * neutral models only. See docs/design/introspection.md.
 */
package dev.ddlab.introspect;

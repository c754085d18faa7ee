/**
 * The simulator's side of the introspection seam ({@link dev.ddlab.introspect}): views over a
 * {@link dev.ddlab.sim.host.Cluster} that copy what they show. Sessions build it; nothing else in
 * the simulator depends on it.
 */
package dev.ddlab.sim.introspect;

/**
 * Sessions in front of a real engine: the learner's client machine as a session's node backend
 * ({@link dev.ddlab.session.NodeBackend}), with the engine's events delivered to the session's bus.
 * Knows sessions and engines, never the simulator.
 */
package dev.ddlab.bridge.session;

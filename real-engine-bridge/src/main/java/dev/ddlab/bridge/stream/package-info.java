/**
 * Byte streams of the Engine API shared by client and server: the multiplexed stdout/stderr framing
 * (moby {@code pkg/stdcopy}) and a thread-safe stdin queue for hijacked connections.
 */
package dev.ddlab.bridge.stream;

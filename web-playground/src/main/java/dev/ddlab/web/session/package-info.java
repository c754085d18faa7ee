/**
 * Visitor sessions with their limits (PWD's {@code pwd/session.go}, {@code scheduler}): capacity,
 * TTL with warning, idle freeing, per-session caps on nodes and output; one lock per session
 * serialising every call into the simulator. Sessions are in memory only.
 */
package dev.ddlab.web.session;

/**
 * The guard that makes a shared real daemon safe for a class: an {@code Engine} decorator that
 * labels, resolves references among the session's own objects, checks every request against
 * allow-lists, limits and cleans up per session. The threat model, and the test that proves each
 * claim, is docs/design/guard.md.
 *
 * <p>No upstream counterpart in moby; it plays the part of an authorization plugin ({@code
 * pkg/authorization}) combined with label-scoped listing, done client-side so that it works with
 * any daemon (and any {@code Engine}).
 */
package dev.ddlab.bridge.guard;

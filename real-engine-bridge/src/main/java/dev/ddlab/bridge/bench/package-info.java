/**
 * {@code ddlab bench --vs-real}: the simulator's speed against a real daemon's, through the same
 * docker CLI code. No upstream counterpart.
 */
package dev.ddlab.bridge.bench;

/**
 * {@code ddlab diff-real}'s comparison: one script typed into two sessions (the application layer
 * opens them: a simulated node and a guarded real one), compared line by line after normalising
 * what may differ (IDs, times, names, sizes, padding). No upstream counterpart; it is how ddlab
 * measures its own faithfulness.
 */
package dev.ddlab.bridge.diff;

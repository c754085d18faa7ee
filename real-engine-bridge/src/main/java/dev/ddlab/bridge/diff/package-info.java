/**
 * {@code ddlab diff-real}: one script on the simulator and on a real engine, compared command by
 * command after normalising what may differ (IDs, times, names, sizes, padding). No upstream
 * counterpart; it is how ddlab measures its own faithfulness.
 */
package dev.ddlab.bridge.diff;

/**
 * The read-only state API that lab checks read, including the JShell {@code java:} checks, which
 * can reach nothing else. No upstream counterpart: Killercoda's verify scripts read the machine
 * directly; here they read this view of the simulator.
 */
package dev.ddlab.grader.state;

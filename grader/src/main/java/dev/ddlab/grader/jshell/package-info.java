/**
 * {@code java:} lab checks compiled and run with the JDK's JShell API in a sandbox class loader. No
 * upstream counterpart; it stands in for Killercoda's verify scripts where the declarative checks
 * cannot say what is needed.
 */
package dev.ddlab.grader.jshell;

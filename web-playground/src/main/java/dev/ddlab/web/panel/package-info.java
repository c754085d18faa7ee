/**
 * Visualiser panels as plug-ins: per-session models on GraphStream graphs fed by the event bus,
 * reconciled on each change and streamed to the browser as JSON deltas. The topology reads only the
 * Engine API; layer (dive, wagoodman/dive {@code filetree}, {@code image}) and namespace views read
 * the simulator's introspection.
 */
package dev.ddlab.web.panel;

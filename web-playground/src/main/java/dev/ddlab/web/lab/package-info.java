/**
 * The playground's lab panel: a {@link dev.ddlab.web.panel.Panel} plug-in over the grader's {@link
 * dev.ddlab.grader.run.LabRun}. No upstream counterpart; Killercoda's step pane is the model.
 */
package dev.ddlab.web.lab;

/**
 * The SQLite gradebook, modelled on nbgrader's {@code nbgrader/api.py} (student, assignment,
 * submission, grade with auto/manual score and extra credit, comment); courses, releases and
 * feedback files are left out: the reports directory holds the feedback.
 */
package dev.ddlab.grader.gradebook;

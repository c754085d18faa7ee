/** The course's Markdown lessons rendered with commonmark, with runnable shell blocks. */
package dev.ddlab.web.lesson;

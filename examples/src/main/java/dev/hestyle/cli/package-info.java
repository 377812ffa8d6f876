/**
 * The {@code hestyle} command-line tool: {@link dev.hestyle.cli.Main} and its subcommands
 * ({@code stylize} for one image, {@code bench} for a folder of reference images), with their
 * progress display and human and JSON reports. The only place in the project that prints.
 */
package dev.hestyle.cli;

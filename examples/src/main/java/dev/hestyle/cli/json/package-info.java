/**
 * A minimal JSON writer and reader for the command-line reports, so that the tool needs no JSON
 * library: maps, lists, strings, numbers, booleans and null only.
 */
package dev.hestyle.cli.json;

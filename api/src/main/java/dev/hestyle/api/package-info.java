/**
 * The entry point for users: {@link dev.hestyle.api.StyleTransfer} runs a style model through a
 * backend in one process; images, the model contract and the library's exceptions live here too.
 */
package dev.hestyle.api;

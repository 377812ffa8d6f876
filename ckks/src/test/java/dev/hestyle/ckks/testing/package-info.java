/**
 * Test support: an exact engine and evaluator on plain slot vectors (level bookkeeping, rotation keys and
 * bootstrap range enforced, no cryptography), random networks shaped like the style-transfer network, and
 * a runner that executes a plan through the interpreter.
 */
package dev.hestyle.ckks.testing;

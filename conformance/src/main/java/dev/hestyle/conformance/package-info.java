/**
 * The conformance kit every backend's tests extend ({@link dev.hestyle.conformance.BackendConformanceKit}):
 * the same layer-by-layer checks against the clear oracle, end-to-end checks on the reference images and
 * wire-format checks, for every backend.
 */
package dev.hestyle.conformance;

/**
 * The layer graph a style-transfer network is described in: a small, closed set of immutable layers
 * ({@link dev.hestyle.graph.Layer}) that every backend must lower. Graphs carry weights, not behaviour;
 * how a layer is computed is the backend's business.
 */
package dev.hestyle.graph;

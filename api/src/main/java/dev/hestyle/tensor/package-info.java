/** Dense tensors in channel-major (CHW) order, the values every layer and backend exchanges in the clear. */
package dev.hestyle.tensor;

package dev.hestyle.api;

import dev.hestyle.spi.OpCounts;
import dev.hestyle.spi.PlanReport;
import dev.hestyle.tensor.Tensor;

/**
 * The outcome of {@link StyleTransfer#encryptRun}.
 *
 * @param image the stylised 8-bit image
 * @param output the decrypted network output before post-processing
 * @param times seconds by phase
 * @param ops operations the server performed
 * @param plan the compiled plan
 * @param evalKeyBytes serialized size of the evaluation keys
 * @param ciphertextBytes serialized size of the input ciphertext
 * @param details backend-specific measurements of the evaluation (see {@link dev.hestyle.spi.Evaluation#details()})
 */
public record StyleResult(RgbImage image, Tensor output, PhaseTimes times, OpCounts ops, PlanReport plan,
                          long evalKeyBytes, long ciphertextBytes, java.util.Map<String, Object> details) {
}

package dev.hestyle.fuzz;

import dev.hestyle.backend.openfhe.jni.OpenFheInstallation;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips the OpenFHE targets, saying why, when the native library is not available; with
 * {@code -Dhestyle.openfhe.required=true} (CI) they run anyway and fail, as the backend's own tests do.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresOpenFhe.Condition.class)
@interface RequiresOpenFhe {

    /** The condition behind the annotation. */
    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            Optional<String> problem = OpenFheInstallation.current().problem();
            if (problem.isEmpty() || Boolean.getBoolean("hestyle.openfhe.required")) {
                return ConditionEvaluationResult.enabled("OpenFHE required or available");
            }
            return ConditionEvaluationResult.disabled("OpenFHE native library unavailable, OpenFHE fuzz targets skipped: "
                    + problem.get());
        }
    }
}

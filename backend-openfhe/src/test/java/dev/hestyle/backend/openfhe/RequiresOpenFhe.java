package dev.hestyle.backend.openfhe;

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
 * Skips the annotated tests, with what to install, when the OpenFHE native library is not available;
 * with {@code -Dhestyle.openfhe.required=true} (CI) they run anyway, and fail.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresOpenFhe.Condition.class)
public @interface RequiresOpenFhe {

    /** The condition behind the annotation. */
    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            Optional<String> problem = OpenFheInstallation.current().problem();
            if (problem.isEmpty()) {
                return ConditionEvaluationResult.enabled("OpenFHE native library available");
            }
            if (Boolean.getBoolean("hestyle.openfhe.required")) {
                return ConditionEvaluationResult.enabled("OpenFHE is required but unavailable: " + problem.get());
            }
            return ConditionEvaluationResult.disabled("OpenFHE native library unavailable: " + problem.get());
        }
    }
}

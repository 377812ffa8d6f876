package dev.hestyle.conformance;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.DisplayNameGenerator;

/**
 * Names conformance tests after the backend and mode they check, e.g. {@code "[openfhe/client-aided]
 * pad then strided convolution"}, so that reports of several backends can be told apart. The label comes
 * from a throw-away instance of the test class (providers are cheap to create by contract); if that
 * fails, the class name is used.
 */
public final class BackendDisplayNames implements DisplayNameGenerator {
    private static final Map<Class<?>, String> LABELS = new ConcurrentHashMap<>();

    @Override
    public String generateDisplayNameForClass(Class<?> testClass) {
        return label(testClass) + " conformance (" + testClass.getSimpleName() + ")";
    }

    @Override
    public String generateDisplayNameForNestedClass(Class<?> nestedClass) {
        return nestedClass.getSimpleName();
    }

    @Override
    public String generateDisplayNameForMethod(Class<?> testClass, Method testMethod) {
        return "[" + label(testClass) + "] " + words(testMethod.getName());
    }

    /** {@code backend/mode} of a concrete kit subclass, else the class's simple name. */
    static String label(Class<?> testClass) {
        return LABELS.computeIfAbsent(testClass, BackendDisplayNames::computeLabel);
    }

    private static String computeLabel(Class<?> testClass) {
        if (!BackendConformanceKit.class.isAssignableFrom(testClass) || java.lang.reflect.Modifier.isAbstract(testClass.getModifiers())) {
            return testClass.getSimpleName();
        }
        try {
            Constructor<?> ctor = testClass.getDeclaredConstructor();
            ctor.setAccessible(true);
            BackendConformanceKit kit = (BackendConformanceKit) ctor.newInstance();
            return kit.provider().name() + "/" + kit.options().mode().label();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return testClass.getSimpleName();
        }
    }

    /** {@code padThenStridedConvolution2} becomes {@code "pad then strided convolution 2"}. */
    static String words(String camelCase) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < camelCase.length(); i++) {
            char ch = camelCase.charAt(i);
            boolean boundary = i > 0 && (Character.isUpperCase(ch) || Character.isDigit(ch) && !Character.isDigit(camelCase.charAt(i - 1)));
            if (boundary) {
                sb.append(' ');
            }
            sb.append(Character.toLowerCase(ch));
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}

package dev.hestyle.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameContaining;
import static com.tngtech.archunit.lang.conditions.ArchConditions.callMethod;
import static com.tngtech.archunit.lang.conditions.ArchConditions.never;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import dev.hestyle.backend.clear.ClearBackend;
import dev.hestyle.spi.Ciphertext;
import dev.hestyle.spi.Client;
import dev.hestyle.spi.ClientAssist;
import dev.hestyle.spi.Evaluation;
import dev.hestyle.spi.ProgressListener;
import dev.hestyle.spi.Server;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The module rules of the design, checked on the compiled classes of every module on this class path
 * (test classes excluded). Every rule refuses an empty selection, and the rules a violation could slip
 * past unnoticed also run against deliberately broken fixtures (end of this file), which they must reject.
 */
class ArchitectureTest {
    /** The public surface: depends on nothing else of hestyle. */
    private static final String[] CORE = {"dev.hestyle.api..", "dev.hestyle.graph..", "dev.hestyle.tensor..", "dev.hestyle.spi..", "dev.hestyle.wire.."};
    private static final String BACKENDS = "dev.hestyle.backend..";
    /** The command-line tool and demos: may use backends and print. */
    private static final String CLI = "dev.hestyle.cli..";
    private static final String EXAMPLES = "dev.hestyle.examples..";
    /** The test kit: compares every backend with the clear one, so it may use backends (but not print). */
    private static final String CONFORMANCE = "dev.hestyle.conformance..";

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.hestyle");

    static final ArchRule CORE_IS_SELF_CONTAINED = noClasses().that().resideInAnyPackage(CORE)
            .should().dependOnClassesThat(resideInAPackage("dev.hestyle..").and(not(resideInAnyPackage(CORE))))
            .as("api/graph/tensor/spi/wire depend on nothing of hestyle outside those packages")
            .allowEmptyShould(false);

    static final ArchRule CORE_USES_ONLY_JDK_AND_SLF4J = classes().that().resideInAnyPackage(CORE)
            .should().onlyDependOnClassesThat().resideInAnyPackage(concat(CORE, "java..", "org.slf4j.."))
            .as("api/graph/tensor/spi/wire use nothing but the JDK and SLF4J")
            .allowEmptyShould(false);

    static final ArchRule BACKENDS_ARE_INDEPENDENT = slices().matching("dev.hestyle.backend.(*)..")
            .should().notDependOnEachOther()
            .as("backends do not depend on each other")
            .allowEmptyShould(false);

    static final ArchRule ONLY_CLI_AND_TESTS_USE_BACKENDS = noClasses().that().resideOutsideOfPackages(BACKENDS, CLI, EXAMPLES, CONFORMANCE)
            .should().dependOnClassesThat().resideInAPackage(BACKENDS)
            .as("no module depends on a backend except the command-line tool and the test kit")
            .allowEmptyShould(false);

    static final ArchRule NO_JAVACPP = noClasses().that().resideInAPackage("dev.hestyle..")
            .should().dependOnClassesThat().resideInAPackage("org.bytedeco..")
            .as("no module uses org.bytedeco (JavaCPP): native code is the OpenFHE backend's own JNI glue")
            .allowEmptyShould(false);

    static final ArchRule JNI_ONLY_IN_OPENFHE = classes().that().resideOutsideOfPackage("dev.hestyle.backend.openfhe..")
            .should(notDeclareNativeMethods())
            .andShould(never(callMethod(System.class, "loadLibrary", String.class)))
            .andShould(never(callMethod(System.class, "load", String.class)))
            .as("native methods and native library loading only in the OpenFHE backend")
            .allowEmptyShould(false);

    static final ArchRule NO_STANDARD_STREAMS_IN_LIBRARIES = noClasses().that().resideOutsideOfPackages(CLI, EXAMPLES)
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .as("only the command-line tool writes to System.out/System.err; libraries log through SLF4J")
            .allowEmptyShould(false);

    /**
     * What holds or uses a secret key: the client role (interface or implementation), the CKKS engine's
     * key pair and encryptor/decryptor (named, so the rule holds before that module is on this class
     * path), and anything named like secret-key material.
     */
    private static final DescribedPredicate<JavaClass> SECRET_SIDE = assignableTo(Client.class)
            .or(assignableTo("dev.hestyle.ckks.engine.KeyPair"))
            .or(assignableTo("dev.hestyle.ckks.engine.Encryptor"))
            .or(simpleNameContaining("Secret"))
            .as("the client role, CKKS key pairs and encryptors, or classes named *Secret*");

    static final ArchRule SERVERS_DO_NOT_DEPEND_ON_SECRETS = noClasses().that().implement(Server.class)
            .should().dependOnClassesThat(SECRET_SIDE)
            .as("servers do not depend on the client role or secret-key classes")
            .allowEmptyShould(false);

    static final ArchRule SERVERS_CANNOT_REACH_SECRETS = classes().that().implement(Server.class)
            .should(notReachThroughFields(SECRET_SIDE))
            .as("no object a server holds (following field types) is a client or a secret-key class")
            .allowEmptyShould(false);

    @Test
    void theImportSeesEveryModuleButNoTests() {
        for (String name : new String[] {"dev.hestyle.spi.Server", "dev.hestyle.backend.clear.ClearBackend", "dev.hestyle.mosaic.MosaicModel",
                "dev.hestyle.cli.Main"}) {
            assertTrue(CLASSES.contain(name), name + " is missing from the imported classes");
        }
        assertFalse(CLASSES.contain(ArchitectureTest.class), "test classes must not be imported");
    }

    @Test
    void coreIsSelfContained() {
        CORE_IS_SELF_CONTAINED.check(CLASSES);
        CORE_USES_ONLY_JDK_AND_SLF4J.check(CLASSES);
    }

    @Test
    void backendsAreIndependent() {
        BACKENDS_ARE_INDEPENDENT.check(CLASSES);
    }

    @Test
    void onlyTheCommandLineToolAndTestKitUseBackends() {
        ONLY_CLI_AND_TESTS_USE_BACKENDS.check(CLASSES);
        assertTrue(ONLY_CLI_AND_TESTS_USE_BACKENDS.evaluate(fixtures(UsesABackend.class)).hasViolation());
    }

    @Test
    void nativeCodeStaysInItsBackends() {
        NO_JAVACPP.check(CLASSES);
        JNI_ONLY_IN_OPENFHE.check(CLASSES);
        assertTrue(JNI_ONLY_IN_OPENFHE.evaluate(fixtures(DeclaresNativeMethod.class)).hasViolation());
        assertTrue(JNI_ONLY_IN_OPENFHE.evaluate(fixtures(LoadsNativeLibrary.class)).hasViolation());
    }

    @Test
    void librariesDoNotPrint() {
        NO_STANDARD_STREAMS_IN_LIBRARIES.check(CLASSES);
        assertTrue(NO_STANDARD_STREAMS_IN_LIBRARIES.evaluate(fixtures(Prints.class)).hasViolation());
    }

    @Test
    void serversCannotReachSecretKeys() {
        SERVERS_DO_NOT_DEPEND_ON_SECRETS.check(CLASSES);
        SERVERS_CANNOT_REACH_SECRETS.check(CLASSES);
        assertTrue(SERVERS_DO_NOT_DEPEND_ON_SECRETS.evaluate(fixtures(ServerWithSecret.class, SecretKeyMaterial.class)).hasViolation());
        assertTrue(SERVERS_DO_NOT_DEPEND_ON_SECRETS.evaluate(fixtures(ServerWithClient.class)).hasViolation());
        assertTrue(SERVERS_CANNOT_REACH_SECRETS.evaluate(fixtures(ServerWithContext.class, Context.class, SecretKeyMaterial.class)).hasViolation());
        assertFalse(SERVERS_CANNOT_REACH_SECRETS.evaluate(fixtures(HonestServer.class)).hasViolation());
    }

    // ------------------------------------------------------------------ conditions

    private static ArchCondition<JavaClass> notDeclareNativeMethods() {
        return new ArchCondition<>("not declare native methods") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                for (JavaMethod m : c.getMethods()) {
                    if (m.getModifiers().contains(JavaModifier.NATIVE)) {
                        events.add(SimpleConditionEvent.violated(m, m.getFullName() + " is native"));
                    }
                }
            }
        };
    }

    /** Follows the declared types of fields (generic arguments included) through hestyle classes, looking for {@code target}. */
    private static ArchCondition<JavaClass> notReachThroughFields(DescribedPredicate<JavaClass> target) {
        return new ArchCondition<>("not reach " + target.getDescription() + " through fields") {
            @Override
            public void check(JavaClass start, ConditionEvents events) {
                Set<JavaClass> seen = new HashSet<>();
                Deque<JavaClass> queue = new ArrayDeque<>();
                queue.add(start);
                seen.add(start);
                while (!queue.isEmpty()) {
                    JavaClass c = queue.poll();
                    for (JavaField f : c.getAllFields()) {
                        for (JavaClass t : f.getType().getAllInvolvedRawTypes()) {
                            JavaClass type = t.isArray() ? t.getBaseComponentType() : t;
                            if (target.test(type)) {
                                events.add(SimpleConditionEvent.violated(start, start.getName() + " reaches " + type.getName()
                                        + " through field " + f.getFullName()));
                            } else if (type.getPackageName().startsWith("dev.hestyle") && seen.add(type)) {
                                queue.add(type);
                            }
                        }
                    }
                }
            }
        };
    }

    private static JavaClasses fixtures(Class<?>... types) {
        return new ClassFileImporter().importClasses(types);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    // ------------------------------------------------------------------ deliberately broken fixtures

    /** A "library" class that depends on a backend. */
    static final class UsesABackend {
        Object create() {
            return new ClearBackend();
        }
    }

    static final class DeclaresNativeMethod {
        static native void poke();
    }

    static final class LoadsNativeLibrary {
        static void load() {
            System.loadLibrary("something");
        }
    }

    static final class Prints {
        void say() {
            System.err.println("hello");
        }
    }

    static final class SecretKeyMaterial {
        byte[] bits;
    }

    private abstract static class AbstractServer implements Server {
        @Override
        public Evaluation run(Ciphertext input, ClientAssist assist, ProgressListener progress) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }

    static final class ServerWithSecret extends AbstractServer {
        SecretKeyMaterial key;
    }

    static final class ServerWithClient extends AbstractServer {
        Client client;
    }

    /** Reaches the secret only indirectly, through an innocent-looking holder. */
    static final class Context {
        SecretKeyMaterial cachedForClients;
    }

    static final class ServerWithContext extends AbstractServer {
        Context context;
    }

    static final class HonestServer extends AbstractServer {
        java.util.List<String> keyIds;
    }
}

package io.credwatch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The directions of ARCHITECTURE.md, over the compiled classes: a forbidden import fails the
 * build, with the class and the line that made it.
 */
class ArchitectureTest {

    private static final String ROOT = "io.credwatch";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    /** What runs the checks and shows them never knows which checks there are. */
    static final List<String> FEATURES = List.of("aws", "egress", "exchange", "secrets");
    /** How results are shown; each reads the check core only. */
    static final List<String> FACES = List.of("http", "jmx", "metrics", "alert", "systemd");
    /** Shared by several features, below all of them. */
    static final List<String> FEATURE_SUPPORT = List.of("credential", "awsclient");
    /** Below the check core: values, syntax and plumbing that know nothing of checks. */
    static final List<String> FOUNDATION = List.of("config", "net", "fingerprint", "info", "logging");
    /** The composition root: the only code that knows everything. */
    static final List<String> ROOTS = List.of("cli");

    private static String[] packages(List<String> names) {
        return names.stream().map(n -> ROOT + "." + n + "..").toArray(String[]::new);
    }

    private static String[] packages(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream())
                .map(n -> ROOT + "." + n + "..").toArray(String[]::new);
    }

    /** The composition root's own classes sit in the top package, beside no other. */
    private static final DescribedPredicate<JavaClass> IN_THE_ROOT_PACKAGE =
            DescribedPredicate.describe("in the composition root " + ROOT, c -> c.getPackageName().equals(ROOT));

    /** In {@code io.credwatch.<name>} or below it; {@code aws} is not {@code awsclient}. */
    private static boolean within(JavaClass c, String name) {
        String p = ROOT + "." + name;
        return c.getPackageName().equals(p) || c.getPackageName().startsWith(p + ".");
    }

    private static void check(ArchRule rule) {
        rule.check(CLASSES);
    }

    @Nested
    class TheCheckCore {

        @Test
        void importsNothingElseOfTheProject() {
            check(noClasses().that().resideInAPackage(ROOT + ".check..")
                    .should().dependOnClassesThat(DescribedPredicate.describe("of another credwatch package",
                            c -> c.getPackageName().startsWith(ROOT) && !within(c, "check")))
                    .because("faces and features build on the core; it knows none of them"));
        }
    }

    @Nested
    class TheFoundation {

        @Test
        void knowsNothingOfChecksFeaturesFacesOrTheRoot() {
            check(noClasses().that().resideInAnyPackage(packages(FOUNDATION))
                    .should().dependOnClassesThat().resideInAnyPackage(packages(List.of("check"), FEATURES))
                    .orShould().dependOnClassesThat().resideInAnyPackage(packages(FACES, FEATURE_SUPPORT))
                    .orShould().dependOnClassesThat().resideInAnyPackage(packages(ROOTS))
                    .orShould().dependOnClassesThat(IN_THE_ROOT_PACKAGE));
        }
    }

    @Nested
    class Faces {

        @Test
        void importNoFeatureAndNoFeatureSupport() {
            check(noClasses().that().resideInAnyPackage(packages(FACES))
                    .should().dependOnClassesThat().resideInAnyPackage(packages(FEATURES, FEATURE_SUPPORT))
                    .because("a face shows what the check core holds, whichever check made it"));
        }

        @Test
        void importNoOtherFace() {
            for (String face : FACES) {
                List<String> others = FACES.stream().filter(f -> !f.equals(face)).toList();
                check(noClasses().that().resideInAPackage(ROOT + "." + face + "..")
                        .should().dependOnClassesThat().resideInAnyPackage(packages(others)));
            }
        }

        @Test
        void importNoRoot() {
            check(noClasses().that().resideInAnyPackage(packages(FACES))
                    .should().dependOnClassesThat().resideInAnyPackage(packages(ROOTS))
                    .orShould().dependOnClassesThat(IN_THE_ROOT_PACKAGE));
        }
    }

    @Nested
    class Features {

        @Test
        void importNoFaceAndNoRoot() {
            check(noClasses().that().resideInAnyPackage(packages(FEATURES, FEATURE_SUPPORT))
                    .should().dependOnClassesThat().resideInAnyPackage(packages(FACES, ROOTS))
                    .orShould().dependOnClassesThat(IN_THE_ROOT_PACKAGE));
        }

        @Test
        void reachEachOtherOnlyThroughTheEgressIpView() {
            for (String feature : FEATURES) {
                List<String> others = FEATURES.stream().filter(f -> !f.equals(feature)).toList();
                check(noClasses().that().resideInAPackage(ROOT + "." + feature + "..")
                        .should().dependOnClassesThat(DescribedPredicate.describe("of another feature, but for "
                                + "egress.CurrentEgressIp", c -> !c.getName().equals(ROOT + ".egress.CurrentEgressIp")
                                && others.stream().anyMatch(o -> within(c, o)))));
            }
        }

        @Test
        void supportImportsNoFeature() {
            check(noClasses().that().resideInAnyPackage(packages(FEATURE_SUPPORT))
                    .should().dependOnClassesThat().resideInAnyPackage(packages(FEATURES)));
        }
    }

    @Nested
    class Packages {

        @Test
        void formNoCycle() {
            check(slices().matching(ROOT + ".(*)..").should().beFreeOfCycles());
        }
    }

    @Nested
    class Threads {

        @Test
        void onlyTheCompositionRootBuildsThreadsPoolsAndTimers() {
            DescribedPredicate<JavaClass> elsewhere = DescribedPredicate.describe("outside the composition root and "
                    + "the services ARCHITECTURE.md lists", c -> !c.getPackageName().equals(ROOT)
                    && !within(c, "cli") && !OWN_THREADS.contains(c.getName()));
            check(noClasses().that(elsewhere)
                    .should().callMethodWhere(DescribedPredicate.describe("an Executors factory",
                            call -> call.getTarget().getOwner().isEquivalentTo(Executors.class)
                                    && call.getTarget().getName().startsWith("new")))
                    .orShould().callConstructorWhere(DescribedPredicate.describe("a thread, pool or timer",
                            call -> call.getTarget().getOwner().isAssignableTo(ThreadPoolExecutor.class)
                                    || call.getTarget().getOwner().isAssignableTo(Thread.class)))
                    .because("a pool built elsewhere outlives a reload or a stop that nobody closes"));
        }
    }

    /** Jetty's server owns its request pool and stops it with itself; ARCHITECTURE.md says so. */
    static final List<String> OWN_THREADS = List.of(
            ROOT + ".http.HttpApi");
}

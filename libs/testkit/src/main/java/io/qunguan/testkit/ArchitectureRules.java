package io.qunguan.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The rules that keep the four services alike (STYLE.md), checked by each service's {@code ArchitectureTest}, and
 * those of the framework-free libraries.
 */
public final class ArchitectureRules {

    private ArchitectureRules() {
    }

    /** Checks the production classes under {@code rootPackage}, e.g. {@code io.qunguan.group}. */
    public static void check(String rootPackage) {
        JavaClasses classes = production(rootPackage);

        slices().matching(rootPackage + ".(**)").should().beFreeOfCycles()
                .because("a package that needs another must not be needed by it")
                .check(classes);

        noClasses().that().resideInAPackage(rootPackage + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.qunguan.platforms..", rootPackage + ".platform..")
                .because("the domain reaches the IM platforms only through a port of its own")
                .allowEmptyShould(true)
                .check(classes);

        noClasses().that().resideInAPackage(rootPackage + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.jboss.resteasy..",
                        "org.eclipse.microprofile.reactive.messaging..", "io.smallrye.reactive.messaging..",
                        rootPackage + ".api..", rootPackage + ".messaging..")
                .because("the domain knows neither REST nor messaging")
                .allowEmptyShould(true)
                .check(classes);

        noClasses().that().resideInAPackage(rootPackage + ".api..")
                .should().dependOnClassesThat().resideInAnyPackage(rootPackage + ".messaging..", rootPackage + ".store..",
                        "io.qunguan.eventing..")
                .because("resources map requests to domain calls; persistence and events belong to the domain")
                .allowEmptyShould(true)
                .check(classes);

        noClasses().that().resideInAPackage(rootPackage + ".messaging..")
                .should().dependOnClassesThat().resideInAPackage(rootPackage + ".api..")
                .allowEmptyShould(true)
                .check(classes);

        namesSayWhatAClassIs(classes);
    }

    /**
     * Checks a plain Java library (the platform adapters, the rule engine): free of package cycles, and of any
     * framework, so that any service, benchmark or command line can use it as it is.
     */
    public static void checkLibrary(String rootPackage) {
        JavaClasses classes = production(rootPackage);
        slices().matching(rootPackage + ".(**)").should().beFreeOfCycles().allowEmptyShould(true).check(classes);
        noClasses().should().dependOnClassesThat().resideInAnyPackage("jakarta..", "javax.inject..", "io.quarkus..",
                        "io.smallrye..", "org.jboss..", "org.eclipse.microprofile..", "io.qunguan.eventing..")
                .because("a library is plain Java: plain constructors, typed settings")
                .check(classes);
        namesSayWhatAClassIs(classes);
    }

    private static JavaClasses production(String rootPackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
    }

    private static void namesSayWhatAClassIs(JavaClasses classes) {
        noClasses().should().haveSimpleNameEndingWith("Impl")
                .orShould().haveSimpleNameEndingWith("Helper")
                .orShould().haveSimpleNameEndingWith("Util")
                .orShould().haveSimpleNameEndingWith("Manager")
                .because("names should say what a class is")
                .check(classes);
    }
}

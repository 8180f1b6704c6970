package io.qunguan.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The rules that keep the four services alike (STYLE.md): checked by each service's {@code ArchitectureTest}. */
public final class ArchitectureRules {

    private ArchitectureRules() {
    }

    /** Checks the production classes under {@code rootPackage}, e.g. {@code io.qunguan.group}. */
    public static void check(String rootPackage) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);

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

        noClasses().should().haveSimpleNameEndingWith("Impl")
                .orShould().haveSimpleNameEndingWith("Helper")
                .orShould().haveSimpleNameEndingWith("Util")
                .orShould().haveSimpleNameEndingWith("Manager")
                .because("names should say what a class is")
                .check(classes);
    }
}

package io.z3chat.llmproxy;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/** No two packages import each other, even through others: each depends on the next in one direction only. */
class PackageCyclesTest {

    @Test
    void packagesOfTheServiceAreFreeOfCycles() {
        JavaClasses service = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.z3chat.llmproxy");
        freeOfCycles("io.z3chat.llmproxy").check(service);
    }

    @Test
    void twoPackagesThatImportEachOtherAreACycle() {
        JavaClasses cyclic = new ClassFileImporter().importPackages("io.z3chat.llmproxy.testing.cyclic");
        assertTrue(freeOfCycles("io.z3chat.llmproxy.testing.cyclic").evaluate(cyclic).hasViolation());
    }

    /** Every package below {@code root} is a slice of its own (a feature and its subpackages are separate). */
    private static ArchRule freeOfCycles(String root) {
        return slices().matching(root + ".(**)").should().beFreeOfCycles();
    }
}

package dev.hestyle.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BackendDisplayNamesTest {

    @Test
    void namesCarryBackendAndMode() throws NoSuchMethodException {
        BackendDisplayNames names = new BackendDisplayNames();
        assertEquals("[clear/non-interactive] pad then strided convolution",
                names.generateDisplayNameForMethod(ClearConformanceTest.class, BackendConformanceKit.class.getDeclaredMethod("padThenStridedConvolution")));
        assertEquals("[clear/client-aided] reference images end to end",
                names.generateDisplayNameForMethod(ClearClientAidedConformanceTest.class,
                        BackendConformanceKit.class.getDeclaredMethod("referenceImagesEndToEnd")));
        assertEquals("BackendDisplayNamesTest", BackendDisplayNames.label(BackendDisplayNamesTest.class));
    }

    @Test
    void camelCaseBecomesWords() {
        assertEquals("pad then convolution 2 x", BackendDisplayNames.words("padThenConvolution2X"));
    }
}

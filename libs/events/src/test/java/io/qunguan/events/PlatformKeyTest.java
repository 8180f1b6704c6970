package io.qunguan.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code <platform>:<id>} read once: the id may hold colons, an unknown platform or an empty id is no key. */
class PlatformKeyTest {

    @Test
    void aKeyIsReadAndWrittenBack() {
        assertEquals(Optional.of(new PlatformKey(Platform.WECOM, "wrkSFfCgAA")), PlatformKey.parse("wecom:wrkSFfCgAA"));
        assertEquals("slack:C1:T2", PlatformKey.parse("slack:C1:T2").orElseThrow().key());
        assertEquals(Optional.empty(), PlatformKey.parse("employee:E-1"));
        assertEquals(Optional.empty(), PlatformKey.parse("wecom:"));
        assertEquals(Optional.empty(), PlatformKey.parse("nocolon"));
        assertEquals(Optional.empty(), PlatformKey.parse(null));
    }
}

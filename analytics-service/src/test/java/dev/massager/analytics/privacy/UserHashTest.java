package dev.massager.analytics.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class UserHashTest {

    @Test
    void shouldBeTheSha256OfTheUtf8Id() {
        // sha256("abc"), FIPS 180-2 appendix B.1
        assertThat(HexFormat.of().formatHex(UserHash.of("abc")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}

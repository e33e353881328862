package dev.massager.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PayloadExceptionTest {

    @Test
    void shouldCutALongDetail() {
        PayloadException e = new PayloadException(RejectReason.NOT_JSON, null, "x".repeat(5_000));

        assertThat(e.detail()).isEqualTo("x".repeat(PayloadException.MAX_DETAIL_LENGTH) + "…");
    }

    @Test
    void shouldNotSplitACharacterWhereTheDetailIsCut() {
        String detail = "x".repeat(PayloadException.MAX_DETAIL_LENGTH - 1) + "\uD83D\uDE00" + "tail";

        PayloadException e = new PayloadException(RejectReason.NOT_JSON, "/a", detail);

        assertThat(e.detail()).isEqualTo("x".repeat(PayloadException.MAX_DETAIL_LENGTH - 1) + "…");
        assertThat(e.getMessage()).endsWith("x…");
    }
}

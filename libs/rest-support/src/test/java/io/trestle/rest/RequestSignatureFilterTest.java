package io.trestle.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;

class RequestSignatureFilterTest {

    @Test
    void readsABodyUpToTheLimitAndRefusesALargerOne() throws IOException {
        assertThat(RequestSignatureFilter.readAtMost(new ByteArrayInputStream(new byte[10]), 10)).hasSize(10);
        assertThat(RequestSignatureFilter.readAtMost(new ByteArrayInputStream(new byte[11]), 10)).isNull();
        assertThat(RequestSignatureFilter.readAtMost(null, 10)).isEmpty();
    }
}

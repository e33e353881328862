package dev.massager.session.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class CursorKeyCheckTest {

    @Test
    void shouldWarnWhileTheDefaultKeyIsInUse(CapturedOutput output) {
        new CursorKeyCheck(new SessionCursor.Properties(CursorKeyCheck.DEFAULT_KEY));

        assertThat(output).contains("WARN").contains("SESSION_CURSOR_KEY");
    }

    @Test
    void shouldStayQuietWithAKeyOfItsOwn(CapturedOutput output) {
        new CursorKeyCheck(new SessionCursor.Properties("a-secret-of-this-deployment"));

        assertThat(output).doesNotContain("SESSION_CURSOR_KEY");
    }
}

package dev.massager.infra.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXException;

class HiveMqConfigTest {

    private final String xml = HiveMqConfig.plain("127.0.0.1", 18830).toXml();

    @Test
    void shouldBeValidAgainstTheSchemaShippedWithHiveMq() throws Exception {
        // HiveMQ falls back to its default configuration (port 1883 on every interface) when config.xml is invalid.
        assertThatNoException()
                .isThrownBy(() -> schema().newValidator().validate(new StreamSource(new StringReader(xml))));
    }

    private static Schema schema() throws SAXException {
        return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(HiveMqConfigTest.class.getClassLoader().getResource("config.xsd"));
    }

    @Test
    void shouldListenWhereAsked() {
        assertThat(xml).contains("<port>18830</port>").contains("<bind-address>127.0.0.1</bind-address>");
    }

    @Test
    void shouldCapPacketsAt132Kib() {
        assertThat(xml).contains("<max-packet-size>135168</max-packet-size>");
    }

    @Nested
    class TheComposeBrokerConfiguration {

        private final Path composeConfig = Path.of("..", "compose", "hivemq", "config.xml");

        @Test
        void shouldBeValidAgainstTheSchemaShippedWithHiveMq() throws Exception {
            assertThatNoException()
                    .isThrownBy(() -> schema().newValidator().validate(new StreamSource(composeConfig.toFile())));
        }

        @Test
        void shouldCapPacketsLikeTheEmbeddedBroker() throws Exception {
            assertThat(Files.readString(composeConfig))
                    .contains("<max-packet-size>" + HiveMqConfig.MAX_PACKET_SIZE + "</max-packet-size>");
        }
    }

    @Test
    void shouldKeepNothingOnDiskAndSendNoStatistics() {
        assertThat(xml)
                .contains("<mode>in-memory</mode>")
                .containsPattern("<anonymous-usage-statistics>\\s*<enabled>false</enabled>");
    }

    @Test
    void shouldNeedAListener() {
        assertThatIllegalArgumentException().isThrownBy(() -> new HiveMqConfig(List.of(), 1024));
    }
}

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

    private static final HiveMqConfig.TlsStores STORES = new HiveMqConfig.TlsStores(
            "/tmp/hivemq/conf/tls/broker.p12", "s3cret<&>", "/tmp/hivemq/conf/tls/device-ca.p12", "trust");

    private final String xml =
            HiveMqConfig.devicesAndBackend("127.0.0.1", 18883, STORES, 18830).toXml();

    @Test
    void shouldBeValidAgainstTheSchemaShippedWithHiveMq() {
        // HiveMQ falls back to its default configuration (port 1883 on every interface) when config.xml is invalid.
        assertThatNoException()
                .isThrownBy(() -> schema().newValidator().validate(new StreamSource(new StringReader(xml))));
    }

    private static Schema schema() throws SAXException {
        return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(HiveMqConfigTest.class.getClassLoader().getResource("config.xsd"));
    }

    @Test
    void shouldNameTheBackendListenerAsTheExtensionExpects() {
        assertThat(xml)
                .containsPattern("<tcp-listener>\\s*<port>18830</port>\\s*<bind-address>127.0.0.1</bind-address>"
                        + "\\s*<name>backend</name>\\s*</tcp-listener>");
    }

    @Test
    void shouldRequireAClientCertificateOnTheDeviceListener() {
        assertThat(xml)
                .containsPattern("<tls-tcp-listener>\\s*<port>18883</port>\\s*<bind-address>127.0.0.1</bind-address>"
                        + "\\s*<name>devices</name>")
                .contains("<path>/tmp/hivemq/conf/tls/broker.p12</path>")
                .contains("<password>s3cret&lt;&amp;&gt;</password>")
                .contains("<private-key-password>s3cret&lt;&amp;&gt;</private-key-password>")
                .contains("<path>/tmp/hivemq/conf/tls/device-ca.p12</path>")
                .containsPattern("<protocols>\\s*<protocol>TLSv1.3</protocol>\\s*<protocol>TLSv1.2</protocol>")
                .contains("<client-authentication-mode>REQUIRED</client-authentication-mode>");
    }

    @Test
    void shouldCapPacketsAt132Kib() {
        assertThat(xml).contains("<max-packet-size>139264</max-packet-size>");
    }

    @Test
    void shouldKeepNothingOnDiskAndSendNoStatistics() {
        assertThat(xml)
                .contains("<mode>in-memory</mode>")
                .containsPattern("<anonymous-usage-statistics>\\s*<enabled>false</enabled>");
    }

    @Test
    void shouldKeepSessionsOnFileWhenAskedAsProductionDoes() {
        String onFile = HiveMqConfig.devicesAndBackend("127.0.0.1", 18883, STORES, 18830)
                .withPersistence(HiveMqConfig.Persistence.FILE)
                .toXml();

        assertThat(onFile).contains("<mode>file</mode>").doesNotContain("in-memory");
        assertThatNoException()
                .isThrownBy(() -> schema().newValidator().validate(new StreamSource(new StringReader(onFile))));
    }

    @Test
    void shouldNeedAListener() {
        assertThatIllegalArgumentException().isThrownBy(() -> new HiveMqConfig(List.of(), 1024));
    }

    @Test
    void shouldRefuseTwoListenersOnOnePort() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> HiveMqConfig.devicesAndBackend("127.0.0.1", 1883, STORES, 1883));
    }

    @Test
    void shouldRefuseWhatHiveMqWouldReadAsAnEnvironmentVariable() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new HiveMqConfig.TlsStores("/broker.p12", "${HOME}", "/ca.p12", "trust"))
                .withMessageContaining("environment variable");
    }

    @Test
    void shouldKeepThePasswordsOutOfTheStoresText() {
        assertThat(STORES.toString()).doesNotContain("s3cret").doesNotContain("trust>");
    }

    @Test
    void shouldQueueMillionsOfMessagesRatherThanDiscardThem() {
        assertThat(xml).contains("<max-queue-size>5000000</max-queue-size>");
    }

    @Nested
    class TheComposeBrokerConfiguration {

        private final Path composeConfig = Path.of("..", "compose", "hivemq", "config.xml");

        @Test
        void shouldBeValidAgainstTheSchemaShippedWithHiveMq() {
            assertThatNoException()
                    .isThrownBy(() -> schema().newValidator().validate(new StreamSource(composeConfig.toFile())));
        }

        @Test
        void shouldQueueLikeTheEmbeddedBroker() throws Exception {
            assertThat(Files.readString(composeConfig))
                    .contains("<max-queue-size>" + HiveMqConfig.MAX_QUEUE_SIZE + "</max-queue-size>");
        }

        @Test
        void shouldCapPacketsLikeTheEmbeddedBroker() throws Exception {
            assertThat(Files.readString(composeConfig))
                    .contains("<max-packet-size>" + HiveMqConfig.MAX_PACKET_SIZE + "</max-packet-size>");
        }

        @Test
        void shouldHaveTheListenersTheExtensionExpects() throws Exception {
            assertThat(Files.readString(composeConfig))
                    .containsPattern("<tls-tcp-listener>\\s*<port>8883</port>\\s*<bind-address>0.0.0.0</bind-address>"
                            + "\\s*<name>devices</name>")
                    .contains("<client-authentication-mode>REQUIRED</client-authentication-mode>")
                    .containsPattern("<tcp-listener>\\s*<port>1883</port>\\s*<bind-address>0.0.0.0</bind-address>"
                            + "\\s*<name>backend</name>");
        }
    }
}

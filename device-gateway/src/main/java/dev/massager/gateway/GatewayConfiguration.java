package dev.massager.gateway;

import dev.massager.common.codec.PayloadCodec;
import dev.massager.gateway.ingest.ClockSkewBounds;
import dev.massager.gateway.ingest.IngestMapping;
import dev.massager.gateway.ingest.IngestPipeline;
import dev.massager.gateway.mqtt.BrokerSubscriptions;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

/** Wires MQTT in, the mapping, and Kafka out. */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    /**
     * The guarantees the acknowledgement rests on, set in code so that no property or environment variable can weaken
     * them: every in-sync replica has a record before it counts as produced, and retries never duplicate or reorder.
     */
    @Bean
    DefaultKafkaProducerFactoryCustomizer atLeastOnceProducer() {
        return factory -> factory.updateConfigs(Map.of(
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                5));
    }

    @Bean
    PayloadCodec payloadCodec() {
        return new PayloadCodec();
    }

    @Bean
    IngestMapping ingestMapping(PayloadCodec codec, GatewayProperties gateway) {
        return new IngestMapping(
                codec, new ClockSkewBounds(gateway.maxClockAhead(), gateway.maxClockBehind()), gateway.instanceId());
    }

    @Bean
    IngestPipeline ingestPipeline(IngestMapping mapping, KafkaTemplate<String, byte[]> kafka, MeterRegistry meters) {
        return new IngestPipeline(mapping, kafka, Clock.systemUTC(), meters);
    }

    @Bean
    BrokerSubscriptions brokerSubscriptions(GatewayProperties gateway, MqttProperties mqtt, IngestPipeline pipeline)
            throws MqttException {
        return new BrokerSubscriptions(gateway, mqtt, pipeline);
    }
}

package dev.massager.analytics;

import dev.massager.common.codec.PayloadCodec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one codec for every contract record this service reads. */
@Configuration(proxyBeanMethods = false)
class ContractCodec {

    @Bean
    PayloadCodec payloadCodec() {
        return new PayloadCodec();
    }
}

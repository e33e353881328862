package dev.massager.session;

import dev.massager.common.codec.PayloadCodec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one codec for every contract record this service reads or writes. */
@Configuration(proxyBeanMethods = false)
class ContractCodec {

    @Bean
    PayloadCodec payloadCodec() {
        return new PayloadCodec();
    }
}

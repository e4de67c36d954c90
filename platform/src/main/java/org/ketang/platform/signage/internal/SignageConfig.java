package org.ketang.platform.signage.internal;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SignageConfig {

    @Bean
    Pairings signagePairings() {
        return new Pairings(Clock.systemUTC());
    }
}

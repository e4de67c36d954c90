package org.ketang.platform.live.internal;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The live module runs its session sweep on Spring's scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class LiveConfiguration {
}

package org.ketang.platform.http.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/** The title, licence and sign-in schemes of the published OpenAPI document ({@code /v3/api-docs}). */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    @Bean
    OpenAPI ketangOpenApi() {
        return new OpenAPI()
                .info(new Info().title("课堂 Ketang API").version("v1")
                        .description("""
                                JSON API of the Ketang platform. Sign in with `POST /api/v1/auth/login` and send the \
                                returned token as `Authorization: Bearer …`. Errors are RFC 9457 problem details \
                                (`application/problem+json`) with a stable `type`, a Chinese `detail` and an English \
                                `detailEn`.""")
                        .license(new License().name("Apache-2.0")))
                .components(new Components()
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("Token from POST /api/v1/auth/login"))
                        .addSecuritySchemes("session", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.COOKIE).name("JSESSIONID")
                                .description("Web session; state-changing requests also need the X-XSRF-TOKEN header")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"))
                .addSecurityItem(new SecurityRequirement().addList("session"));
    }
}

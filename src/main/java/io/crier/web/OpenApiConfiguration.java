package io.crier.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The top of the OpenAPI document springdoc builds from the controllers (served at
 * {@code /v3/api-docs}, shown at {@code /docs}): what the API is, its version, and that every
 * {@code /v1} call carries an API key as a bearer token, so "Try it out" on the docs page works.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String API_KEY_SCHEME = "apiKey";

    private static final String DESCRIPTION = """
            Crier's native API: contacts, lists, templates and campaigns, a superset of AutoSend's API.

            **Authentication.** Send `Authorization: Bearer <API key>` on every `/v1` call. A key belongs \
            to one workspace and carries scopes: `read` (GET), `write` (other changes), `send` (send, pause, \
            resume and abort campaigns) and `admin` (workspaces and API keys). A missing or unknown key is \
            401 `UNAUTHORIZED`, a key without the scope a call needs is 403 `FORBIDDEN`, and an id of \
            another workspace is 404 like any id that does not exist.

            **Envelope.** Success: `{"success": true, "data": ..., "message": ...}`. Failure: \
            `{"success": false, "error": {"code", "message", "status", "details": [{"field", "message"}]}}`; \
            invalid input is 400 `VALIDATION_FAILED` naming each field.

            **Paging.** Listings take `page` (from 1) and `limit` (1 to 100, default 20) and answer \
            `{"<items>": [...], "pagination": {"page", "limit", "total", "pages"}}`.

            **Rate limits.** Per key; every response carries `X-RateLimit-Limit`, `X-RateLimit-Remaining` \
            and `X-RateLimit-Reset`; over the limit the answer is 429 `RATE_LIMITED` with `Retry-After`.

            **Vendor dialects.** Blueshift's campaign API is under `/blueshift` (tag Blueshift), with \
            Blueshift's authentication (HTTP Basic, the API key as user name) and error body \
            (`{"message": ...}`); Leadterra's under `/leadterra/v1` (tag Leadterra), with the key as a bearer \
            token and Leadterra's error body (`{"error": {"code", "message"}}`). docs/compatibility.md \
            describes both.""";

    @Bean
    OpenAPI crierOpenApi(ObjectProvider<BuildProperties> build) {
        return new OpenAPI()
                .info(new Info()
                        .title("Crier")
                        .version(version(build.getIfAvailable()))
                        .description(DESCRIPTION))
                .components(new Components().addSecuritySchemes(API_KEY_SCHEME, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("A Crier API key, e.g. `crier_...`: the one printed in the log on first "
                                + "start, CRIER_BOOTSTRAP_API_KEY, or one created with POST /v1/api-keys")))
                .addSecurityItem(new SecurityRequirement().addList(API_KEY_SCHEME));
    }

    /** The Maven build records the version; a run straight from an IDE may lack that record. */
    private static String version(BuildProperties build) {
        return build == null ? "development" : build.getVersion();
    }
}

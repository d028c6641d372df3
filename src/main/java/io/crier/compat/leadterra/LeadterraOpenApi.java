package io.crier.compat.leadterra;

import java.util.Map;

import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.stereotype.Component;

import io.crier.compat.DialectOpenApi;

/**
 * The Leadterra operations of the OpenAPI document: the API key as a bearer token, like the
 * native API, and Leadterra's {@code {"error": {"code", "message"}}} error answers.
 */
@Component
class LeadterraOpenApi extends DialectOpenApi {

    static final String SCHEME = "leadterraKey";
    static final String ERROR_SCHEMA = "LeadterraError";

    LeadterraOpenApi() {
        super(LeadterraSecurity.BASE, SCHEME, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("Leadterra's authentication: the Crier API key as a bearer token"),
                ERROR_SCHEMA, new ObjectSchema()
                        .addProperty("error", new ObjectSchema()
                                .addProperty("code", new StringSchema())
                                .addProperty("message", new StringSchema()))
                        .addProperty("errors", new ArraySchema().items(new ObjectSchema()
                                .addProperty("field", new StringSchema())
                                .addProperty("message", new StringSchema()))),
                Map.of("400", "Invalid input (code invalid_request, or invalid_leads from leads/bulk); errors names each "
                                + "field",
                        "401", "Missing or unknown API key",
                        "403", "The API key lacks the scope this call needs",
                        "404", "Campaign not found (in the caller's workspace)",
                        "422", "The campaign cannot do this now (invalid_state, no_leads_enrolled, no_sequence_steps)",
                        "429", "Rate limit exceeded",
                        "503", "The campaign is paused, but not every node has confirmed yet that it stopped sending "
                                + "it (fence_not_confirmed): not a success, repeat the call"));
    }
}

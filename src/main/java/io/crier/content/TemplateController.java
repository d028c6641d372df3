package io.crier.content;

import java.net.URI;
import java.util.Map;

import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.crier.access.ApiPrincipal;
import io.crier.shared.ApiResponse;
import io.crier.shared.PageQuery;
import io.crier.shared.PatchReader;

import tools.jackson.databind.JsonNode;

/** {@code /v1/templates}: a workspace's reusable subjects and bodies. */
@Tag(name = "Templates", description = "Reusable subjects and bodies")
@RestController
@RequestMapping("/v1/templates")
class TemplateController {

    private final TemplateService templates;
    private final PatchReader bodies;

    TemplateController(TemplateService templates, PatchReader bodies) {
        this.templates = templates;
        this.bodies = bodies;
    }

    @PostMapping
    ResponseEntity<ApiResponse<Template>> create(@AuthenticationPrincipal ApiPrincipal caller,
            @RequestBody JsonNode body) {
        Template created = templates.create(caller.workspaceId(), bodies.read(body, TemplateRequest.class));
        return ResponseEntity.created(URI.create("/v1/templates/" + created.id()))
                .body(ApiResponse.of(created, "Template created successfully"));
    }

    @GetMapping("/{id}")
    ApiResponse<Template> get(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        return ApiResponse.of(templates.get(caller.workspaceId(), id));
    }

    @GetMapping
    ApiResponse<Map<String, Object>> list(@AuthenticationPrincipal ApiPrincipal caller,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "" + PageQuery.DEFAULT_LIMIT) int limit) {
        PageQuery query = new PageQuery(page, limit);
        return ApiResponse.of(query.result("templates", templates.list(caller.workspaceId(), query),
                templates.count(caller.workspaceId())));
    }

    /** PUT is accepted as a synonym of PATCH: both merge the body into the template. */
    @RequestMapping(path = "/{id}", method = {RequestMethod.PATCH, RequestMethod.PUT})
    ApiResponse<Template> update(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id,
            @RequestBody JsonNode body) {
        return ApiResponse.of(templates.update(caller.workspaceId(), id, bodies.read(body, TemplateRequest.class)),
                "Template updated successfully");
    }

    @DeleteMapping("/{id}")
    ApiResponse<Void> delete(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        templates.delete(caller.workspaceId(), id);
        return ApiResponse.message("Template deleted successfully");
    }
}

package io.crier.content;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.crier.shared.Timestamps;

/** Templates in SQL; every statement is scoped to one workspace. */
@Repository
class TemplateRepository {

    private final JdbcClient jdbc;

    TemplateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID workspaceId, Template template) {
        jdbc.sql("""
                insert into template (id, workspace_id, name, subject, html, text, template_type, builder_type,
                    created_at, updated_at)
                values (:id, :workspaceId, :name, :subject, :html, :text, :templateType, :builderType,
                    :createdAt, :updatedAt)""")
                .param("id", template.id())
                .param("workspaceId", workspaceId)
                .param("name", template.name())
                .param("subject", template.subject())
                .param("html", template.html())
                .param("text", template.text())
                .param("templateType", template.templateType())
                .param("builderType", template.builderType())
                .param("createdAt", Timestamps.toDb(template.createdAt()))
                .param("updatedAt", Timestamps.toDb(template.updatedAt()))
                .update();
    }

    Optional<Template> find(UUID workspaceId, UUID id) {
        return jdbc.sql("select * from template where workspace_id = :workspaceId and id = :id")
                .param("workspaceId", workspaceId)
                .param("id", id)
                .query(TemplateRepository::template)
                .optional();
    }

    List<Template> list(UUID workspaceId, long offset, int limit) {
        return jdbc.sql("""
                select * from template where workspace_id = :workspaceId
                order by created_at, id limit :limit offset :offset""")
                .param("workspaceId", workspaceId)
                .param("offset", offset)
                .param("limit", limit)
                .query(TemplateRepository::template)
                .list();
    }

    long count(UUID workspaceId) {
        return jdbc.sql("select count(*) from template where workspace_id = :workspaceId")
                .param("workspaceId", workspaceId)
                .query(Long.class)
                .single();
    }

    boolean update(UUID workspaceId, Template template) {
        return jdbc.sql("""
                update template set name = :name, subject = :subject, html = :html, text = :text,
                template_type = :templateType, builder_type = :builderType, updated_at = :updatedAt where workspace_id = :workspaceId and id = :id""")
                .param("id", template.id())
                .param("workspaceId", workspaceId)
                .param("name", template.name())
                .param("subject", template.subject())
                .param("html", template.html())
                .param("text", template.text())
                .param("templateType", template.templateType())
                .param("builderType", template.builderType())
                .param("updatedAt", Timestamps.toDb(template.updatedAt()))
                .update() == 1;
    }

    boolean delete(UUID workspaceId, UUID id) {
        return jdbc.sql("delete from template where workspace_id = :workspaceId and id = :id")
                .param("workspaceId", workspaceId)
                .param("id", id)
                .update() == 1;
    }

    private static Template template(ResultSet rs, int row) throws SQLException {
        return new Template(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("subject"),
                rs.getString("html"), rs.getString("text"), rs.getString("template_type"),
                rs.getString("builder_type"), Timestamps.read(rs, "created_at"),
                Timestamps.read(rs, "updated_at"));
    }
}

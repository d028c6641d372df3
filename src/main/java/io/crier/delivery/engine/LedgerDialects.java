package io.crier.delivery.engine;

import java.sql.DatabaseMetaData;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

import tools.jackson.databind.json.JsonMapper;

/** The hot path's SQL for the database in use, as its JDBC driver names it. */
@Configuration(proxyBeanMethods = false)
class LedgerDialects {

    @Bean
    LedgerDialect ledgerDialect(DataSource dataSource, JdbcClient jdbc, NamedParameterJdbcTemplate named,
            JsonMapper json) throws MetaDataAccessException {
        String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
        ClaimedRows rows = new ClaimedRows(json);
        return "PostgreSQL".equals(product) ? new PostgresLedgerDialect(jdbc, rows) : new H2LedgerDialect(jdbc, named, rows);
    }
}

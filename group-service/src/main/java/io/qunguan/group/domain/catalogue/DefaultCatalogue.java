package io.qunguan.group.domain.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.qunguan.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.jboss.logging.Logger;

/**
 * Writes the default catalogue (modelled on POLICIES.md GL-7: management, production–sales, all-staff,
 * department, project, customer/marketing, social) as version 1 of each type that has no version yet. Replicas
 * starting together take turns on an advisory lock, so each type is written once.
 */
@ApplicationScoped
public class DefaultCatalogue {

    static final String RESOURCE = "/catalogue/default-group-types.json";
    static final String REASON = "default catalogue (POLICIES.md GL-7)";
    private static final Logger LOG = Logger.getLogger(DefaultCatalogue.class);

    private final Catalogue catalogue;
    private final EntityManager entityManager;

    public DefaultCatalogue(Catalogue catalogue, EntityManager entityManager) {
        this.catalogue = catalogue;
        this.entityManager = entityManager;
    }

    void seedAtStartup(@Observes StartupEvent event) {
        JsonNode types = load().path("types");
        int written = QuarkusTransaction.requiringNew().call(() -> {
            entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('qunguan.default-catalogue'))")
                    .getSingleResult();
            int count = 0;
            for (JsonNode type : types) {
                GroupPolicy policy = PolicyDocuments.read(type.path("policy"));
                if (catalogue.seed(type.path("id").asText(), type.path("name").asText(),
                        type.path("description").asText(null), policy, REASON)) {
                    count++;
                }
            }
            return count;
        });
        if (written > 0) {
            LOG.infof("default catalogue: %d group types written as version 1", written);
        }
    }

    public static JsonNode load() {
        try (InputStream in = DefaultCatalogue.class.getResourceAsStream(RESOURCE)) {
            return EventJson.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("default catalogue unreadable", e);
        }
    }
}

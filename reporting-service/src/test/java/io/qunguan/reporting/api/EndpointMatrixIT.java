package io.qunguan.reporting.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.testkit.EndpointMatrix;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.DevIdentityProviderResource;
import io.qunguan.testkit.PostgresResource;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Every endpoint of reporting-service in its OpenAPI document, against every role (security, issue 16). */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(DevIdentityProviderResource.class)
@WithTestResource(KafkaResource.class)
class EndpointMatrixIT {

    @TestHTTPResource("/")
    URI root;

    @Test
    void everyEndpointRefusesAnonymousCallersAndEveryRoleItDoesNotName() {
        EndpointMatrix.requireClean(root, 30);
    }
}

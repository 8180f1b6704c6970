package io.qunguan.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.qunguan.events.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The role × endpoint × object matrix of one service, generated from its OpenAPI document so that a new endpoint
 * cannot be missed. For every operation: without a token it is 401 (only health, metrics and signed webhooks answer
 * without one); with a token of each role its {@code @RolesAllowed} does not name it is 403; a role it names never
 * meets a 5xx, and one of the narrow roles (a person acting for themselves or their own groups) asking about an
 * object that does not exist is never answered 2xx. Requests that could change state are made only where they
 * cannot succeed: without a token, with a refused role, or naming an object that does not exist.
 */
public final class EndpointMatrix {

    /** Every role a Qunguan token can carry. */
    public static final List<String> ROLES = List.of("hr", "auditor", "operator", "employee", "dept-head",
            "group-owner", "marketing", "supervisor");
    /** Roles that see only their own objects: a made-up id is never theirs. */
    static final Set<String> NARROW_ROLES = Set.of("employee", "dept-head", "group-owner", "marketing", "supervisor");
    /** Paths answered without a token: health and metrics, and the webhooks, which their signatures authenticate. */
    static final List<String> OPEN_PREFIXES = List.of("/q/", "/webhooks/");

    /** What the matrix checked and what it found wrong. */
    public record Result(int operations, int requests, List<String> problems) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private EndpointMatrix() {
    }

    /**
     * Runs the matrix with the test tokens and fails on any problem, or when the document lists fewer than
     * {@code operationsAtLeast} operations (endpoints missing from it would be missing from the matrix).
     */
    public static Result requireClean(URI base, int operationsAtLeast) {
        Result result = check(base, Tokens.forTests());
        if (result.operations() < operationsAtLeast || !result.problems().isEmpty()) {
            throw new AssertionError(result.operations() + " operations (at least " + operationsAtLeast
                    + " expected), " + result.requests() + " requests, problems:\n" + String.join("\n",
                    result.problems()));
        }
        return result;
    }

    /** Runs the matrix against the service at {@code base}, whose OpenAPI document is at {@code /q/openapi}. */
    public static Result check(URI base, Tokens tokens) {
        JsonNode document = json(send(base, "GET", "/q/openapi?format=json", null, null, null).body());
        List<String> problems = new ArrayList<>();
        int operations = 0;
        int requests = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = methods.next();
                String method = entry.getKey().toUpperCase(Locale.ROOT);
                if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                operations++;
                JsonNode operation = entry.getValue();
                String concrete = concrete(path.getKey(), operation);
                String contentType = contentType(operation);
                String body = contentType == null ? null : contentType.contains("json") ? "{}" : "x";
                String name = method + " " + path.getKey();
                Set<String> allowed = allowedRoles(operation);
                if (allowed == null) {
                    if (OPEN_PREFIXES.stream().noneMatch(path.getKey()::startsWith)) {
                        problems.add(name + " declares no roles: it would answer without a token");
                    }
                    continue;
                }
                requests++;
                int anonymous = send(base, method, concrete, contentType, body, null).statusCode();
                if (anonymous != 401) {
                    problems.add(name + " without a token: " + anonymous + ", not 401");
                }
                boolean namesObject = !concrete.equals(path.getKey());
                for (String role : ROLES) {
                    boolean mayCall = allowed.contains(role);
                    if (mayCall && !namesObject && !method.equals("GET")) {
                        // a permitted change without an object could succeed: the role tests of its feature cover it
                        continue;
                    }
                    requests++;
                    String token = tokens.issue(role, "matrix-" + role + "-" + UUID.randomUUID(), "matrix-dept");
                    int status = send(base, method, concrete, contentType, body, token).statusCode();
                    if (!mayCall && status != 403) {
                        problems.add(name + " as " + role + " (not among " + allowed + "): " + status + ", not 403");
                    } else if (mayCall && status >= 500) {
                        problems.add(name + " as " + role + ": " + status);
                    } else if (mayCall && namesObject && NARROW_ROLES.contains(role) && status < 300) {
                        problems.add(name + " as " + role + " for an object that does not exist: " + status);
                    } else if (mayCall && (status == 401 || status == 403) && !namesObject) {
                        problems.add(name + " as " + role + " (among " + allowed + "): " + status);
                    }
                }
            }
        }
        return new Result(operations, requests, problems);
    }

    /**
     * The roles the operation's security requirement names; null when it has none (a {@code @PermitAll} endpoint).
     * Quarkus writes {@code @RolesAllowed} into each operation's requirement of the JWT scheme.
     */
    static Set<String> allowedRoles(JsonNode operation) {
        JsonNode security = operation.path("security");
        if (!security.isArray() || security.isEmpty()) {
            return null;
        }
        Set<String> roles = new LinkedHashSet<>();
        for (JsonNode requirement : security) {
            requirement.fields().forEachRemaining(scheme -> scheme.getValue().forEach(role -> roles.add(role.asText())));
        }
        return roles;
    }

    /** The path with every parameter made up: a number where the parameter is one, else an id nobody has. */
    private static String concrete(String template, JsonNode operation) {
        String concrete = template;
        for (JsonNode parameter : operation.path("parameters")) {
            if (!"path".equals(parameter.path("in").asText())) {
                continue;
            }
            String type = parameter.path("schema").path("type").asText();
            String value = type.equals("integer") || type.equals("number") ? "987654321"
                    : "matrix-" + UUID.randomUUID();
            concrete = concrete.replace("{" + parameter.path("name").asText() + "}", value);
        }
        // a parameter the document does not describe is made up too
        return concrete.replaceAll("\\{[^}]+}", "matrix-" + UUID.randomUUID());
    }

    private static JsonNode json(String text) {
        try {
            return EventJson.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("the OpenAPI document is not JSON: " + e.getMessage(), e);
        }
    }

    private static String contentType(JsonNode operation) {
        Iterator<String> types = operation.path("requestBody").path("content").fieldNames();
        return types.hasNext() ? types.next() : null;
    }

    private static HttpResponse<String> send(URI base, String method, String path, String contentType, String body,
            String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

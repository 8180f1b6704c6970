package io.qunguan.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.qunguan.events.EventJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * The development identity provider of the local run and the tests: an OpenID Connect server over real HTTP
 * (discovery, authorization with a form to choose a person, role and department, the code-for-token exchange, JWKS
 * and the end of a session) that signs with the local key pair. reporting-service's dashboard signs in through it
 * exactly as it signs in through the company's identity provider in production, by the authorization-code flow.
 *
 * <p>It checks what a provider must for the flow to mean something: a code is good once, for the client and the
 * redirect address it was issued to, only with the client's secret and the verifier of its PKCE challenge.
 */
public final class DevIdentityProvider implements AutoCloseable {

    /** The dashboard's client at this provider. */
    public static final String CLIENT_ID = "qunguan-dashboard";
    /** The roles its form offers: the dashboard's four, and two it has no page for. */
    public static final List<String> ROLES = List.of("hr", "auditor", "dept-head", "employee", "supervisor",
            "operator");
    static final Duration LIFETIME = Duration.ofHours(8);
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private record Grant(String clientId, String redirectUri, String nonce, String codeChallenge, String person,
            String role, String department) {
    }

    private final HttpServer server;
    private final Tokens tokens;
    private final RSAPublicKey publicKey;
    private final String clientSecret;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();

    private DevIdentityProvider(HttpServer server, Tokens tokens, RSAPublicKey publicKey, String clientSecret) {
        this.server = server;
        this.tokens = tokens;
        this.publicKey = publicKey;
        this.clientSecret = clientSecret;
    }

    /** A provider for the key pair in {@code keys} ({@code private.pem}, {@code public.pem}) on {@code port}. */
    public static DevIdentityProvider start(Path keys, int port, String clientSecret) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            DevIdentityProvider provider = new DevIdentityProvider(server, Tokens.fromPem(keys.resolve("private.pem")),
                    publicKey(keys.resolve("public.pem")), clientSecret);
            server.createContext("/", provider::handle);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.start();
            return provider;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One for this test JVM's key pair ({@link TestKeys}) on a free port. */
    public static DevIdentityProvider forTests() {
        return start(TestKeys.directory(), Ports.free(), "test-dashboard-client-secret-of-32-characters");
    }

    /** The provider's address, what {@code quarkus.oidc.auth-server-url} names. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public String clientSecret() {
        return clientSecret;
    }

    /** The settings that point reporting-service's two OIDC tenants (API and dashboard) at this provider. */
    public Map<String, String> serviceConfig() {
        return Map.of("quarkus.oidc.auth-server-url", url().toString(),
                "quarkus.oidc.dashboard.auth-server-url", url().toString(),
                "quarkus.oidc.dashboard.client-id", CLIENT_ID,
                "quarkus.oidc.dashboard.credentials.secret", clientSecret);
    }

    /** What a browser holds after signing in: the service's cookies, and where the flow left it. */
    public record SignedIn(Map<String, String> cookies, List<String> sessionSetCookies, URI landedOn) {
    }

    /**
     * Signs in the way a browser does, over real HTTP: {@code page} of the service sends to this provider, its form is
     * posted for {@code person}, and the service's callback exchanges the code and sets its session cookie.
     */
    public SignedIn signIn(URI page, String person, String role, String department) {
        CookieManager jar = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        try (HttpClient client = HttpClient.newBuilder().cookieHandler(jar).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> toProvider = expectRedirect(client, HttpRequest.newBuilder(page).GET().build());
            URI authorize = page.resolve(toProvider.headers().firstValue("Location").orElseThrow());
            if (!authorize.toString().startsWith(url() + "/authorize?")) {
                throw new IllegalStateException(page + " sent to " + authorize + ", not to this provider");
            }
            String form = authorize.getRawQuery() + "&person=" + encode(person) + "&role=" + encode(role)
                    + "&department=" + encode(department == null ? "" : department);
            HttpResponse<String> back = expectRedirect(client, HttpRequest.newBuilder(url().resolve("/authorize"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build());
            URI callback = URI.create(back.headers().firstValue("Location").orElseThrow());
            HttpResponse<String> landed = expectRedirect(client, HttpRequest.newBuilder(callback).GET().build());
            Map<String, String> cookies = new LinkedHashMap<>();
            for (HttpCookie cookie : jar.getCookieStore().get(page)) {
                cookies.put(cookie.getName(), cookie.getValue());
            }
            List<String> sessionCookies = landed.headers().allValues("Set-Cookie").stream()
                    .filter(header -> header.startsWith("q_session")).toList();
            if (sessionCookies.isEmpty()) {
                throw new IllegalStateException("the callback " + callback + " set no session cookie: "
                        + landed.headers().map());
            }
            return new SignedIn(cookies, sessionCookies,
                    callback.resolve(landed.headers().firstValue("Location").orElseThrow()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> expectRedirect(HttpClient client, HttpRequest request)
            throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 3) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                    + response.statusCode() + ", not a redirect: " + response.body());
        }
        return response;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/.well-known/openid-configuration" -> json(exchange, 200, discovery());
                case "/jwks" -> json(exchange, 200, jwks());
                case "/authorize" -> authorize(exchange);
                case "/token" -> token(exchange);
                case "/logout" -> logout(exchange);
                default -> json(exchange, 404, error("not_found", path));
            }
        }
    }

    private ObjectNode discovery() {
        ObjectNode metadata = EventJson.MAPPER.createObjectNode();
        metadata.put("issuer", Tokens.ISSUER);
        metadata.put("authorization_endpoint", url() + "/authorize");
        metadata.put("token_endpoint", url() + "/token");
        metadata.put("jwks_uri", url() + "/jwks");
        metadata.put("end_session_endpoint", url() + "/logout");
        metadata.putArray("response_types_supported").add("code");
        metadata.putArray("subject_types_supported").add("public");
        metadata.putArray("id_token_signing_alg_values_supported").add("RS256");
        metadata.putArray("token_endpoint_auth_methods_supported").add("client_secret_basic").add("client_secret_post");
        return metadata;
    }

    private ObjectNode jwks() {
        ObjectNode set = EventJson.MAPPER.createObjectNode();
        ObjectNode key = set.putArray("keys").addObject();
        // no key id: the tokens carry none (they are the same the other services verify with the bare public key)
        key.put("kty", "RSA").put("use", "sig").put("alg", "RS256");
        key.put("n", URL.encodeToString(unsigned(publicKey.getModulus())));
        key.put("e", URL.encodeToString(unsigned(publicKey.getPublicExponent())));
        return set;
    }

    /** GET shows the form (the authorization request in hidden fields); POST grants a code and sends the browser back. */
    private void authorize(HttpExchange exchange) throws IOException {
        boolean post = "POST".equals(exchange.getRequestMethod());
        Map<String, String> request = post ? form(exchange) : parameters(exchange.getRequestURI().getRawQuery());
        String clientId = request.getOrDefault("client_id", "");
        String redirectUri = request.getOrDefault("redirect_uri", "");
        if (!CLIENT_ID.equals(clientId) || !redirectUri.startsWith("http") || !"code".equals(request.get("response_type"))) {
            html(exchange, 400, "<p id=\"error\">unknown client, redirect address or response type</p>");
            return;
        }
        if (!post) {
            html(exchange, 200, signInForm(request));
            return;
        }
        String person = request.getOrDefault("person", "").strip();
        String role = request.getOrDefault("role", "");
        if (person.isEmpty() || !ROLES.contains(role)) {
            html(exchange, 400, "<p id=\"error\">a person and one of " + ROLES + " are required</p>" + signInForm(request));
            return;
        }
        String code = UUID.randomUUID().toString();
        String department = request.getOrDefault("department", "").strip();
        if (request.containsKey("code_challenge") && !"S256".equals(request.get("code_challenge_method"))) {
            html(exchange, 400, "<p id=\"error\">PKCE by S256 only</p>");
            return;
        }
        codes.put(code, new Grant(clientId, redirectUri, request.get("nonce"), request.get("code_challenge"), person,
                role, department.isEmpty() ? null : department));
        String back = redirectUri + (redirectUri.contains("?") ? "&" : "?") + "code=" + code
                + (request.containsKey("state") ? "&state=" + encode(request.get("state")) : "");
        exchange.getResponseHeaders().add("Location", back);
        exchange.sendResponseHeaders(302, -1);
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> request = form(exchange);
        String clientId = request.get("client_id");
        String secret = request.get("client_secret");
        String basic = exchange.getRequestHeaders().getFirst("Authorization");
        if (basic != null && basic.startsWith("Basic ")) {
            String[] pair = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8)
                    .split(":", 2);
            clientId = URLDecoder.decode(pair[0], StandardCharsets.UTF_8);
            secret = pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : null;
        }
        if (!CLIENT_ID.equals(clientId) || !clientSecret.equals(secret)) {
            json(exchange, 401, error("invalid_client", "unknown client or wrong secret"));
            return;
        }
        if (!"authorization_code".equals(request.get("grant_type"))) {
            json(exchange, 400, error("unsupported_grant_type", String.valueOf(request.get("grant_type"))));
            return;
        }
        Grant grant = codes.remove(String.valueOf(request.get("code")));
        if (grant == null || !grant.clientId().equals(clientId) || !grant.redirectUri().equals(request.get("redirect_uri"))) {
            json(exchange, 400, error("invalid_grant", "unknown or used code, or another redirect address"));
            return;
        }
        if (grant.codeChallenge() != null && !grant.codeChallenge().equals(challengeOf(request.get("code_verifier")))) {
            json(exchange, 400, error("invalid_grant", "the code verifier does not match the code challenge"));
            return;
        }
        ObjectNode access = Tokens.claims(grant.role(), grant.person(), grant.department(), LIFETIME);
        access.put("preferred_username", grant.person());
        ObjectNode id = access.deepCopy();
        id.putArray("aud").add(CLIENT_ID).add(Tokens.AUDIENCE);
        id.put("azp", CLIENT_ID);
        if (grant.nonce() != null) {
            id.put("nonce", grant.nonce());
        }
        ObjectNode answer = EventJson.MAPPER.createObjectNode();
        answer.put("access_token", tokens.sign(access));
        answer.put("id_token", tokens.sign(id));
        answer.put("token_type", "Bearer");
        answer.put("expires_in", LIFETIME.toSeconds());
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        json(exchange, 200, answer);
    }

    private void logout(HttpExchange exchange) throws IOException {
        String back = parameters(exchange.getRequestURI().getRawQuery()).get("post_logout_redirect_uri");
        if (back == null || !back.startsWith("http")) {
            html(exchange, 200, "<p id=\"signed-out\">signed out</p>");
            return;
        }
        exchange.getResponseHeaders().add("Location", back);
        exchange.sendResponseHeaders(302, -1);
    }

    private static String signInForm(Map<String, String> request) {
        StringBuilder hidden = new StringBuilder();
        for (String name : List.of("client_id", "redirect_uri", "response_type", "scope", "state", "nonce",
                "code_challenge", "code_challenge_method")) {
            if (request.containsKey(name)) {
                hidden.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                        .append(escape(request.get(name))).append("\">");
            }
        }
        StringBuilder roles = new StringBuilder();
        for (String role : ROLES) {
            roles.append("<option value=\"").append(role).append("\">").append(role).append("</option>");
        }
        return "<h1>Qunguan development sign-in</h1><p>Signs a token with the local key: never production.</p>"
                + "<form id=\"dev-sign-in\" method=\"post\" action=\"/authorize\">" + hidden
                + "<label>person <input id=\"person\" name=\"person\"></label> "
                + "<label>role <select id=\"role\" name=\"role\">" + roles + "</select></label> "
                + "<label>department <input id=\"department\" name=\"department\"></label> "
                + "<button id=\"sign-in\" type=\"submit\">sign in</button></form>";
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        return parameters(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static Map<String, String> parameters(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : encoded == null || encoded.isEmpty() ? new String[0] : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            values.put(name, equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static ObjectNode error(String code, String description) {
        return EventJson.MAPPER.createObjectNode().put("error", code).put("error_description", description);
    }

    private static void json(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        send(exchange, status, "application/json", body.toString());
    }

    private static void html(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, "text/html; charset=utf-8", "<!doctype html><html><body>" + body + "</body></html>");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String challengeOf(String verifier) {
        if (verifier == null) {
            return null;
        }
        try {
            return URL.encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static RSAPublicKey publicKey(Path pem) {
        try {
            String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("the development public key " + pem + " cannot be read", e);
        }
    }
}

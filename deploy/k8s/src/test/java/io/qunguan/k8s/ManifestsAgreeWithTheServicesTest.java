package io.qunguan.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qunguan.events.ConfigSecrets;
import io.qunguan.events.Topics;
import io.qunguan.testkit.KafkaSecurity;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.acl.AclBinding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What no schema can see: that the manifests agree with the services they run — the contract's topics, each
 * principal's ACLs and each service's channels, the names, the secrets, the drain, the JVM settings, the alerts'
 * runbook entries and metrics.
 */
class ManifestsAgreeWithTheServicesTest {

    private static final List<String> SERVICES = List.of("group-service", "moderation-service", "notification-service",
            "reporting-service");
    private static final String TOPIC_PREFIX = "${qunguan.kafka.topic-prefix:}";

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyTopicOfTheContractAndEveryDeadLetterTopicIsAKafkaTopicAndNothingElseIs(String overlay) {
        Set<String> expected = new TreeSet<>(Topics.ALL);
        Topics.CONSUMERS.forEach(consumer -> expected.add(consumer.deadLetterTopic()));
        Set<String> declared = Rendered.overlay(overlay).ofKind("KafkaTopic").stream().map(Rendered::name)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, declared);
        JsonNode state = Rendered.overlay(overlay).one("KafkaTopic", Topics.GROUP_STATE);
        assertEquals("compact", state.path("spec").path("config").path("cleanup.policy").asText());
    }

    @Test
    void inProductionEveryTopicHasThreeReplicasAndTwoInSync() {
        for (ObjectNode topic : Rendered.overlay("production").ofKind("KafkaTopic")) {
            assertEquals(3, topic.path("spec").path("replicas").asInt(), Rendered.id(topic));
            assertEquals("2", topic.path("spec").path("config").path("min.insync.replicas").asText(),
                    Rendered.id(topic));
        }
    }

    @Test
    void eachServicesKafkaUserHasExactlyTheAclsOfItsPrincipal() {
        for (String service : SERVICES) {
            Set<String> expected = KafkaSecurity.aclsOf(service, "").stream()
                    .map(ManifestsAgreeWithTheServicesTest::acl).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(expected, aclsOfUser(service), service);
        }
    }

    @Test
    void everyChannelOfEveryServiceIsAllowedByItsAcls() {
        for (String service : SERVICES) {
            Set<String> acls = aclsOfUser(service);
            Properties config = applicationProperties(service);
            for (String name : config.stringPropertyNames()) {
                Matcher channel = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.(topic|group\\.id|"
                        + "dead-letter-queue\\.topic)").matcher(name);
                if (!channel.matches()) {
                    continue;
                }
                String value = config.getProperty(name).replace(TOPIC_PREFIX, "");
                switch (channel.group(2)) {
                    case "topic" -> assertTrue(allows(acls, "topic", value, "Read"), service + " " + name + "=" + value);
                    case "dead-letter-queue.topic" -> assertTrue(allows(acls, "topic", value, "Write"),
                            service + " " + name + "=" + value);
                    default -> assertTrue(allows(acls, "group", value, "Read"), service + " " + name + "=" + value);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void eachDeploymentIsNamedAndLabelledAsItsQuarkusApplicationAndRunsItsImage(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        assertEquals(new TreeSet<>(SERVICES), rendered.ofKind("Deployment").stream().map(Rendered::name)
                .collect(Collectors.toCollection(TreeSet::new)));
        for (String service : SERVICES) {
            String application = applicationProperties(service).getProperty("quarkus.application.name");
            ObjectNode deployment = rendered.one("Deployment", service);
            assertEquals(application, Rendered.name(deployment));
            assertEquals(application, label(deployment.path("spec").path("template"), "app.kubernetes.io/name"));
            assertEquals(application, deployment.path("spec").path("selector").path("matchLabels")
                    .path("app.kubernetes.io/name").asText());
            String image = container(deployment).path("image").asText();
            assertTrue(image.matches(".*/qunguan/" + application + ":[^:/]+"), image);
            assertEquals(application, rendered.one("Service", service).path("spec").path("selector")
                    .path("app.kubernetes.io/name").asText());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everySecretAPodReadsIsMadeByAnOperatorOrListedAmongTheSecretsToCreate(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        Set<String> made = new TreeSet<>();
        rendered.ofKind("KafkaUser").forEach(user -> made.add(Rendered.name(user)));
        rendered.ofKind("Kafka").forEach(kafka -> made.add(Rendered.name(kafka) + "-cluster-ca-cert"));
        rendered.ofKind("Cluster").forEach(cluster -> made.add(Rendered.name(cluster) + "-ca"));
        Set<String> listed = secretsToCreate();
        Set<String> referenced = new TreeSet<>();
        for (ObjectNode deployment : rendered.ofKind("Deployment")) {
            referenced.addAll(secretsOf(deployment.path("spec").path("template").path("spec")));
        }
        for (ObjectNode object : rendered.objects) {
            // the secrets the operators' own objects read: database passwords, backup credentials, KEDA's certificates
            object.findValues("passwordSecret").forEach(ref -> referenced.add(ref.path("name").asText()));
            object.path("spec").path("bootstrap").path("initdb").path("secret").path("name").asText("").lines()
                    .filter(name -> !name.isEmpty()).forEach(referenced::add);
            object.findValues("s3Credentials").forEach(credentials -> credentials.forEach(ref -> referenced.add(
                    ref.path("name").asText())));
            object.path("spec").path("secretTargetRef").forEach(ref -> referenced.add(ref.path("name").asText()));
        }
        Set<String> unaccounted = new TreeSet<>(referenced);
        unaccounted.removeAll(made);
        unaccounted.removeAll(listed);
        assertEquals(Set.of(), unaccounted, "secrets read but neither made by an operator nor in deploy/k8s/README.md");
        Set<String> stale = new TreeSet<>(listed);
        stale.removeAll(referenced);
        assertEquals(Set.of(), stale, "secrets deploy/k8s/README.md lists that nothing reads");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void secretsReachTheServicesOnlyAsFilesAndEveryFileIsASecretProperty(String overlay) {
        for (ObjectNode deployment : Rendered.overlay(overlay).ofKind("Deployment")) {
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            for (JsonNode volume : pod.path("volumes")) {
                if (!"secrets".equals(volume.path("name").asText())) {
                    continue;
                }
                for (JsonNode source : volume.path("projected").path("sources")) {
                    for (JsonNode item : source.path("secret").path("items")) {
                        String property = item.path("path").asText();
                        assertTrue(ConfigSecrets.isSecret(property), Rendered.id(deployment) + ": " + property
                                + " mounted as a secret file is not a secret property");
                    }
                }
            }
            assertTrue(container(deployment).path("env").findValues("secretKeyRef").isEmpty(),
                    Rendered.id(deployment) + " takes a secret from the environment");
        }
        for (ObjectNode configMap : Rendered.overlay(overlay).ofKind("ConfigMap")) {
            configMap.path("data").fieldNames().forEachRemaining(name -> assertFalse(ConfigSecrets.isSecret(name),
                    Rendered.id(configMap) + " holds the secret " + name));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void aPodIsGivenLongerToStopThanItsOwnDrain(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        for (ObjectNode deployment : rendered.ofKind("Deployment")) {
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            int preStop = container(deployment).path("lifecycle").path("preStop").path("sleep").path("seconds").asInt();
            int drain = seconds(environment(rendered, deployment).get("QUARKUS_SHUTDOWN_TIMEOUT"));
            assertTrue(preStop > 0 && drain > 0, Rendered.id(deployment) + " has no drain");
            assertTrue(pod.path("terminationGracePeriodSeconds").asInt() > preStop + drain,
                    Rendered.id(deployment) + ": grace " + pod.path("terminationGracePeriodSeconds") + " s, drain "
                            + preStop + " + " + drain + " s");
        }
    }

    @Test
    void theContainersRunTheProductionJvmSettingsWithTheHeapTheLocalRunAndTheHarnessGive() throws IOException {
        List<String> production = Files.readAllLines(Rendered.ROOT.resolve("deploy/jvm/production.options")).stream()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        long heap = production.stream().filter(option -> option.startsWith("-Xmx")).map(option -> bytes(option
                .substring(4))).findFirst().orElseThrow();
        Rendered rendered = Rendered.overlay("production");
        for (ObjectNode deployment : rendered.ofKind("Deployment")) {
            List<String> options = List.of(environment(rendered, deployment).get("JAVA_TOOL_OPTIONS").split("\\s+"));
            production.stream().filter(option -> !option.startsWith("-Xm")).forEach(option -> assertTrue(
                    options.contains(option), Rendered.id(deployment) + " lacks " + option));
            double share = options.stream().filter(option -> option.startsWith("-XX:MaxRAMPercentage="))
                    .map(option -> Double.parseDouble(option.substring(option.indexOf('=') + 1))).findFirst()
                    .orElseThrow();
            long limit = bytes(container(deployment).path("resources").path("limits").path("memory").asText());
            assertTrue(limit * share / 100 >= heap, Rendered.id(deployment) + ": heap " + limit * share / 100
                    + " below production.options' " + heap);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void podsRunAsNonRootOnAReadOnlyRootWithProbesOnTheHealthEndpoints(String overlay) {
        for (ObjectNode deployment : Rendered.overlay(overlay).ofKind("Deployment")) {
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            JsonNode container = container(deployment);
            assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean(), Rendered.id(deployment));
            assertTrue(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean());
            assertFalse(container.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true));
            assertEquals("/q/health/ready", container.path("readinessProbe").path("httpGet").path("path").asText());
            assertEquals("/q/health/live", container.path("livenessProbe").path("httpGet").path("path").asText());
            assertTrue(container.path("resources").path("requests").has("cpu"), Rendered.id(deployment));
            assertTrue(container.path("resources").path("limits").has("memory"), Rendered.id(deployment));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void eachServiceScalesOnItsOwnConsumerGroupsLagUpToThePartitionsItCanUse(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        for (String service : SERVICES) {
            ObjectNode scaled = rendered.one("ScaledObject", service);
            assertEquals(service, scaled.path("spec").path("scaleTargetRef").path("name").asText());
            assertFalse(rendered.one("Deployment", service).path("spec").has("replicas"),
                    service + ": a Deployment KEDA scales must not set replicas");
            JsonNode trigger = StreamSupport.stream(scaled.path("spec").path("triggers").spliterator(), false)
                    .filter(each -> "kafka".equals(each.path("type").asText())).findFirst().orElseThrow();
            String topic = trigger.path("metadata").path("topic").asText();
            int partitions = rendered.one("KafkaTopic", topic).path("spec").path("partitions").asInt();
            assertTrue(scaled.path("spec").path("maxReplicaCount").asInt() <= partitions, service);
            assertEquals(groupReading(service, topic), trigger.path("metadata").path("consumerGroup").asText(), service);
            assertTrue(allows(aclsOfUser("keda"), "group", groupReading(service, topic), "Describe"));
        }
    }

    @Test
    void inProductionEachServiceHasADisruptionBudgetSeveralReplicasAndSpreadsOverNodes() {
        Rendered rendered = Rendered.overlay("production");
        for (String service : SERVICES) {
            ObjectNode budget = rendered.one("PodDisruptionBudget", service);
            assertEquals(service, budget.path("spec").path("selector").path("matchLabels")
                    .path("app.kubernetes.io/name").asText());
            assertTrue(rendered.one("ScaledObject", service).path("spec").path("minReplicaCount").asInt() >= 2);
            JsonNode pod = rendered.one("Deployment", service).path("spec").path("template").path("spec");
            assertFalse(pod.path("affinity").path("podAntiAffinity").isMissingNode(), service);
            assertFalse(pod.path("topologySpreadConstraints").isEmpty(), service);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void onlyTheIngressControllerReachesTheServicesAndTheWebhooksGoToGroupServiceAlone(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        JsonNode deny = rendered.one("NetworkPolicy", "qunguan-default-deny-ingress").path("spec");
        assertTrue(deny.path("podSelector").isEmpty() && deny.path("ingress").isMissingNode());
        for (ObjectNode ingress : rendered.ofKind("Ingress")) {
            for (JsonNode rule : ingress.path("spec").path("rules")) {
                for (JsonNode path : rule.path("http").path("paths")) {
                    String prefix = path.path("path").asText();
                    String backend = path.path("backend").path("service").path("name").asText();
                    assertFalse(prefix.startsWith("/q") || prefix.equals("/"), Rendered.id(ingress) + " exposes "
                            + prefix);
                    if (prefix.startsWith("/webhooks")) {
                        assertEquals("group-service", backend);
                    }
                }
            }
            assertFalse(ingress.path("spec").path("tls").isEmpty(), Rendered.id(ingress) + " without TLS");
            assertFalse(ingress.path("metadata").path("annotations").path("cert-manager.io/cluster-issuer")
                    .asText().isEmpty());
        }
    }

    @Test
    void everyAlertHasARunbookEntryAndReadsOnlyMetricsTheServicesRegister() throws IOException {
        String readme = Files.readString(Rendered.ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        Set<String> headings = readme.lines().filter(line -> line.startsWith("#### ")).map(line -> line.substring(5)
                .strip()).collect(Collectors.toSet());
        Set<String> registered = registeredMetrics();
        List<String> problems = new ArrayList<>();
        JsonNode groups = Rendered.overlay("production").one("PrometheusRule", "qunguan").path("spec").path("groups");
        int alerts = 0;
        for (JsonNode group : groups) {
            for (JsonNode rule : group.path("rules")) {
                String alert = rule.path("alert").asText();
                alerts++;
                if (!rule.path("annotations").path("runbook_url").asText().equals("README.md#" + alert.toLowerCase(
                        Locale.ROOT)) || !headings.contains(alert)) {
                    problems.add(alert + ": no runbook entry \"#### " + alert + "\" in README.md linked as runbook_url");
                }
                problems.addAll(unregistered(alert, rule.path("expr").asText(), registered));
            }
        }
        assertTrue(alerts >= 10, "only " + alerts + " alerts");
        assertEquals(List.of(), problems);
    }

    @Test
    void theDashboardShowsThePipelineAndReadsOnlyMetricsTheServicesAndKafkasExporterHave() throws IOException {
        ObjectNode configMap = Rendered.overlay("production").one("ConfigMap", "qunguan-grafana-dashboard");
        assertEquals("1", label(configMap, "grafana_dashboard"), "Grafana's sidecar loads it by this label");
        JsonNode dashboard = Rendered.YAML.readTree(configMap.path("data").path("qunguan-pipeline.json").asText());
        Set<String> titles = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        Set<String> registered = registeredMetrics();
        for (JsonNode panel : dashboard.path("panels")) {
            String title = panel.path("title").asText();
            titles.add(title);
            assertFalse(panel.path("targets").isEmpty(), title + " shows nothing");
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                problems.addAll(unregistered(title, expr, registered));
                Matcher other = Pattern.compile("\\b(kafka|http)_[a-z_]+").matcher(expr);
                while (other.find()) {
                    if (!EXPORTED_ELSEWHERE.contains(other.group())) {
                        problems.add(title + ": reads " + other.group() + ", which nothing here exports");
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(titles.containsAll(List.of("Messages a second", "Violations a second", "Consumer lag",
                "Webhook latency", "Dead letters")), titles.toString());
    }

    /** Metrics of Strimzi's Kafka Exporter and of Micrometer's HTTP server binder (buckets: HttpLatencyBuckets). */
    private static final Set<String> EXPORTED_ELSEWHERE = Set.of("kafka_consumergroup_lag",
            "kafka_topic_partition_current_offset", "http_server_requests_seconds_bucket",
            "http_server_requests_seconds_count");

    /** The qunguan_* metrics {@code expr} reads that no service registers, as problems of {@code what}. */
    private static List<String> unregistered(String what, String expr, Set<String> registered) {
        List<String> problems = new ArrayList<>();
        Matcher metric = Pattern.compile("\\bqunguan_[a-z_]+").matcher(expr);
        while (metric.find()) {
            String name = metric.group();
            String base = name.replaceFirst("_(total|count|sum|bucket|max)$", "");
            if (!registered.contains(name) && !registered.contains(base)) {
                problems.add(what + ": reads " + name + ", which no service registers");
            }
        }
        return problems;
    }

    // --- what the checks read

    private static String acl(AclBinding binding) {
        String operation = binding.entry().operation().name();
        return binding.pattern().resourceType().name().toLowerCase(Locale.ROOT) + " " + binding.pattern().name() + " "
                + (binding.pattern().patternType().name().equals("PREFIXED") ? "prefix" : "literal") + " "
                + operation.charAt(0) + operation.substring(1).toLowerCase(Locale.ROOT);
    }

    private static Set<String> aclsOfUser(String user) {
        Set<String> acls = new TreeSet<>();
        for (JsonNode rule : Rendered.overlay("production").one("KafkaUser", user).path("spec").path("authorization")
                .path("acls")) {
            JsonNode resource = rule.path("resource");
            for (JsonNode operation : rule.path("operations")) {
                acls.add(resource.path("type").asText() + " " + resource.path("name").asText() + " "
                        + resource.path("patternType").asText("literal") + " " + operation.asText());
            }
        }
        return acls;
    }

    private static boolean allows(Set<String> acls, String type, String name, String operation) {
        return acls.stream().map(acl -> acl.split(" ")).anyMatch(acl -> acl[0].equals(type) && acl[3].equals(operation)
                && (acl[2].equals("literal") ? acl[1].equals(name) : name.startsWith(acl[1])));
    }

    private static String groupReading(String service, String topic) {
        Properties config = applicationProperties(service);
        return config.stringPropertyNames().stream().filter(name -> name.matches("mp\\.messaging\\.incoming\\.[^.]+"
                + "\\.topic") && config.getProperty(name).replace(TOPIC_PREFIX, "").equals(topic))
                .map(name -> config.getProperty(name.replaceFirst("\\.topic$", ".group.id"))).findFirst()
                .orElseThrow(() -> new AssertionError(service + " reads no " + topic));
    }

    private static Properties applicationProperties(String service) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Rendered.ROOT.resolve(service)
                .resolve("src/main/resources/application.properties"), StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** The secrets table of deploy/k8s/README.md: its rows' first cells. */
    private static Set<String> secretsToCreate() {
        try {
            String readme = Files.readString(Rendered.K8S.resolve("README.md"), StandardCharsets.UTF_8);
            String section = readme.substring(readme.indexOf("## Secrets you create"));
            int next = section.indexOf("\n## ", 3);
            return (next < 0 ? section : section.substring(0, next)).lines()
                    .map(line -> Pattern.compile("^\\| `([a-z0-9-]+)` \\|").matcher(line))
                    .filter(Matcher::find).map(matcher -> matcher.group(1)).collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> secretsOf(JsonNode pod) {
        Set<String> names = new TreeSet<>();
        for (JsonNode volume : pod.path("volumes")) {
            if (volume.has("secret")) {
                names.add(volume.path("secret").path("secretName").asText());
            }
            volume.path("projected").path("sources").forEach(source -> {
                if (source.has("secret")) {
                    names.add(source.path("secret").path("name").asText());
                }
            });
        }
        pod.findValues("secretKeyRef").forEach(ref -> names.add(ref.path("name").asText()));
        pod.findValues("secretRef").forEach(ref -> names.add(ref.path("name").asText()));
        return names;
    }

    private static JsonNode container(JsonNode deployment) {
        return deployment.path("spec").path("template").path("spec").path("containers").path(0);
    }

    private static String label(JsonNode object, String label) {
        return object.path("metadata").path("labels").path(label).asText();
    }

    /** The variables a Deployment's container gets from its ConfigMaps. */
    private static Map<String, String> environment(Rendered rendered, JsonNode deployment) {
        Map<String, String> environment = new java.util.HashMap<>();
        for (JsonNode source : container(deployment).path("envFrom")) {
            String name = source.path("configMapRef").path("name").asText();
            rendered.one("ConfigMap", name).path("data").properties().forEach(entry -> environment.put(
                    entry.getKey(), entry.getValue().asText()));
        }
        return environment;
    }

    private static int seconds(String duration) {
        assertTrue(duration != null && duration.matches("\\d+s"), "a duration in seconds: " + duration);
        return Integer.parseInt(duration.substring(0, duration.length() - 1));
    }

    private static long bytes(String quantity) {
        Matcher matcher = Pattern.compile("(\\d+)([kKmMgG]i?)?").matcher(quantity);
        assertTrue(matcher.matches(), quantity);
        long value = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "" : matcher.group(2).toLowerCase(Locale.ROOT).replace("i", "");
        return switch (unit) {
            case "k" -> value << 10;
            case "m" -> value << 20;
            case "g" -> value << 30;
            default -> value;
        };
    }

    /** Every metric name the services' and libraries' code registers, as Prometheus names it. */
    private static Set<String> registeredMetrics() throws IOException {
        Set<String> names = new HashSet<>();
        Pattern literal = Pattern.compile("\"(qunguan\\.[a-z.]+[a-z])\"");
        try (Stream<Path> files = Files.walk(Rendered.ROOT)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")
                    && path.toString().contains("/src/main/java/")).toList()) {
                Matcher matcher = literal.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (matcher.find()) {
                    names.add(matcher.group(1).replace('.', '_'));
                }
            }
        }
        return names;
    }
}

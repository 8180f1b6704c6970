package io.qunguan.eventing;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Latency buckets for {@code http_server_requests_seconds}, so a p99 can be computed across replicas (the
 * QunguanWebhookSlow alert): a few bounds around what the platforms wait for an answer — DingTalk 1.5 s, Slack 3 s,
 * WeCom 5 s — rather than Micrometer's default seventy, to keep the series few.
 */
public class HttpLatencyBuckets {

    private static final double[] BOUNDS = Stream.of(25, 50, 100, 250, 500, 1000, 1500, 3000, 5000)
            .mapToDouble(millis -> Duration.ofMillis(millis).toNanos()).toArray();

    @Produces
    @Singleton
    MeterFilter serverRequestBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals("http.server.requests")) {
                    return config;
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(BOUNDS).build().merge(config);
            }
        };
    }
}

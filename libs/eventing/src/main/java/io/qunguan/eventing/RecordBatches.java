package io.qunguan.eventing;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * How a consumer handles what one poll returned: all its records in one database transaction, so a busy topic costs
 * one commit and one hand-off per batch instead of per record (docs/load-harness.md, "Where the CPU goes").
 * A transient failure is waited out for the whole batch, as {@link RecordRetries} does for one record. Any other
 * failure (a malformed record, one the domain refuses, a bug) rolls the batch back; its records are then handled
 * again one by one through {@link ChannelConsumer#consume}, each in its own transaction: the good ones are
 * acknowledged, a bad one goes to the channel's dead-letter topic with the headers every dead letter carries, and
 * the partition keeps flowing. {@code qunguan_consumer_batch_fallbacks_total{consumer}} counts such batches.
 */
@ApplicationScoped
public class RecordBatches {

    private static final Logger LOG = Logger.getLogger(RecordBatches.class);

    private final RecordRetries retries;
    private final MeterRegistry registry;
    private final Consumer<Runnable> inTransaction;
    private final Tracer tracer;

    @Inject
    public RecordBatches(RecordRetries retries, MeterRegistry registry, OpenTelemetry openTelemetry) {
        this(retries, registry, work -> QuarkusTransaction.requiringNew().run(work),
                openTelemetry.getTracer("io.qunguan.eventing"));
    }

    RecordBatches(RecordRetries retries, MeterRegistry registry, Consumer<Runnable> inTransaction, Tracer tracer) {
        this.retries = retries;
        this.registry = registry;
        this.inTransaction = inTransaction;
        this.tracer = tracer;
    }

    /**
     * Hands the batch's values, in partition order, to {@code handling} inside one transaction, and acknowledges the
     * batch; or, when that fails for a reason other than a transient one, handles its records one by one.
     */
    public CompletionStage<Void> handle(ChannelConsumer consumer, KafkaRecordBatch<String, byte[]> batch,
            Consumer<List<byte[]>> handling) {
        return handle(consumer, batch, batch.getRecords(), handling);
    }

    /**
     * Hands each record's value to {@code each}, in partition order, all inside one transaction, each under the trace
     * context its headers carry (a span of its own), so that the events it causes belong to its trace; else as
     * {@link #handle}.
     */
    public CompletionStage<Void> handleEach(ChannelConsumer consumer, KafkaRecordBatch<String, byte[]> batch,
            Consumer<byte[]> each) {
        return handleEach(consumer, batch, batch.getRecords(), each);
    }

    CompletionStage<Void> handleEach(ChannelConsumer consumer, Message<?> batch,
            List<? extends Message<byte[]>> records, Consumer<byte[]> each) {
        return handle(consumer, batch, records, values -> records.forEach(record -> traced(consumer, record,
                () -> each.accept(record.getPayload()))));
    }

    CompletionStage<Void> handle(ChannelConsumer consumer, Message<?> batch, List<? extends Message<byte[]>> records,
            Consumer<List<byte[]>> handling) {
        List<byte[]> values = records.stream().map(Message::getPayload).toList();
        try {
            retries.runWaitingOutTransient(consumer.channel(),
                    () -> inTransaction.accept(() -> handling.accept(values)));
        } catch (RuntimeException failure) {
            registry.counter("qunguan.consumer.batch.fallbacks", "consumer", consumer.channel()).increment();
            LOG.infof("%s: a batch of %d records failed (%s); handling them one by one", consumer.channel(),
                    records.size(), failure.toString());
            return oneByOne(consumer, records);
        }
        return batch.ack();
    }

    private CompletionStage<Void> oneByOne(ChannelConsumer consumer, List<? extends Message<byte[]>> records) {
        List<CompletableFuture<Void>> outcomes = new ArrayList<>(records.size());
        for (Message<byte[]> record : records) {
            CompletionStage<Void> outcome;
            try {
                traced(consumer, record, () -> consumer.consume(record.getPayload()));
                outcome = record.ack();
            } catch (RuntimeException failure) {
                outcome = record.nack(failure);
            }
            outcomes.add(outcome.toCompletableFuture());
        }
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new));
    }

    /** Runs {@code work} in a consumer span whose parent is the context the record's headers carry. */
    private void traced(ChannelConsumer consumer, Message<byte[]> record, Runnable work) {
        Context parent = record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(metadata -> TraceContexts.of(metadata.getHeaders())).orElse(Context.root());
        Span span = tracer.spanBuilder(consumer.channel() + " process").setParent(parent)
                .setSpanKind(SpanKind.CONSUMER).startSpan();
        try (Scope scope = span.makeCurrent()) {
            work.run();
        } catch (RuntimeException failure) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR);
            throw failure;
        } finally {
            span.end();
        }
    }
}

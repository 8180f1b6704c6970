package io.qunguan.group.domain;

import io.qunguan.events.Platform;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a platform as its id ({@code wecom}, …); an id no platform has fails the read instead of passing as text. */
@Converter(autoApply = true)
public class PlatformColumn implements AttributeConverter<Platform, String> {

    @Override
    public String convertToDatabaseColumn(Platform platform) {
        return platform == null ? null : platform.id();
    }

    @Override
    public Platform convertToEntityAttribute(String id) {
        return id == null ? null : Platform.of(id);
    }
}

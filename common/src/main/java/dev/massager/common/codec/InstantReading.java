package dev.massager.common.codec;

import java.time.Instant;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;

/**
 * Jackson's reader of {@link Instant}s with a fast path in front: a string in the form the codec writes is read by
 * {@link Instants}; anything else (another ISO form, a number, a null) goes to Jackson's own reader as configured,
 * which accepts and refuses as before.
 */
final class InstantReading extends DelegatingDeserializer {

    private InstantReading(ValueDeserializer<?> jacksons) {
        super(jacksons);
    }

    /** Puts the fast path in front of every {@link Instant} reader of a mapper. */
    static ValueDeserializerModifier modifier() {
        return new ValueDeserializerModifier() {
            @Override
            public ValueDeserializer<?> modifyDeserializer(
                    DeserializationConfig config, BeanDescription.Supplier bean, ValueDeserializer<?> deserializer) {
                return bean.getBeanClass() == Instant.class ? new InstantReading(deserializer) : deserializer;
            }
        };
    }

    @Override
    protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegatee) {
        return new InstantReading(delegatee);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            Instant instant = Instants.canonical(parser.getString());
            if (instant != null) {
                return instant;
            }
        }
        return super.deserialize(parser, context);
    }
}

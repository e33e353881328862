package dev.massager.common.codec;

import com.networknt.schema.Error;
import dev.massager.common.PayloadException;
import dev.massager.common.RejectReason;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Turns the validator's errors into one {@link PayloadException}. A payload often breaks several rules at
 * once; the one reported is chosen deterministically: the version first (nothing else matters if we do not
 * speak it), then the event type (it decides which other rules apply), then the first field in path order
 * (array indexes numerically), then the most basic rule on that field (type before range before format).
 */
final class SchemaErrors {

    private static final String VERSION = "/v";
    private static final String DISCRIMINATOR = "/type";
    private static final String ANY_OF = "/anyOf/";

    /** Lower ranks win among errors on the same field. */
    private static final Map<String, Integer> KEYWORD_RANK = Map.ofEntries(
            Map.entry("type", 0),
            Map.entry("required", 1),
            Map.entry("const", 2),
            Map.entry("enum", 3),
            Map.entry("minimum", 4),
            Map.entry("maximum", 4),
            Map.entry("exclusiveMinimum", 4),
            Map.entry("exclusiveMaximum", 4),
            Map.entry("minItems", 4),
            Map.entry("maxItems", 4),
            Map.entry("minLength", 5),
            Map.entry("maxLength", 5),
            Map.entry("pattern", 6),
            Map.entry("format", 7));

    private static final Comparator<Candidate> MOST_SPECIFIC = Comparator.comparingInt(Candidate::group)
            .thenComparing(Candidate::field, SchemaErrors::comparePointers)
            .thenComparingInt(Candidate::rank)
            .thenComparingInt(Candidate::index);

    private SchemaErrors() {}

    static PayloadException mostSpecific(List<Error> errors) {
        List<Candidate> candidates = new ArrayList<>(errors.size());
        for (int i = 0; i < errors.size(); i++) {
            candidates.add(Candidate.of(errors.get(i), i));
        }
        Candidate best = candidates.stream().min(MOST_SPECIFIC).orElseThrow();
        return best.anyOfGroup() == null ? toException(best) : atLeastOneOf(best, candidates);
    }

    private static PayloadException toException(Candidate candidate) {
        Error error = candidate.error();
        String keyword = String.valueOf(error.getKeyword());
        JsonNode instance = error.getInstanceNode();
        String field = candidate.field();
        return switch (keyword) {
            case "required" ->
                new PayloadException(RejectReason.MISSING_FIELD, field, "'" + error.getProperty() + "' is required");
            case "type" -> new PayloadException(RejectReason.WRONG_TYPE, field, error.getMessage());
            case "const" ->
                field.endsWith(VERSION)
                        ? new PayloadException(
                                RejectReason.UNSUPPORTED_VERSION, field, "only version 1 is supported, got " + instance)
                        : new PayloadException(RejectReason.OUT_OF_RANGE, field, error.getMessage());
            case "enum" ->
                instance != null && instance.isString()
                        ? new PayloadException(RejectReason.UNKNOWN_ENUM_VALUE, field, error.getMessage())
                        : new PayloadException(RejectReason.OUT_OF_RANGE, field, error.getMessage());
            case "maxItems" -> new PayloadException(RejectReason.TOO_MANY_ITEMS, field, error.getMessage());
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minItems", "minLength", "maxLength" ->
                new PayloadException(RejectReason.OUT_OF_RANGE, field, error.getMessage());
            default -> new PayloadException(RejectReason.INVALID_FORMAT, field, error.getMessage());
        };
    }

    /**
     * An {@code anyOf} of {@code required} alternatives ("at least one of") fails with one error per
     * alternative; report them as one, at the first alternative.
     */
    private static PayloadException atLeastOneOf(Candidate best, List<Candidate> candidates) {
        List<String> names = candidates.stream()
                .filter(c -> best.anyOfGroup().equals(c.anyOfGroup()))
                .map(c -> c.error().getProperty())
                .toList();
        String first = best.field().substring(0, best.field().lastIndexOf('/') + 1) + names.get(0);
        return new PayloadException(
                RejectReason.MISSING_FIELD, first, "at least one of " + String.join(", ", names) + " is required");
    }

    /** JSON Pointers segment by segment; all-digit segments (array indexes) numerically. */
    static int comparePointers(String a, String b) {
        String[] left = a.split("/", -1);
        String[] right = b.split("/", -1);
        for (int i = 0; i < Math.min(left.length, right.length); i++) {
            int order = compareSegments(left[i], right[i]);
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(left.length, right.length);
    }

    private static int compareSegments(String a, String b) {
        if (isIndex(a) && isIndex(b)) {
            int byLength = Integer.compare(a.length(), b.length());
            return byLength != 0 ? byLength : a.compareTo(b);
        }
        return a.compareTo(b);
    }

    private static boolean isIndex(String segment) {
        if (segment.isEmpty() || (segment.length() > 1 && segment.charAt(0) == '0')) {
            return false;
        }
        for (int i = 0; i < segment.length(); i++) {
            if (!Character.isDigit(segment.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private record Candidate(Error error, String field, int group, int rank, int index, String anyOfGroup) {

        static Candidate of(Error error, int index) {
            String location = error.getInstanceLocation().toString();
            String keyword = String.valueOf(error.getKeyword());
            String field = "required".equals(keyword) ? location + "/" + escape(error.getProperty()) : location;
            int group = VERSION.equals(field) ? 0 : DISCRIMINATOR.equals(field) ? 1 : 2;
            int rank = KEYWORD_RANK.getOrDefault(keyword, KEYWORD_RANK.size());
            return new Candidate(error, field, group, rank, index, anyOfGroup(error, keyword, location));
        }

        /** Errors from the same {@code anyOf} at the same place share this key; others have none. */
        private static String anyOfGroup(Error error, String keyword, String location) {
            String evaluationPath = error.getEvaluationPath().toString();
            int anyOf = evaluationPath.lastIndexOf(ANY_OF);
            if (!"required".equals(keyword) || anyOf < 0) {
                return null;
            }
            return location + "|" + evaluationPath.substring(0, anyOf);
        }

        private static String escape(String name) {
            return name.replace("~", "~0").replace("/", "~1");
        }
    }
}

package io.jenkins.plugins.esremote.testkit.emulation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import org.elasticsearch.common.Strings;
import org.elasticsearch.common.regex.Regex;

/** Expands the id expressions of the transform and ML APIs: {@code _all}, {@code *}, wildcards, comma lists. */
final class ResourceIds {

    private ResourceIds() {}

    /**
     * Returns the known ids {@code expression} matches, sorted. An explicit id that matches
     * nothing raises {@code missing}; a wildcard that matches nothing raises it only when
     * {@code allowNoMatch} is false, as in Elasticsearch.
     */
    static List<String> expand(
            String expression,
            Collection<String> known,
            boolean allowNoMatch,
            Function<String, ? extends RuntimeException> missing) {
        if (Strings.isNullOrEmpty(expression) || Strings.isAllOrWildcard(expression)) {
            if (known.isEmpty() && allowNoMatch == false) {
                throw missing.apply(Strings.isNullOrEmpty(expression) ? "_all" : expression);
            }
            return new ArrayList<>(new TreeSet<>(known));
        }
        TreeSet<String> matched = new TreeSet<>();
        for (String token : Strings.tokenizeToStringArray(expression, ",")) {
            if (Regex.isSimpleMatchPattern(token)) {
                List<String> hits = known.stream().filter(id -> Regex.simpleMatch(token, id)).toList();
                if (hits.isEmpty() && allowNoMatch == false) {
                    throw missing.apply(token);
                }
                matched.addAll(hits);
            } else if (known.contains(token)) {
                matched.add(token);
            } else {
                throw missing.apply(token);
            }
        }
        return new ArrayList<>(matched);
    }
}

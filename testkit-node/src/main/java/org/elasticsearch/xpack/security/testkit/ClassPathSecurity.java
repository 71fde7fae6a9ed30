package org.elasticsearch.xpack.security.testkit;

import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.xpack.security.Security;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The security plugin without SAML.
 *
 * <p>OpenSAML is not on Maven Central, and the node's injector inspects every transport action
 * class, so the SAML actions are dropped. The package must start with {@code
 * org.elasticsearch.xpack.}: only plugins there may install the REST request interceptor that
 * security needs.
 */
public class ClassPathSecurity extends Security {

    public ClassPathSecurity(Settings settings) {
        super(settings);
    }

    // The element type is ActionHandler<?, ?> on 8.x and a plain ActionHandler on 9.x; the raw
    // List erases to the same method signature on both.
    @Override
    @SuppressWarnings({ "rawtypes", "unchecked" })
    public List getActions() {
        List<Object> withoutSaml = new ArrayList<>();
        for (Object handler : super.getActions()) {
            if (actionName(handler).toLowerCase(Locale.ROOT).contains("saml") == false) {
                withoutSaml.add(handler);
            }
        }
        return withoutSaml;
    }

    private static String actionName(Object handler) {
        try {
            Method getAction = handler.getClass().getMethod("getAction");
            Object actionType = getAction.invoke(handler);
            return (String) actionType.getClass().getMethod("name").invoke(actionType);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the action name of " + handler, e);
        }
    }
}

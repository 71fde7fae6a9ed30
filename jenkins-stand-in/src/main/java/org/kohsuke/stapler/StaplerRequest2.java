package org.kohsuke.stapler;

import net.sf.json.JSONObject;

/** An HTTP request as Stapler sees it; only form binding is declared. */
public interface StaplerRequest2 {

    /** Sets the bean's {@code @DataBoundSetter} properties from the submitted form. */
    void bindJSON(Object bean, JSONObject src);
}

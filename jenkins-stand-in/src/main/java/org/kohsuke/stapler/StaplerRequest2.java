package org.kohsuke.stapler;

import net.sf.json.JSONObject;

/** An HTTP request in Stapler. The stand-in declares only form binding. */
public interface StaplerRequest2 {

    /** Sets the bean's {@code @DataBoundSetter} properties from the submitted form. */
    void bindJSON(Object bean, JSONObject src);
}

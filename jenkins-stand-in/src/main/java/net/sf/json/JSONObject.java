package net.sf.json;

/** A submitted form as JSON; the stand-in carries no content. */
public final class JSONObject {

    public JSONObject() {}
}

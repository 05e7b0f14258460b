package org.slotscope.engine.event;

/** The outcomes of getNodeByQuery (cluster.c) that are not "serve here". */
public enum RedirectKind {
    MOVED("MOVED"),
    ASK("ASK"),
    /** CLUSTER_REDIR_CROSS_SLOT */
    CROSS_SLOT("CROSSSLOT"),
    /** CLUSTER_REDIR_UNSTABLE: -TRYAGAIN */
    UNSTABLE("TRYAGAIN"),
    /** CLUSTER_REDIR_DOWN_STATE */
    DOWN_STATE("CLUSTERDOWN"),
    /** CLUSTER_REDIR_DOWN_RO_STATE */
    DOWN_RO_STATE("CLUSTERDOWN"),
    /** CLUSTER_REDIR_DOWN_UNBOUND */
    DOWN_UNBOUND("CLUSTERDOWN");

    private final String errorCode;

    RedirectKind(String errorCode) {
        this.errorCode = errorCode;
    }

    /** The first word of the error reply clusterRedirectClient sends for it: MOVED, ASK, CROSSSLOT, TRYAGAIN, CLUSTERDOWN. */
    public String errorCode() {
        return errorCode;
    }
}

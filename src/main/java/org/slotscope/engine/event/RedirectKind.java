package org.slotscope.engine.event;

/** The outcomes of getNodeByQuery (cluster.c) that are not "serve here". */
public enum RedirectKind {
    MOVED,
    ASK,
    /** CLUSTER_REDIR_CROSS_SLOT */
    CROSS_SLOT,
    /** CLUSTER_REDIR_UNSTABLE: -TRYAGAIN */
    UNSTABLE,
    /** CLUSTER_REDIR_DOWN_STATE */
    DOWN_STATE,
    /** CLUSTER_REDIR_DOWN_RO_STATE */
    DOWN_RO_STATE,
    /** CLUSTER_REDIR_DOWN_UNBOUND */
    DOWN_UNBOUND
}

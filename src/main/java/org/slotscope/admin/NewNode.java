package org.slotscope.admin;

import org.slotscope.engine.command.Reply;
import org.slotscope.link.Connector;
import org.slotscope.link.NodeLink;

/**
 * A node that create or add-node is about to configure, checked as redis-cli checks it
 * (clusterManagerNodeIsCluster, clusterManagerNodeLoadInfo, clusterManagerNodeIsEmpty): it answers,
 * runs in cluster mode, has no key in db0 and knows no other node. Holds the open link.
 */
public record NewNode(String host, int port, String id, int busPort, NodeLink link) {
    public String address() {
        return host + ":" + port;
    }

    /**
     * Connects and checks the node; closes the link and throws {@link OperationException} with
     * redis-cli's wording when the node is not usable.
     *
     * @throws org.slotscope.link.LinkException when the node cannot be reached
     */
    public static NewNode open(Connector connect, String address) {
        Connector.HostPort hp = Connector.parse(address);
        NodeLink link = connect.connect(address);
        try {
            String where = "Node " + hp.host() + ":" + hp.port();
            Reply info = link.send("INFO");
            if (info instanceof Reply.Error error) {
                throw new OperationException(where + " " + error.message());
            }
            String infoText = text(info);
            if (!"1".equals(infoField(infoText, "cluster_enabled"))) {
                throw new OperationException(where + " is not configured as a cluster node.");
            }
            Reply nodes = link.send("CLUSTER", "NODES");
            if (nodes instanceof Reply.Error error) {
                throw new OperationException(where + " replied with error: " + error.message());
            }
            String myselfLine = null;
            for (String line : text(nodes).split("\n")) {
                if (line.contains("myself")) {
                    myselfLine = line.strip();
                }
            }
            if (myselfLine == null) {
                throw new OperationException(where + " did not list itself in CLUSTER NODES");
            }
            NodeEntry self = ClusterNodesParser.parseLine(myselfLine);
            String notEmpty = where + " is not empty. Either the node already knows other nodes (check with CLUSTER"
                    + " NODES) or contains some key in database 0.";
            String db0 = infoField(infoText, "db0");
            if (db0 != null) {
                throw new OperationException(notEmpty + " (db0: " + db0 + ")");
            }
            Reply clusterInfo = link.send("CLUSTER", "INFO");
            if (clusterInfo instanceof Reply.Error error) {
                throw new OperationException(where + " replied with error: " + error.message());
            }
            String known = infoField(text(clusterInfo), "cluster_known_nodes");
            if (!"1".equals(known)) {
                throw new OperationException(notEmpty + " (it knows " + known + " nodes)");
            }
            return new NewNode(hp.host(), hp.port(), self.id(), busPort(myselfLine, hp.port()), link);
        } catch (RuntimeException e) {
            link.close();
            throw e;
        }
    }

    /** The cluster bus port in "ip:port@cport": redis-cli passes it to MEET when it is not port + 10000. */
    static int busPort(String nodesLine, int port) {
        String[] fields = nodesLine.split(" ");
        int at = fields.length > 1 ? fields[1].indexOf('@') : -1;
        if (at < 0) {
            return port + 10000;
        }
        String rest = fields[1].substring(at + 1);
        int comma = rest.indexOf(',');
        return Integer.parseInt(comma < 0 ? rest : rest.substring(0, comma));
    }

    /** getInfoField: the value after "field:" up to the end of its line, or null. */
    static String infoField(String info, String field) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).strip();
            }
        }
        return null;
    }

    static String text(Reply reply) {
        String text = Reply.text(reply);
        if (text == null) {
            throw new IllegalStateException("expected a text reply, got " + reply);
        }
        return text;
    }
}

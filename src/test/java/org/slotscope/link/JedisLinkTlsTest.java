package org.slotscope.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.slotscope.engine.command.Reply;
import org.slotscope.live.ClusterPoller;
import org.slotscope.live.PollStatus;
import org.slotscope.testsupport.RealServer;
import org.slotscope.testsupport.RedisBinaries;

/**
 * TLS to a real redis-server (Debian's is built with TLS) on a TLS-only port, with a self-signed
 * certificate made by openssl and a trust store made by keytool, as a teacher would set up a
 * classroom cluster: trusted through the keytool store or the PEM file it connects and a poller
 * attaches; untrusted, or without TLS, it is a clear one-line error.
 */
class JedisLinkTlsTest {
    @TempDir
    static Path dir;
    private static RealServer server;
    private static Path trustStore;
    private static Path certificate;

    @BeforeAll
    static void makeCertificateAndStartTlsServer() throws Exception {
        Path openssl = RedisBinaries.requireOpenssl();
        certificate = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        run(openssl.toString(), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out",
                certificate.toString(), "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1");
        trustStore = dir.resolve("trust.p12");
        run(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-importcert", "-noprompt",
                "-alias", "classroom-redis", "-file", certificate.toString(), "-keystore", trustStore.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit");
        try {
            server = RealServer.start(List.of("--port", "0", "--tls-port", "{port}", "--tls-cert-file",
                    certificate.toString(), "--tls-key-file", key.toString(), "--tls-ca-cert-file",
                    certificate.toString(), "--tls-auth-clients", "no", "--cluster-enabled", "yes",
                    "--cluster-config-file", "nodes.conf"));
        } catch (AssertionFailedError e) {
            // a redis-server built without BUILD_TLS=yes rejects the tls-* directives: say so, do not fail
            Assumptions.assumeFalse(e.getMessage().contains("Bad directive") && e.getMessage().contains("tls"),
                    "this redis-server was built without TLS support: " + e.getMessage());
            throw e;
        }
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + ":\n" + out);
    }

    private static final ConnectOptions TLS = new ConnectOptions(3000, null, null, true);

    @Test
    void aTrustStoreMadeByKeytoolTrustsTheSelfSignedNodeAndAPollerAttaches() throws Exception {
        SSLSocketFactory trusted = TlsTrust.fromTrustStore(trustStore, "changeit".toCharArray());
        String id;
        try (JedisLink link = new JedisLink("127.0.0.1", server.port(), TLS, trusted)) {
            id = ((Reply.BulkString) link.send("CLUSTER", "MYID")).asString();
        }
        List<PollStatus> statuses = new ArrayList<>();
        try (ClusterPoller poller = new ClusterPoller(JedisLink.connector(TLS, trusted), server.address(), 100)) {
            poller.addStatusListener(s -> {
                synchronized (statuses) {
                    statuses.add(s);
                }
            });
            poller.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (poller.latest() == null && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(poller.latest() != null, "no snapshot; statuses: " + statuses);
            assertEquals(id, poller.latest().nodes().get(0).id().value());
            assertTrue(poller.status() instanceof PollStatus.Polled p && p.problems().isEmpty(),
                    poller.status().message());
        }
    }

    @Test
    void theCaCertificateAsPemWorksLikeRedisClisCacert() {
        try (JedisLink link = new JedisLink("127.0.0.1", server.port(), TLS, TlsTrust.fromPem(certificate))) {
            assertEquals("PONG", ((Reply.BulkString) link.send("PING")).asString());
        }
    }

    @Test
    void anUntrustedCertificateIsATlsError() {
        // the JVM's default trust store knows no self-signed classroom certificate
        LinkException e = assertThrows(LinkException.class, () -> new JedisLink("127.0.0.1", server.port(), TLS));
        assertEquals(LinkException.Reason.TLS, e.reason());
        assertEquals("cannot connect to " + server.address()
                + " over TLS: the node's certificate is not trusted (its CA is not in the trust store)", e.getMessage());
    }

    @Test
    void aPlainConnectionToTheTlsPortSuggestsTls() {
        LinkException e = assertThrows(LinkException.class,
                () -> new JedisLink("127.0.0.1", server.port(), ConnectOptions.timeout(3000)));
        assertEquals("cannot connect to " + server.address()
                + ": the node closed the connection (a TLS port? connect with TLS)", e.getMessage());
    }
}

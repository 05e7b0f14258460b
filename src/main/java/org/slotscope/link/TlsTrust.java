package org.slotscope.link;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Whom a TLS link trusts, when it is not the JVM's default trust store: the CA certificates of a PEM
 * file (what redis-cli's {@code --cacert} takes), or a Java trust store (what keytool makes). Self-signed
 * clusters, common in classrooms, need one of the two.
 */
public final class TlsTrust {
    private TlsTrust() {
    }

    /** Trusts exactly the certificates in this PEM file (one or more). */
    public static SSLSocketFactory fromPem(Path caCertificates) {
        try (InputStream in = Files.newInputStream(caCertificates)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("no certificate in " + caCertificates);
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            return factory(store);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the CA certificate file " + caCertificates + ": "
                    + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a PEM certificate file: " + caCertificates + " ("
                    + e.getMessage() + ")", e);
        }
    }

    /** Trusts the certificates of a Java trust store (PKCS12 or JKS; the password may be null). */
    public static SSLSocketFactory fromTrustStore(Path trustStore, char[] storePassword) {
        try {
            return factory(KeyStore.getInstance(trustStore.toFile(), storePassword));
        } catch (IOException e) {
            // KeyStore reports a wrong store password as an IOException too; its message has no secret
            throw new IllegalArgumentException("cannot read the trust store " + trustStore + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a trust store: " + trustStore + " (" + e.getMessage() + ")", e);
        }
    }

    private static SSLSocketFactory factory(KeyStore trusted) throws GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context.getSocketFactory();
    }
}

package io.credwatch.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A TLS server socket whose certificate is self-signed: valid for 127.0.0.1, so the only
 * thing a client can object to is that nobody vouches for it, as with an intercepting proxy.
 * The key pair is made once per JVM with the JDK's keytool (the JDK has no public API for it).
 */
final class UntrustedTls {

    private static final char[] PASSWORD = "faulty-tls".toCharArray();
    private static SSLContext context;

    private UntrustedTls() {
    }

    static ServerSocket serverSocket() throws IOException {
        return context().getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    private static synchronized SSLContext context() throws IOException {
        if (context == null) {
            try {
                Path dir = Files.createTempDirectory("untrusted-tls");
                Path store = dir.resolve("server.p12");
                Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                        "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                        "-dname", "CN=127.0.0.1", "-ext", "SAN=IP:127.0.0.1", "-validity", "2",
                        "-storetype", "PKCS12", "-keystore", store.toString(),
                        "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                        .redirectErrorStream(true).start();
                String output = new String(keytool.getInputStream().readAllBytes());
                if (!keytool.waitFor(30, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                    throw new IOException("keytool failed: " + output);
                }
                KeyStore keys = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(store)) {
                    keys.load(in, PASSWORD);
                }
                Files.delete(store);
                Files.delete(dir);
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, PASSWORD);
                SSLContext tls = SSLContext.getInstance("TLS");
                tls.init(kmf.getKeyManagers(), null, null);
                context = tls;
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("cannot make the untrusted certificate", e);
            }
        }
        return context;
    }
}

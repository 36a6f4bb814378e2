package io.credwatch.testing;

import io.credwatch.config.KeyType;
import io.credwatch.credential.ApiCredentials;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Self-generated exchange keys as an operator makes them: the private key as the PKCS#8 PEM a
 * bot reads, the public key as the exchange holds it, both from the JDK's key generator (never
 * from the code under test, so a shared mistake cannot pass).
 */
public final class PemKeys {

    /** A generated key: the private half as PEM text, the public half as the exchange was given it. */
    public record Pair(KeyType type, String pem, PublicKey publicKey) {

        /** The base64 between the PEM's lines, on one line: the secret itself. */
        public String body() {
            return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        }

        /** Every {@code length}-character piece of the body: none may show anywhere. */
        public List<String> pieces(int length) {
            String body = body();
            List<String> pieces = new ArrayList<>();
            for (int i = 0; i + length <= body.length(); i++) {
                pieces.add(body.substring(i, i + length));
            }
            return pieces;
        }

        /** The pair an account of this key type signs with, the PEM in the secret's place. */
        public ApiCredentials credentials(String apiKey) {
            return ApiCredentials.of(apiKey, pem).signingWith(type).ready().orElseThrow(() ->
                    new IllegalStateException("a generated " + type.label() + " key does not parse"));
        }

        @Override
        public String toString() {
            return "PemKeys.Pair[" + type.label() + "]";
        }
    }

    private PemKeys() {
    }

    public static Pair ed25519() {
        return generate(KeyType.ED25519, "Ed25519", 0);
    }

    public static Pair rsa() {
        return generate(KeyType.RSA, "RSA", 2048);
    }

    /** What {@code openssl genpkey} writes: base64 in lines of 64, between the armor lines. */
    public static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    private static Pair generate(KeyType type, String algorithm, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (bits > 0) {
                generator.initialize(bits);
            }
            KeyPair pair = generator.generateKeyPair();
            return new Pair(type, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

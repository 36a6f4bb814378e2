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

    /**
     * Bybit's published 1024-bit test key ("for testing only"), PKCS#1, with a signature
     * example: https://bybit-exchange.github.io/docs/v5/asset/fiat-convert/signature-algorithm
     */
    public static final String BYBIT_EXAMPLE_RSA = """
            -----BEGIN RSA PRIVATE KEY-----
            MIICXwIBAAKBgQDhUp4arbuNEzraJPsl3gfju+j12/1QCVOGIoeoVYjnUhne4plp
            gkmcj6bJd05i4VKAfq082A3WK5WGJ4OnFZ+slIcY6TFg+EKeSuBs471DNH/gMZSm
            DI/DkAIAz5mRtWucnRa43uDy8rQu7FMNxj+E05PMYOojB5mD3UQ7+wBFnQIDAQAB
            AoGBAIqpeCi83516xw32EiSEleBdBIlA34vAoYj7ePZr5PtN+CPE2Von1rslYCO9
            axzIwyfWTTATWbiCS9sqOAe78+1t3shU0ryXelWQ95LOdiMp0ZvU3ya6MzSVuiuL
            6gOQYu8kzRqCzqvyMNdAHFMmP0iESefYegaiU46yQo2ZZAtVAkEA/N6gl4tYJBef
            e/Gxi7qhuIKz0mvfA/yieRuiVhFb25oJaagU6hBuzegmbs45hh+n4bw8AA9k0bvi
            3IBIdV/CbwJBAOQcsOPf+lrs4PEJYUQ8/eqiG7tgIUeXxuerfPYMAzvJ7EU1u72o
            /5V9zdim+hPq+9cvsqO7dkJx+cEpgwHKzrMCQQDoYqArJP/Hi34hpaiIxOdCbbtc
            MY4uV8noiqDRf/pvAkyMMM+nm5p42FQZmKP8wrLCHP72/y6kIIsIIUx1sZ85AkEA
            15eWR4jEoXMIFkd7Onc6tKuJ8kokqfl08DhP3mv0EmoBeFgUnGhBRxSjnIQUDwck
            Bnj6KW1fk+UM29dUDjmTqQJBAITyP16eBWjlzcgaxoT2d/d7S7AXvgCxCzRRi5ph
            IavMyjrhDKyBGZ0mI6eoREaC4bxl31RRkYtg9mNeU3TxsBM=
            -----END RSA PRIVATE KEY-----
            """;

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

package io.credwatch.credential;

import io.credwatch.config.KeyType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an exchange private key from the PEM the bots read: PKCS#8
 * ({@code -----BEGIN PRIVATE KEY-----}, what Binance's and Bybit's key generators and
 * {@code openssl genpkey} write) for ed25519 and rsa, and PKCS#1
 * ({@code -----BEGIN RSA PRIVATE KEY-----}, what older OpenSSL writes) for rsa. Only the JDK's
 * own crypto is used. Every way the text can fail is a reason in words that name the problem
 * and never quote the key: the PEM is a secret, and so is any part of it.
 */
final class PrivateKeyPem {

    /** Why a PEM gives no key; the message is credwatch's own, never the parser's. */
    static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        Unusable(String reason) {
            super(reason, null, false, false);
        }
    }

    static final String PKCS8 = "PRIVATE KEY";
    static final String PKCS1_RSA = "RSA PRIVATE KEY";
    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----",
            Pattern.DOTALL);
    private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");
    /** A block's label is shown only when it looks like one: upper-case words, nothing that could be key text. */
    private static final Pattern LABEL = Pattern.compile("[A-Z][A-Z ]{0,38}[A-Z]");
    /** rsaEncryption with NULL parameters (RFC 8017, A.1): what a PKCS#1 key is wrapped in to become PKCS#8. */
    private static final byte[] RSA_ALGORITHM = HexFormat.of().parseHex("300d06092a864886f70d0101010500");
    /** To name what a key of the wrong type is instead; JDK algorithm name to how an operator says it. */
    private static final Map<String, String> OTHER_ALGORITHMS = Map.of(
            "RSA", "an RSA", "Ed25519", "an Ed25519", "Ed448", "an Ed448", "EC", "an EC (ECDSA)");
    private static final List<String> ALGORITHM_ORDER = List.of("RSA", "Ed25519", "Ed448", "EC");
    private static final byte[] SELF_CHECK = "credwatch derives the public key".getBytes(StandardCharsets.UTF_8);

    private PrivateKeyPem() {
    }

    /** @param text the PEM as a source holds it; a one-line value with its newlines written {@code \n} is read too */
    static SigningKey parse(KeyType type, String text) throws Unusable {
        String what = "the " + type.label() + " private key";
        String notPem = what + " does not parse as PKCS#8 PEM: ";
        // Env files and console pastes carry a PEM on one line, its newlines escaped.
        String pem = text.replace("\\n", "\n");
        Matcher block = BLOCK.matcher(pem);
        if (!block.find()) {
            Matcher begin = BEGIN.matcher(pem);
            throw new Unusable(begin.find()
                    ? notPem + shown(begin.group(1)) + " has no END line (cut short?)"
                    : notPem + "there is no -----BEGIN " + PKCS8 + "----- line");
        }
        String label = block.group(1);
        String body = block.group(2);
        // PKCS#8 says so in its label, OpenSSL's older PKCS#1 in a Proc-Type header inside the block.
        if (label.contains("ENCRYPTED") || body.contains("Proc-Type:")) {
            throw new Unusable(what + " is encrypted, and credwatch reads unencrypted keys only, as "
                    + "-----BEGIN " + PKCS8 + "-----");
        }
        if (label.contains("PUBLIC KEY")) {
            throw new Unusable(what + " is a public key (" + shown(label) + "): the private half belongs here; "
                    + "the exchange holds the public one");
        }
        if (!label.equals(PKCS8) && !label.equals(PKCS1_RSA)) {
            throw new Unusable(notPem + "it is a " + shown(label) + " block, not -----BEGIN " + PKCS8 + "-----");
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new Unusable(notPem + "the text between its lines is not base64");
        }
        if (label.equals(PKCS1_RSA)) {
            der = pkcs8(der);
        }
        String algorithm = type == KeyType.ED25519 ? "Ed25519" : "RSA";
        Optional<PrivateKey> key = decode(algorithm, der);
        if (key.isEmpty()) {
            for (String other : ALGORITHM_ORDER) {
                if (!other.equals(algorithm) && decode(other, der).isPresent()) {
                    throw new Unusable(what + " is " + OTHER_ALGORITHMS.get(other) + " key, not " + type.label());
                }
            }
            throw new Unusable(notPem + "the key inside is cut short or damaged");
        }
        return new SigningKey(type, key.get(), publicHalf(type, key.get(), what));
    }

    /** The block's label as it may be shown: {@code -----BEGIN OPENSSH PRIVATE KEY-----}, or a neutral word. */
    private static String shown(String label) {
        return LABEL.matcher(label).matches() ? "-----BEGIN " + label + "-----" : "a PEM block";
    }

    /**
     * The JDK parses untrusted DER and may end in an exception of any kind on a damaged one;
     * every end is "not this kind of key", and none of its messages is kept.
     */
    private static Optional<PrivateKey> decode(String algorithm, byte[] der) {
        try {
            return Optional.of(KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der)));
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** PrivateKeyInfo ::= SEQUENCE { version 0, rsaEncryption, OCTET STRING { RSAPrivateKey } } (RFC 5208). */
    private static byte[] pkcs8(byte[] pkcs1) {
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        info.writeBytes(new byte[] {0x02, 0x01, 0x00});
        info.writeBytes(RSA_ALGORITHM);
        info.writeBytes(der(0x04, pkcs1));
        return der(0x30, info.toByteArray());
    }

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length < 0x100 ? 1 : length < 0x10000 ? 2 : 3;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    /**
     * The public half, as the exchange holds it. RSA: from the modulus and public exponent a
     * CRT key carries. Ed25519: the JDK derives no public key from a private one, but its key
     * generator computes the public key from the 32 bytes its random source gives; handed the
     * seed as that source, it computes this key's. A signature checked with the result proves it.
     */
    private static byte[] publicHalf(KeyType type, PrivateKey key, String what) throws Unusable {
        try {
            if (type == KeyType.RSA) {
                if (!(key instanceof RSAPrivateCrtKey crt)) {
                    throw new Unusable(what + " lacks its public exponent (not a CRT key)");
                }
                return KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent())).getEncoded();
            }
            byte[] seed = ((EdECPrivateKey) key).getBytes()
                    .orElseThrow(() -> new Unusable(what + " does not reveal its bytes to derive the public key"));
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new SeedAsRandom(seed));
            PublicKey derived = generator.generateKeyPair().getPublic();
            if (!verifies(key, derived)) {
                throw new IllegalStateException("this JDK's Ed25519 key generator does not derive a key from its seed");
            }
            return derived.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK from 15 on has RSA and Ed25519 keys: "
                    + e.getClass().getSimpleName());
        }
    }

    private static boolean verifies(PrivateKey key, PublicKey derived) throws GeneralSecurityException {
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(key);
        signer.update(SELF_CHECK);
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(derived);
        verifier.update(SELF_CHECK);
        return verifier.verify(signer.sign());
    }

    /** Gives the seed, and only the seed, to the key generator that asks for random bytes. */
    private static final class SeedAsRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final transient byte[] seed;

        SeedAsRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("the key generator asked for " + bytes.length + " bytes, not a seed");
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
        }
    }
}

package io.z3chat.gateway.downstream;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Reads the RSA keys of the internal tokens from the text of an environment variable, by the same rules in the
 * gateway and llm-proxy-service (each has this class): a PEM PKCS#8 ({@code BEGIN PRIVATE KEY}) or PKCS#1
 * ({@code BEGIN RSA PRIVATE KEY}) private key, or the bare base64 of PKCS#8; a PEM X.509 ({@code BEGIN PUBLIC KEY})
 * public key or its bare base64, which is what smallrye-jwt reads in the verifying services. Line ends may be LF, CRLF
 * or a literal {@code \n} (how some environments carry newlines). Encrypted keys and other algorithms are refused
 * with a message naming the variable.
 */
public final class PemKeys {

    /** DER of the AlgorithmIdentifier rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters. */
    private static final byte[] RSA_ENCRYPTION = { 0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00 };

    private PemKeys() {
    }

    public static PrivateKey privateKey(String text) {
        try {
            Pem pem = Pem.read(text);
            byte[] pkcs8 = switch (pem.label()) {
                case "PRIVATE KEY", "" -> pem.der();
                case "RSA PRIVATE KEY" -> sequence(new byte[] { 0x02, 0x01, 0x00 }, RSA_ENCRYPTION, tagged(0x04, pem.der()));
                default -> throw new IllegalArgumentException("unsupported PEM type " + pem.label());
            };
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("INTERNAL_JWT_PRIVATE_KEY is not an RSA private key "
                    + "(PEM PKCS#8 or PKCS#1, or the base64 of PKCS#8)", e);
        }
    }

    public static PublicKey publicKey(String text) {
        try {
            Pem pem = Pem.read(text);
            if (!pem.label().equals("PUBLIC KEY") && !pem.label().isEmpty()) {
                throw new IllegalArgumentException("unsupported PEM type " + pem.label());
            }
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(pem.der()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("INTERNAL_JWT_PUBLIC_KEY is not an RSA public key "
                    + "(PEM X.509, or its base64)", e);
        }
    }

    /** {@code label} is empty for bare base64. */
    private record Pem(String label, byte[] der) {

        static Pem read(String text) {
            if (text == null) {
                throw new IllegalArgumentException("no key");
            }
            String normalized = text.replace("\\n", "\n").trim();
            String label = "";
            String body = normalized;
            int begin = normalized.indexOf("-----BEGIN ");
            if (begin >= 0) {
                int labelEnd = normalized.indexOf("-----", begin + 11);
                if (labelEnd < 0) {
                    throw new IllegalArgumentException("unterminated PEM header");
                }
                label = normalized.substring(begin + 11, labelEnd);
                String end = "-----END " + label + "-----";
                int endAt = normalized.indexOf(end, labelEnd);
                if (endAt < 0) {
                    throw new IllegalArgumentException("missing " + end);
                }
                body = normalized.substring(labelEnd + 5, endAt);
            }
            byte[] der = Base64.getDecoder().decode(body.replaceAll("\\s", ""));
            if (der.length == 0) {
                throw new IllegalArgumentException("empty key");
            }
            return new Pem(label, der);
        }
    }

    private static byte[] sequence(byte[]... parts) {
        return tagged(0x30, concat(parts));
    }

    private static byte[] tagged(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
                out.write(length >>> shift);
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}

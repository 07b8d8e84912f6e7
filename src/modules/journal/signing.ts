// The closures' signature: Ed25519 (node:crypto) over the closure's hash. The private key comes from
// JOURNAL_SIGNING_KEY (base64 PKCS#8 DER); its public key is stored in journal_keys under its id (the first 16
// hex digits of the SHA-256 of its DER form), published in the back office and in every archive, so closures
// signed before a key change still verify.
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { sha256 } from './canonical.js';

export interface SigningKey {
  keyId: string;
  /** SPKI PEM of the public key. */
  publicKeyPem: string;
  sign(hash: string): string;
}

export function publicKeyId(publicKey: KeyObject): string {
  return sha256(publicKey.export({ format: 'der', type: 'spki' }).toString('hex')).slice(0, 16);
}

export function loadSigningKey(base64Pkcs8: string): SigningKey {
  const privateKey = createPrivateKey({
    key: Buffer.from(base64Pkcs8, 'base64'),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = createPublicKey(privateKey);
  return {
    keyId: publicKeyId(publicKey),
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    sign: (hash) => sign(null, Buffer.from(hash, 'hex'), privateKey).toString('base64'),
  };
}

/** True when `signature` (base64) is the signature of `hash` by the public key (SPKI PEM). */
export function verifySignature(publicKeyPem: string, hash: string, signature: string): boolean {
  try {
    return verify(
      null,
      Buffer.from(hash, 'hex'),
      createPublicKey(publicKeyPem),
      Buffer.from(signature, 'base64'),
    );
  } catch {
    return false;
  }
}

/** The id a public key (SPKI PEM) is published under; null when the text is not a public key. */
export function keyIdOfPem(publicKeyPem: string): string | null {
  try {
    return publicKeyId(createPublicKey(publicKeyPem));
  } catch {
    return null;
  }
}

/**
 * Encrypts values as the Pulumi CLI's passphrase secrets manager does, written here from its
 * documented scheme rather than from lib/pulumi/passphrase.ts: PBKDF2-SHA256 (1,000,000 rounds) of the
 * passphrase over an 8-byte salt gives the AES-256-GCM key; a value is `v1:<nonce>:<ciphertext+tag>`
 * in base64, and the salt line `v1:<salt>:<"pulumi" encrypted>`.
 */
import * as crypto from "crypto";

export interface PassphraseStack {
  /** `encryptionsalt:` of a stack file, and `secrets_providers.state.salt` of a stack export. */
  readonly salt: string;
  encrypt(plaintext: string): string;
}

export function passphraseStack(passphrase: string): PassphraseStack {
  const salt = crypto.randomBytes(8);
  const key = crypto.pbkdf2Sync(passphrase, salt, 1_000_000, 32, "sha256");
  const encrypt = (plaintext: string) => {
    const nonce = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv("aes-256-gcm", key, nonce);
    const sealed = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
    return `v1:${nonce.toString("base64")}:${sealed.toString("base64")}`;
  };
  return { salt: `v1:${salt.toString("base64")}:${encrypt("pulumi")}`, encrypt };
}

/**
 * Pulumi's passphrase secrets manager, for reading secrets offline: the key is PBKDF2-SHA256 of the
 * passphrase over the stack's salt (1,000,000 rounds, 32 bytes), values are AES-256-GCM encrypted and
 * written `v1:<base64 nonce>:<base64 ciphertext and tag>`. The salt is kept as
 * `v1:<base64 salt>:<the word "pulumi" encrypted with the key>`, so a wrong passphrase is told apart.
 */
import * as crypto from "crypto";
import { FILE_LIMITS, readLimitedFile } from "./limited-file";

const ROUNDS = 1_000_000;
const KEY_BYTES = 32;
const TAG_BYTES = 16;
const CHECK_VALUE = "pulumi";

/** A passphrase that does not open the stack's secrets, or a value that is not Pulumi's encoding. */
export class PassphraseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PassphraseError";
  }
}

/** The passphrase the user gave, as the Pulumi CLI reads it: PULUMI_CONFIG_PASSPHRASE, else PULUMI_CONFIG_PASSPHRASE_FILE. */
function passphraseFromEnv(): string | undefined {
  const env = process.env;
  if (env.PULUMI_CONFIG_PASSPHRASE !== undefined) return env.PULUMI_CONFIG_PASSPHRASE;
  const file = env.PULUMI_CONFIG_PASSPHRASE_FILE;
  if (!file) return undefined;
  try {
    // A pipe too: a passphrase is often given as <(command).
    return readLimitedFile(file, FILE_LIMITS.passphrase, "a passphrase file", { pipes: true }).trim();
  } catch (e) {
    throw new PassphraseError(`cannot read PULUMI_CONFIG_PASSPHRASE_FILE ${file}: ${(e as Error).message}`);
  }
}

export type Decrypt = (ciphertext: string) => string;

/** Why a passphrase stack's secrets are unknown. */
const NO_PASSPHRASE =
  "the stack's passphrase was not given: set PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE";

/** Why secrets of another secrets provider are unknown. */
function otherProvider(provider: string): string {
  return `encrypted by the stack's secrets provider (${provider}), which only the Pulumi CLI can open`;
}

/** A stack's secrets: how to decrypt them, or why they stay unknown. */
export interface StackSecrets {
  readonly decrypt?: Decrypt;
  readonly unknown?: string;
}

/**
 * How to open a stack's secrets: with the passphrase the user gave, when `salt` (a passphrase stack's
 * salt line) is given, otherwise not at all, being another secrets `provider`'s. Fails on a passphrase
 * that does not open them.
 */
export function openSecrets(salt: string | undefined, provider: string): StackSecrets {
  if (salt === undefined) return { unknown: otherProvider(provider) };
  const passphrase = passphraseFromEnv();
  if (passphrase === undefined) return { unknown: NO_PASSPHRASE };
  return { decrypt: passphraseDecrypter(passphrase, salt) };
}

/** A decrypter for a stack whose salt line is `state`; fails on a passphrase that does not match it. */
function passphraseDecrypter(passphrase: string, state: string): Decrypt {
  const [version, salt] = state.split(":", 2);
  if (version !== "v1" || salt === undefined) {
    throw new PassphraseError(`the stack's encryption salt is not of the form v1:<salt>:<check value>`);
  }
  const key = crypto.pbkdf2Sync(passphrase, Buffer.from(salt, "base64"), ROUNDS, KEY_BYTES, "sha256");
  const decrypt = (ciphertext: string) => decryptValue(key, ciphertext);
  let check: string | undefined;
  try {
    check = decrypt(state.slice(version.length + salt.length + 2));
  } catch {
    check = undefined;
  }
  if (check !== CHECK_VALUE) {
    throw new PassphraseError(
      "incorrect passphrase: PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE) does not open this stack's secrets",
    );
  }
  return decrypt;
}

function decryptValue(key: Buffer, value: string): string {
  const parts = value.split(":");
  if (parts.length !== 3 || parts[0] !== "v1") {
    // Never echoed: it may be a plaintext secret written where its ciphertext belongs.
    throw new PassphraseError("it is not an encrypted value of the form v1:<nonce>:<ciphertext>");
  }
  const nonce = Buffer.from(parts[1], "base64");
  const sealed = Buffer.from(parts[2], "base64");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, nonce);
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([
      decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    throw new PassphraseError(
      "a secret does not decrypt with this passphrase: it was encrypted for another stack",
    );
  }
}

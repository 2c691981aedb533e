import { createHash, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';

/**
 * Checkpoints of the process log in the format transparency logs use, so that anyone can keep
 * the log's head and later hold the log to it with tools that already exist:
 *
 * - c2sp.org/signed-note: a text ending in a newline, a blank line, then signature lines
 *   `— <key name> <base64(4-byte key id || signature)>`. For Ed25519 (signature type 0x01) the
 *   key id is the first 4 bytes of SHA-256(key name || "\n" || 0x01 || 32-byte public key),
 *   and the signature is over the text, final newline included.
 * - c2sp.org/tlog-checkpoint: the text is the origin (the log's name, also the key's name),
 *   the size (here the head's seq) in decimal and the head hash in base64, one per line.
 *
 * node:crypto signs and verifies; this file only lays out and reads the bytes.
 */

/** The signature type byte of Ed25519 in signed notes. */
const ED25519_TYPE = 0x01;
const EM_DASH = '\u2014';
/** Enough for a checkpoint with a few dozen cosignatures; notes are read from requests. */
export const MAX_NOTE_LENGTH = 16_384;
const MAX_SIGNATURES = 64;

/** A key name (and checkpoint origin): non-empty printable ASCII without spaces or `+`. */
export function isKeyName(name: string): boolean {
  return /^[\x21-\x2a\x2c-\x7e]{1,255}$/.test(name);
}

/** The 32 raw bytes of an Ed25519 public key (RFC 8032 encoding). */
export function ed25519PublicKeyBytes(key: KeyObject): Buffer {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 key');
  return Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
}

/** The signed-note key id: SHA-256(name || "\n" || 0x01 || public key), first 4 bytes. */
export function noteKeyId(name: string, publicKey: KeyObject): Buffer {
  return createHash('sha256')
    .update(name)
    .update('\n')
    .update(Buffer.from([ED25519_TYPE]))
    .update(ed25519PublicKeyBytes(publicKey))
    .digest()
    .subarray(0, 4);
}

/** The verifier key in signed-note form: `<name>+<key id, 8 hex>+<base64(0x01 || public key)>`. */
export function noteVerifierKey(name: string, publicKey: KeyObject): string {
  const typed = Buffer.concat([Buffer.from([ED25519_TYPE]), ed25519PublicKeyBytes(publicKey)]);
  return `${name}+${noteKeyId(name, publicKey).toString('hex')}+${typed.toString('base64')}`;
}

/** Signs `text` (which must end in a newline) as a signed note by `name`'s Ed25519 key. */
export function signNote(text: string, name: string, privateKey: KeyObject): string {
  if (!text.endsWith('\n')) throw new Error('a note text ends in a newline');
  if (!isKeyName(name)) throw new Error('not a key name');
  const signature = sign(null, Buffer.from(text, 'utf8'), privateKey);
  const blob = Buffer.concat([noteKeyId(name, privateKey), signature]).toString('base64');
  return `${text}\n${EM_DASH} ${name} ${blob}\n`;
}

/** The text of a checkpoint: origin, size (the head's seq) and head hash (hex in, base64 out). */
export function checkpointText(origin: string, seq: number, hashHex: string): string {
  if (!/^[0-9a-f]{64}$/.test(hashHex)) throw new Error('not a SHA-256 hash in hex');
  return `${origin}\n${seq}\n${Buffer.from(hashHex, 'hex').toString('base64')}\n`;
}

export interface NoteSignature {
  name: string;
  keyId: Buffer;
  signature: Buffer;
}

export interface ParsedCheckpoint {
  /** The signed text, final newline included. */
  text: string;
  origin: string;
  seq: number;
  /** The head hash as the process log writes it: 64 hex digits. */
  hash: string;
  signatures: NoteSignature[];
}

/** A note that is not a well-formed checkpoint; `reason` says why, in a sentence for a client. */
export class CheckpointFormatError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'CheckpointFormatError';
  }
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Reads a signed checkpoint note; throws CheckpointFormatError when it is not one. Checks no signature. */
export function parseCheckpoint(note: string): ParsedCheckpoint {
  const fail = (reason: string): never => {
    throw new CheckpointFormatError(reason);
  };
  if (note.length > MAX_NOTE_LENGTH) fail(`is longer than ${MAX_NOTE_LENGTH} characters`);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what the format forbids
  if (/[\u0000-\u0009\u000b-\u001f]/.test(note)) fail('contains a control character other than newline');
  if (!note.endsWith('\n')) fail('does not end in a newline');
  const split = note.lastIndexOf('\n\n');
  if (split < 0) fail('has no blank line between the text and the signatures');
  const text = note.slice(0, split + 1);
  const signatureLines = note.slice(split + 2, -1).split('\n');
  if (signatureLines.length > MAX_SIGNATURES) fail(`has more than ${MAX_SIGNATURES} signatures`);
  const signatures = signatureLines.map((line) => {
    // Other keys' names may be any Unicode without spaces or "+": they are ignored, not refused.
    const m = /^\u2014 ([^\s+]+) (\S+)$/u.exec(line);
    if (!m) fail('has a signature line that is not "— <key name> <base64 signature>"');
    const bytes = BASE64.test(m![2]) ? Buffer.from(m![2], 'base64') : Buffer.alloc(0);
    if (bytes.length < 5) fail('has a signature that is not base64 of a key id and a signature');
    return { name: m![1], keyId: bytes.subarray(0, 4), signature: bytes.subarray(4) };
  });
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) fail('does not have the three lines of a checkpoint: origin, size and hash');
  const [origin, size, hash64] = lines;
  if (origin === '') fail('has an empty origin line');
  if (!/^(0|[1-9][0-9]{0,15})$/.test(size) || !Number.isSafeInteger(Number(size))) {
    fail('has a size line that is not a whole number without leading zeros');
  }
  const hash = BASE64.test(hash64) ? Buffer.from(hash64, 'base64') : Buffer.alloc(0);
  if (hash.length !== 32) fail('has a hash line that is not the base64 of 32 bytes');
  return { text, origin, seq: Number(size), hash: hash.toString('hex'), signatures };
}

/**
 * Whether the note carries a valid signature by this key (c2sp.org/signed-note: signatures of
 * other keys are ignored; one that claims this key's name and id must verify).
 */
export function checkNoteSignature(
  note: Pick<ParsedCheckpoint, 'text' | 'signatures'>,
  name: string,
  publicKey: KeyObject,
): 'valid' | 'unsigned' | 'invalid' {
  const keyId = noteKeyId(name, publicKey);
  const ours = note.signatures.filter((s) => s.name === name && s.keyId.equals(keyId));
  if (ours.length === 0) return 'unsigned';
  const text = Buffer.from(note.text, 'utf8');
  return ours.every((s) => s.signature.length === 64 && verify(null, text, publicKey, s.signature))
    ? 'valid'
    : 'invalid';
}

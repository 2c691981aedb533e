import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import {
  CheckpointFormatError,
  checkNoteSignature,
  checkpointText,
  noteKeyId,
  noteVerifierKey,
  parseCheckpoint,
  signNote,
} from './checkpoint.js';

/**
 * The example of golang.org/x/mod/sumdb/note (the reference implementation of signed notes):
 * its signer key, verifier key and signed note. Ed25519 signatures are deterministic, so the
 * same key and text must give this note byte for byte.
 */
const GO_SIGNER = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const GO_VERIFIER = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_TEXT =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_NOTE =
  GO_TEXT +
  '\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';

/** The Go signer key holds 0x01 and the 32-byte Ed25519 seed; PKCS#8 wraps the seed in a fixed prefix. */
function goPrivateKey() {
  const seed = Buffer.from(GO_SIGNER.split('+').slice(4).join('+'), 'base64').subarray(1);
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}

describe('signed notes (c2sp.org/signed-note)', () => {
  it('signs exactly as the Go reference implementation does, key id and verifier key included', () => {
    const key = goPrivateKey();
    expect(noteKeyId('PeterNeumann', key).toString('hex')).toBe('c74f20a3');
    expect(noteVerifierKey('PeterNeumann', createPublicKey(key))).toBe(GO_VERIFIER);
    expect(signNote(GO_TEXT, 'PeterNeumann', key)).toBe(GO_NOTE);
  });
});

describe('checkpoints (c2sp.org/tlog-checkpoint)', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const origin = 'gemeente-groningen.nl/wijkflow';
  const hash = 'ab'.repeat(32);
  const note = signNote(checkpointText(origin, 42, hash), origin, privateKey);

  it('writes origin, seq and the base64 head hash, each on its own line, then the signature', () => {
    const lines = note.split('\n');
    expect(lines.slice(0, 4)).toEqual([origin, '42', Buffer.from(hash, 'hex').toString('base64'), '']);
    expect(lines[4]).toMatch(new RegExp(`^— ${origin} [A-Za-z0-9+/]{91}=$`));
    expect(lines[5]).toBe('');
  });

  it('reads back what it wrote and verifies the signature', () => {
    const parsed = parseCheckpoint(note);
    expect(parsed).toMatchObject({ origin, seq: 42, hash });
    expect(checkNoteSignature(parsed, origin, publicKey)).toBe('valid');
  });

  it('tells a changed note, another key and a missing signature apart', () => {
    const changed = parseCheckpoint(note.replace('\n42\n', '\n43\n'));
    expect(checkNoteSignature(changed, origin, publicKey)).toBe('invalid');
    const other = generateKeyPairSync('ed25519');
    expect(checkNoteSignature(parseCheckpoint(note), origin, other.publicKey)).toBe('unsigned');
    const byOther = signNote(checkpointText(origin, 42, hash), 'someone.example/else', privateKey);
    expect(checkNoteSignature(parseCheckpoint(byOther), origin, publicKey)).toBe('unsigned');
  });

  it('ignores signatures of other keys beside its own (cosignatures)', () => {
    const witness = generateKeyPairSync('ed25519');
    const cosigned =
      note +
      signNote(checkpointText(origin, 42, hash), 'witness.example', witness.privateKey).split('\n\n')[1];
    expect(checkNoteSignature(parseCheckpoint(cosigned), origin, publicKey)).toBe('valid');
  });

  it.each([
    ['', /newline/],
    ['gemeente-groningen.nl/wijkflow\n42\n', /blank line/],
    [note.replace('\n42\n', '\n042\n'), /size/],
    [note.replace('\n42\n', '\n-1\n'), /size/],
    [note.replace(Buffer.from(hash, 'hex').toString('base64'), 'abc'), /hash/],
    [note.replace('— ', '- '), /signature line/],
    [note.replace('\n\n', '\n\n\t'), /control character/],
    [`${origin}\n42\n\n— ${origin} AAAAAAAA\n`, /three lines|hash/],
    ['x'.repeat(20_000), /longer/],
  ])('refuses a malformed note, saying why (%#)', (bad, reason) => {
    expect(() => parseCheckpoint(bad)).toThrow(CheckpointFormatError);
    expect(() => parseCheckpoint(bad)).toThrow(reason);
  });
});

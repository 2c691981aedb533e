// Signatures as Standard Webhooks (standardwebhooks.com) defines them, so a receiver can check
// a POST with that project's libraries and refuse one that is replayed later.
import { createHmac } from 'node:crypto';

/** Standard Webhooks' prefix of a secret given as the base64 of the key. */
export const SECRET_PREFIX = 'whsec_';
/** Standard base64 (not base64url); the padding may be left off, as the reference library allows. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;
const MIN_KEY_BYTES = 24;
const MAX_KEY_BYTES = 64;
const MIN_LEGACY_CHARACTERS = 16;

/**
 * The HMAC key in NOTIFY_WEBHOOK_SECRET, or what is wrong with the value. `whsec_<base64>` is
 * the Standard Webhooks form: the key is the decoded bytes, 24 to 64 of them. Any other value
 * is a secret from before (16 characters or more): its UTF-8 bytes are the key, so it keeps
 * working and equals `whsec_` followed by the base64 of those bytes, the form a receiver's
 * library is given.
 */
export function parseWebhookSecret(secret: string): { key: Buffer } | { problem: string } {
  if (secret.startsWith(SECRET_PREFIX)) {
    const encoded = secret.slice(SECRET_PREFIX.length);
    const key = Buffer.from(encoded, 'base64');
    if (!BASE64.test(encoded) || key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
      return {
        problem: `must be ${SECRET_PREFIX} followed by the base64 of ${MIN_KEY_BYTES} to ${MAX_KEY_BYTES} random bytes`,
      };
    }
    return { key };
  }
  if (secret.length < MIN_LEGACY_CHARACTERS) {
    return {
      problem: `must be ${SECRET_PREFIX}<base64 of ${MIN_KEY_BYTES} to ${MAX_KEY_BYTES} random bytes>, or at least ${MIN_LEGACY_CHARACTERS} characters`,
    };
  }
  return { key: Buffer.from(secret, 'utf8') };
}

/** The key of a secret that loadConfig accepted. */
export function webhookKey(secret: string): Buffer {
  const parsed = parseWebhookSecret(secret);
  if ('problem' in parsed) throw new Error(`NOTIFY_WEBHOOK_SECRET ${parsed.problem}`);
  return parsed.key;
}

export interface WebhookHeaders {
  /** The same for every attempt at one message, so a receiver can drop duplicates. */
  'webhook-id': string;
  /** Seconds since the epoch at this attempt: a receiver refuses one too far from its clock. */
  'webhook-timestamp': string;
  /** `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`; absent without a secret. */
  'webhook-signature'?: string;
}

/** The Standard Webhooks headers of one attempt to send `body`; signed when there is a key. */
export function webhookHeaders(id: string, at: Date, body: string, key: Buffer | null): WebhookHeaders {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const headers: WebhookHeaders = { 'webhook-id': id, 'webhook-timestamp': timestamp };
  if (key) {
    const mac = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`, 'utf8').digest('base64');
    headers['webhook-signature'] = `v1,${mac}`;
  }
  return headers;
}

import { randomBytes } from 'node:crypto';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { parseWebhookSecret, webhookHeaders, webhookKey } from './webhook-signature.js';

/** The headers as a receiver's framework hands them over. */
const signed = (id: string, at: Date, body: string, key: Buffer) =>
  ({ ...webhookHeaders(id, at, body, key) }) as unknown as Record<string, string>;

// Checked against the Standard Webhooks reference library, as a receiver would check them.
describe('Standard Webhooks signatures', () => {
  it("gives the specification's example signature", () => {
    // The example in the Standard Webhooks specification.
    const key = webhookKey('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    const headers = webhookHeaders(
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      new Date(1614265330 * 1000),
      '{"test": 2432232314}',
      key,
    );
    expect(headers).toEqual({
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
  });

  it('is verified by the reference library, and fails when the body, id or time is changed', () => {
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const body = JSON.stringify({ id: '17', topic: 'case.submitted' });
    const headers = signed('17', new Date(), body, webhookKey(secret));
    const receiver = new Webhook(secret);
    expect(receiver.verify(body, headers)).toEqual(JSON.parse(body));
    const refused = (b: string, h: Record<string, string>) => () => receiver.verify(b, h);
    expect(refused(body.replace('17', '18'), headers)).toThrow(WebhookVerificationError);
    expect(refused(body, { ...headers, 'webhook-id': '18' })).toThrow(WebhookVerificationError);
    const ts = Number(headers['webhook-timestamp']);
    expect(refused(body, { ...headers, 'webhook-timestamp': String(ts + 1) })).toThrow(
      WebhookVerificationError,
    );
    expect(refused(body, { ...headers, 'webhook-signature': 'v1,' })).toThrow(WebhookVerificationError);
  });

  it('is refused by a receiver when replayed after the tolerance of five minutes', () => {
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const body = '{"id":"17"}';
    const sixMinutesAgo = new Date(Date.now() - 6 * 60 * 1000);
    const replayed = signed('17', sixMinutesAgo, body, webhookKey(secret));
    expect(() => new Webhook(secret).verify(body, replayed)).toThrow(/too old/);
  });

  it('sends id and timestamp but no signature without a secret', () => {
    expect(webhookHeaders('17', new Date(1614265330_000), '{}', null)).toEqual({
      'webhook-id': '17',
      'webhook-timestamp': '1614265330',
    });
  });

  it('takes an older secret without whsec_ as the bytes of its characters', () => {
    const legacy = 'een-oud-geheim-van-32-tekens-lang';
    expect(parseWebhookSecret(legacy)).toEqual({ key: Buffer.from(legacy, 'utf8') });
    const body = '{"id":"17"}';
    const headers = signed('17', new Date(), body, webhookKey(legacy));
    // The receiver is given the same key as whsec_ + base64, or as raw bytes.
    const asWhsec = `whsec_${Buffer.from(legacy, 'utf8').toString('base64')}`;
    expect(new Webhook(asWhsec).verify(body, headers)).toEqual({ id: '17' });
    expect(new Webhook(Buffer.from(legacy, 'utf8'), { format: 'raw' }).verify(body, headers)).toEqual({
      id: '17',
    });
    expect(webhookKey(asWhsec)).toEqual(webhookKey(legacy));
  });

  it('refuses a whsec_ secret that is not base64 of 24 to 64 bytes, and a short older one', () => {
    const whsec = (bytes: number) => `whsec_${randomBytes(bytes).toString('base64')}`;
    expect(parseWebhookSecret(whsec(24))).toHaveProperty('key');
    expect(parseWebhookSecret(whsec(64))).toHaveProperty('key');
    // Padding may be left off, as the reference library allows.
    const padded = whsec(32);
    expect(padded.endsWith('=')).toBe(true);
    expect(parseWebhookSecret(padded.replace(/=+$/, ''))).toEqual(parseWebhookSecret(padded));
    for (const bad of [
      whsec(23),
      whsec(65),
      'whsec_',
      'whsec_not base64 at all, with spaces!',
      `whsec_${randomBytes(32).toString('base64url')}_-`,
      'short',
    ]) {
      expect({ bad, parsed: parseWebhookSecret(bad) }).toEqual({
        bad,
        parsed: { problem: expect.any(String) },
      });
    }
    expect(() => webhookKey('short')).toThrow(/NOTIFY_WEBHOOK_SECRET/);
  });
});

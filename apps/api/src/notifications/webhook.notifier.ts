import type { CasesRepository } from '../cases/cases.repository.js';
import type { Database } from '../database/database.service.js';
import { DeliveryFailed, type Notification, Notifier } from './notifier.js';
import { webhookHeaders, webhookKey } from './webhook-signature.js';

const TIMEOUT_MS = 5000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The JSON body a messaging service receives: the notification, with whom to reach. */
export type WebhookBody = Omit<Notification, 'recipientId'> & {
  recipient: { id: string | null; contactEmail: string | null };
};

/**
 * POSTs each notification as JSON to the municipality's messaging service (NOTIFY_WEBHOOK_URL),
 * which sends the actual e-mail or SMS. The contact e-mail is read from the case now, so a
 * corrected or erased address is respected, and it leaves Wijkflow only in this request.
 * 2xx is delivered; any other status, a redirect (not followed: the address must not travel
 * on to another host), a network error or no answer within 5 s is a failure, retried later.
 *
 * Each POST carries the Standard Webhooks headers (see webhook-signature.ts): `webhook-id` is
 * the outbox row's id, the same on every retry; `webhook-timestamp` and, with a secret,
 * `webhook-signature` are made anew for each attempt, so a receiver can refuse a POST that
 * someone recorded and sends again later.
 */
export class WebhookNotifier extends Notifier {
  private readonly key: Buffer | null;

  constructor(
    private readonly db: Database,
    private readonly cases: CasesRepository,
    private readonly url: string,
    secret: string | null,
  ) {
    super();
    this.key = secret ? webhookKey(secret) : null;
  }

  override async deliver(n: Notification): Promise<void> {
    const body = JSON.stringify({
      id: n.id,
      topic: n.topic,
      occurredAt: n.occurredAt,
      caseId: n.caseId,
      reference: n.reference,
      toState: n.toState,
      ...(n.accountBy === undefined ? {} : { accountBy: n.accountBy }),
      recipient: { id: n.recipientId, contactEmail: await this.contactEmail(n.caseId) },
    } satisfies WebhookBody);
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'User-Agent': 'Wijkflow',
      ...webhookHeaders(n.id, new Date(), body, this.key),
    };
    let res: Response;
    try {
      res = await fetch(this.url, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new DeliveryFailed(failureReason(error));
    }
    // Read and drop the answer, so the connection can be reused.
    await res.arrayBuffer().catch(() => undefined);
    if (res.status < 200 || res.status > 299) throw new DeliveryFailed(`HTTP ${res.status}`);
  }

  private async contactEmail(caseId: string | null): Promise<string | null> {
    if (!caseId || !UUID.test(caseId)) return null;
    return this.db.read((m) => this.cases.contactEmail(m, caseId));
  }
}

/** Why fetch failed, without the URL (it may carry a key) or anything from the body. */
function failureReason(error: unknown): string {
  const e = error as { name?: unknown; cause?: { code?: unknown } };
  if (e?.name === 'TimeoutError') return `no answer within ${TIMEOUT_MS} ms`;
  const code = typeof e?.cause?.code === 'string' ? e.cause.code : null;
  return code ? `network error ${code}` : 'network error';
}

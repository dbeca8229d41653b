/**
 * Event subscriptions of the Electron renderers. The preload asks for an event with a subscription id; the
 * core's snapshot and deltas go back on the event's channel tagged with that id, so several listeners in one
 * page each get their own `init`. Everything a page subscribed is dropped when it navigates or is destroyed.
 */
import type { WebContents } from 'electron';
import { z } from 'zod';
import { PTZ_MANIFEST } from '../../shared/ipc/channels';
import type { PtzEventName } from '../../shared/ipc/contract';
import { describeZodError } from '../../shared/ipc/ipc-error';
import type { PtzCore } from '../core/core-api';

/** Most live subscriptions one page may hold; a page needs one per event, so this only stops a runaway loop. */
export const MAX_SUBSCRIPTIONS_PER_PAGE = 64;

const SubscriptionId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'subscriptionId: 1–64 letters, digits, - or _');
/** Payload of SUBSCRIBE_CHANNEL (preload → main). */
export const SubscribeRequest = z.object({ event: z.string().max(64), subscriptionId: SubscriptionId }).strict();
/** Payload of UNSUBSCRIBE_CHANNEL (preload → main). */
export const UnsubscribeRequest = z.object({ subscriptionId: SubscriptionId }).strict();

const EVENT_CHANNELS = new Map(PTZ_MANIFEST.events.map((e) => [e.event, e.channel]));

interface Page {
  readonly subs: Map<string, () => void>;
  readonly detach: () => void;
}

export class IpcSubscriptions {
  private readonly pages = new Map<number, Page>();

  constructor(private readonly core: PtzCore) {}

  /** Starts delivering `raw.event` to `sender`; throws an Error saying why a request is refused. */
  subscribe(sender: WebContents, raw: unknown): void {
    const parsed = SubscribeRequest.safeParse(raw);
    if (!parsed.success) throw new Error(`bad subscribe request: ${describeZodError(parsed.error)}`);
    const { event, subscriptionId } = parsed.data;
    const channel = EVENT_CHANNELS.get(event);
    if (channel === undefined) throw new Error(`no event ${JSON.stringify(event)} in the contract`);
    const page = this.page(sender);
    page.subs.get(subscriptionId)?.();
    page.subs.delete(subscriptionId);
    if (page.subs.size >= MAX_SUBSCRIPTIONS_PER_PAGE) {
      throw new Error(`more than ${MAX_SUBSCRIPTIONS_PER_PAGE} subscriptions from one page`);
    }
    // The core calls back with `init` synchronously inside subscribe(), so the listener must work already.
    const unsubscribe = this.core.subscribe(event as PtzEventName, (payload) => {
      if (!sender.isDestroyed()) sender.send(channel, subscriptionId, payload);
    });
    page.subs.set(subscriptionId, unsubscribe);
  }

  /** Stops one subscription of `sender`; unknown ids are ignored (it may already have been dropped). */
  unsubscribe(sender: WebContents, raw: unknown): void {
    const parsed = UnsubscribeRequest.safeParse(raw);
    if (!parsed.success) throw new Error(`bad unsubscribe request: ${describeZodError(parsed.error)}`);
    const page = this.pages.get(sender.id);
    page?.subs.get(parsed.data.subscriptionId)?.();
    page?.subs.delete(parsed.data.subscriptionId);
  }

  /** Live subscriptions of a webContents (for tests and diagnostics). */
  count(webContentsId: number): number {
    return this.pages.get(webContentsId)?.subs.size ?? 0;
  }

  /** Drops every subscription of every page. */
  dispose(): void {
    for (const id of [...this.pages.keys()]) this.dropPage(id);
  }

  private page(sender: WebContents): Page {
    const existing = this.pages.get(sender.id);
    if (existing) return existing;
    const id = sender.id;
    const onNavigate = (details: { isMainFrame: boolean; isSameDocument: boolean }) => {
      // A reload or a new document: the old page's listeners are gone; the new page subscribes afresh.
      if (details.isMainFrame && !details.isSameDocument) this.dropPage(id);
    };
    const onDestroyed = () => this.dropPage(id);
    sender.on('did-start-navigation', onNavigate);
    sender.once('destroyed', onDestroyed);
    const page: Page = {
      subs: new Map(),
      detach: () => {
        sender.removeListener('did-start-navigation', onNavigate);
        sender.removeListener('destroyed', onDestroyed);
      },
    };
    this.pages.set(id, page);
    return page;
  }

  private dropPage(webContentsId: number): void {
    const page = this.pages.get(webContentsId);
    if (!page) return;
    this.pages.delete(webContentsId);
    page.detach();
    for (const unsubscribe of page.subs.values()) unsubscribe();
  }
}

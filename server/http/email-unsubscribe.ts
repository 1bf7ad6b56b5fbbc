import express, { Router, type Response } from 'express';
import type { AppDeps } from '#server/deps';
import { escapeHtml } from '#server/mail/layout';
import { UNSUBSCRIBE_PATH, unsubscribeTarget, unsubscribeWith, type UnsubscribeScope } from '#server/mail/unsubscribe';
import { UNSUBSCRIBE_TEXTS } from '#server/mail/unsubscribe-texts';

/** A token as unsubscribeFor makes it: 32 random bytes in base64url. Anything else names nothing. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The unsubscribe links of emails, answered without a session. `GET` shows a page with a button and changes nothing,
 * since mail scanners open every link they find; `POST` (that button, or a mail client's one-click request of RFC
 * 8058, which is cross-site and carries no Origin worth checking) turns that one kind of email off. The token is the
 * whole authority, and it can do nothing else.
 */
export function emailUnsubscribeRouter(deps: AppDeps): Router {
  const router = Router();
  const path = `${UNSUBSCRIBE_PATH}:token`;
  // RFC 8058 bodies are a single short field; nothing longer is read.
  const body = express.urlencoded({ extended: false, limit: '1kb', parameterLimit: 5 });

  router.get(path, async (req, res, next) => {
    try {
      const token = req.params.token;
      const kind = typeof token === 'string' && TOKEN.test(token) ? await unsubscribeTarget(deps, token) : null;
      if (!kind) return sendPage(res, 404, UNSUBSCRIBE_TEXTS.unknownTitle, [UNSUBSCRIBE_TEXTS.unknownBody]);
      sendPage(res, 200, UNSUBSCRIBE_TEXTS.askTitle, [UNSUBSCRIBE_TEXTS.ask(kind)], {
        // Built from the checked token, never from the request line: one in absolute form
        // (`GET http://elsewhere/email/unsubscribe/…`) would otherwise send the button to another site.
        action: `${UNSUBSCRIBE_PATH}${token}`,
        label: UNSUBSCRIBE_TEXTS.button,
      });
    } catch (error) {
      next(error);
    }
  });

  router.post(path, body, async (req, res, next) => {
    try {
      const field = (req.body as Record<string, unknown> | undefined)?.['List-Unsubscribe'];
      // A body that says something else is a request we do not understand; an empty one is the button of our page.
      if (field !== undefined && field !== 'One-Click') {
        return sendPage(res, 400, UNSUBSCRIBE_TEXTS.badTitle, [UNSUBSCRIBE_TEXTS.badBody]);
      }
      const token = req.params.token;
      const kind: UnsubscribeScope | null =
        typeof token === 'string' && TOKEN.test(token) ? await unsubscribeWith(deps, token) : null;
      if (!kind) return sendPage(res, 404, UNSUBSCRIBE_TEXTS.unknownTitle, [UNSUBSCRIBE_TEXTS.unknownBody]);
      sendPage(res, 200, UNSUBSCRIBE_TEXTS.doneTitle, [UNSUBSCRIBE_TEXTS.done(kind), UNSUBSCRIBE_TEXTS.doneMore]);
    } catch (error) {
      next(error);
    }
  });

  return router;
}

function sendPage(
  res: Response,
  status: number,
  title: string,
  paragraphs: string[],
  form?: { action: string; label: string },
): void {
  res.setHeader('Cache-Control', 'no-store');
  // The token is in the address: it must not leave in a Referer, nor the page be kept by a search engine.
  res.setHeader('X-Robots-Tag', 'noindex');
  const formHtml = form
    ? `<form method="post" action="${escapeHtml(form.action)}">` +
      `<input type="hidden" name="List-Unsubscribe" value="One-Click">` +
      `<button type="submit">${escapeHtml(form.label)}</button></form>`
    : '';
  res
    .status(status)
    .type('html')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
        `<meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<meta name="robots" content="noindex"><title>${escapeHtml(title)} · Tandem</title><style>${PAGE_CSS}</style>` +
        `</head><body><main><p class="brand">Tandem</p><h1>${escapeHtml(title)}</h1>` +
        paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('') +
        formHtml +
        `<p><a href="/settings">${escapeHtml(UNSUBSCRIBE_TEXTS.settingsLink)}</a></p></main></body></html>`,
    );
}

/** The app's tokens, light and dark, for a page served without the app's stylesheet. */
const PAGE_CSS = [
  ':root{color-scheme:light dark;--bg:#f7f4ef;--card:#fff;--text:#1f2328;--muted:#575e66;--accent:#2b6a66;}',
  '@media (prefers-color-scheme: dark){:root{--bg:#16191c;--card:#20252a;--text:#e8e6e3;--muted:#b3b0ab;--accent:#7cc4bd;}}',
  "body{margin:0;background:var(--bg);color:var(--text);font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,sans-serif;font-size:16px;line-height:1.6;}",
  'main{max-width:32rem;margin:2rem auto;padding:1.5rem;background:var(--card);border-radius:12px;}',
  '.brand{color:var(--accent);font-weight:600;font-size:14px;margin:0 0 8px;}',
  'h1{font-size:1.25rem;margin:0 0 16px;}',
  'a{color:var(--accent);}',
  'button{min-height:44px;padding:10px 20px;border:none;border-radius:8px;background:var(--accent);color:var(--bg);font:inherit;font-weight:600;cursor:pointer;}',
  'button:focus-visible,a:focus-visible{outline:3px solid var(--accent);outline-offset:2px;}',
  '@media (max-width:480px){main{margin:0;border-radius:0;min-height:100vh;}}',
].join('');

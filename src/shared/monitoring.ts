// Error monitoring gateway: the only module importing @sentry/node. Active only when SENTRY_DSN is set, and the
// SDK is only loaded then (its import alone costs about 0.8 s of CPU, at every development start and in tests).
// Every event is scrubbed of credentials and card data before it leaves the process.
import type * as SentryNode from '@sentry/node';
import type { Settings } from '../config/index.js';
import { REDACTED, scrub, scrubPath, scrubQueryString, scrubUrl } from './scrub.js';

/** The SDK, once initialised (monitoring on). */
let Sentry: typeof SentryNode | undefined;

function scrubEvent<E extends SentryNode.Event>(event: E): E {
  const request = event.request;
  if (request) {
    if (request.headers) request.headers = scrub(request.headers);
    if (request.cookies) request.cookies = { cookies: REDACTED };
    if (typeof request.query_string === 'string')
      request.query_string = scrubQueryString(request.query_string);
    else if (request.query_string) request.query_string = scrub(request.query_string);
    if (request.data !== undefined) request.data = scrub(request.data);
    if (request.url) request.url = scrubUrl(request.url);
  }
  // An unmatched route is named after its raw path.
  if (event.transaction) event.transaction = scrubPath(event.transaction);
  if (event.extra) event.extra = scrub(event.extra);
  if (event.breadcrumbs) event.breadcrumbs = scrub(event.breadcrumbs);
  if (event.user) event.user = { id: event.user.id };
  return event;
}

export async function initMonitoring(settings: Settings): Promise<boolean> {
  if (!settings.sentry.dsn || Sentry) return Boolean(Sentry);
  const sdk = await import('@sentry/node');
  sdk.init({
    dsn: settings.sentry.dsn,
    environment: settings.name,
    release: settings.sentry.release ?? undefined,
    // Collect the minimum: no user info, cookies, bodies, query data or local variables; headers only by
    // allow-list. beforeSend scrubs again whatever an integration adds.
    dataCollection: {
      userInfo: false,
      cookies: false,
      httpHeaders: { request: { allow: ['user-agent', 'content-type', 'x-request-id'] }, response: false },
      httpBodies: [],
      urlQueryParams: false,
      databaseQueryData: false,
      queues: false,
      stackFrameVariables: false,
    },
    // Left unset at 0: the SDK turns tracing on for any rate given, 0 included, and then wraps every request,
    // middleware and SQL query in spans it never sends (the placement benchmark measured the cost).
    tracesSampleRate: settings.sentry.tracesSampleRate > 0 ? settings.sentry.tracesSampleRate : undefined,
    // Only with tracing: the SDK's module hooks rewrite Express, pg and others at load time so that they publish
    // the diagnostics channels its spans are made from. Without spans they feed nothing (errors are reported by
    // the error handler, reportError below), and they cost about 1 s of CPU at start, every module going
    // through a hooks thread, and work on every middleware call.
    enableRuntimeChannelInjection: settings.sentry.tracesSampleRate > 0,
    // Release-health sessions would count every request (a listener and a bucket update each) for a dashboard
    // we do not use; errors and their request isolation stay.
    integrations: [sdk.httpIntegration({ sessions: false })],
    beforeSend: (event) => scrubEvent(event),
    beforeSendTransaction: (event) => scrubEvent(event),
    beforeBreadcrumb: (crumb) => scrub(crumb),
  });
  Sentry = sdk;
  return true;
}

export interface ErrorContext {
  requestId?: string;
  method?: string;
  path?: string;
}

/** Tags everything reported while handling this request (the SDK's own captures included) with its id. */
export function tagRequest(requestId: string): void {
  Sentry?.getIsolationScope().setTag('request_id', requestId);
}

/** Reports an unexpected error; returns the Sentry event id (or undefined when monitoring is off). */
export function reportError(error: unknown, context: ErrorContext = {}): string | undefined {
  const sdk = Sentry;
  if (!sdk) return undefined;
  return sdk.withScope((scope) => {
    if (context.requestId) scope.setTag('request_id', context.requestId);
    if (context.method && context.path) scope.setTag('route', `${context.method} ${context.path}`);
    return sdk.captureException(error);
  });
}

export async function flushMonitoring(timeoutMs = 2000): Promise<void> {
  await Sentry?.flush(timeoutMs);
}

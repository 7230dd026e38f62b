import { Hono, type MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { setResponseHeaders } from '../../node-bindings.ts';

/**
 * Security headers on every response (hono's secureHeaders), plus a Content-Security-Policy chosen by what is
 * served: the exam and console pages may load only their own scripts, styles, fonts and images and talk only
 * to this server; print pages run no script at all; API responses carry a lean set (nosniff, no framing, no
 * cross-origin reads, no referrer) and are never cached.
 */
export type PagePolicy = 'app' | 'print' | 'api';

const APP_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

const PRINT_CSP = {
  defaultSrc: ["'none'"],
  styleSrc: ["'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
};
const API_CSP = { defaultSrc: ["'none'"], frameAncestors: ["'none'"] };

// JSON needs only what stops it being sniffed, framed, cached or read cross-origin: every header is bytes on
// each of thousands of answer saves a second.
const API_ONLY = {
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
  xFrameOptions: false,
  permissionsPolicy: {},
} as const;

const optionsFor = (policy: PagePolicy) => ({
  contentSecurityPolicy: policy === 'app' ? APP_CSP : policy === 'print' ? PRINT_CSP : API_CSP,
  ...(policy === 'api' ? API_ONLY : {}),
  // The exam client needs fullscreen, and the camera for 开考拍照 (one frame, with consent, when the batch asks);
  // nothing needs the microphone or location.
  ...(policy === 'api'
    ? {}
    : {
        permissionsPolicy: {
          camera: policy === 'app' ? ['self'] : [],
          microphone: [],
          geolocation: [],
          payment: [],
          usb: [],
          fullscreen: ['self'],
        },
      }),
  // HSTS only makes sense behind TLS; a test room usually serves plain HTTP on the LAN.
  strictTransportSecurity: false,
});

/**
 * The headers hono's secureHeaders produces for a policy, captured once. They are the same on every response
 * (no nonces here); they are set on the Node response before the handler runs, far cheaper on the answer-save
 * path than building and editing WHATWG Headers for every response.
 */
async function headersOf(policy: PagePolicy): Promise<[string, string][]> {
  const probe = new Hono();
  probe.use(secureHeaders(optionsFor(policy)));
  probe.get('/', (c) => c.body(null, 204));
  const res = await probe.request('/');
  const out: [string, string][] = [];
  res.headers.forEach((value, name) => out.push([name, value]));
  if (policy !== 'app') out.push(['cache-control', 'no-store']);
  return out;
}

const captured = new Map<PagePolicy, Promise<[string, string][]>>();

export function securityHeaders(policy: PagePolicy): MiddlewareHandler {
  let list: [string, string][] | undefined;
  if (!captured.has(policy)) captured.set(policy, headersOf(policy));
  const ready = captured.get(policy)!.then((l) => (list = l));
  return async (c, next) => {
    setResponseHeaders(c, list ?? (await ready));
    await next();
  };
}

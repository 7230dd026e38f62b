const DEVICE_KEY = 'kaowu.exam.device';

/**
 * This machine's identity for the one-device-at-a-time rule: chosen once and kept in localStorage. Made with
 * `crypto.getRandomValues`, which (unlike `randomUUID`) also works on a test room's plain-http LAN address.
 */
export function deviceId(storage: Storage, cryptoImpl: Pick<Crypto, 'getRandomValues'> = crypto): string {
  const known = storage.getItem(DEVICE_KEY);
  if (known !== null && /^[A-Za-z0-9_-]{8,64}$/.test(known)) return known;
  const bytes = cryptoImpl.getRandomValues(new Uint8Array(16));
  const id = btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
  storage.setItem(DEVICE_KEY, id);
  return id;
}

// The engine's last word on where load goes: the host confirmed one origin (the editor's gate);
// if the engine's own resolution of the scenario lands elsewhere, nothing is sent at all.

/** Why the run must not start, or undefined when `origin` is the confirmed one (or none was given, as in the CLI). */
export function originRefusal(origin: string, allowed: string | undefined): string | undefined {
  if (allowed === undefined) return undefined;
  let confirmed: string;
  try {
    confirmed = new URL(allowed).origin;
  } catch {
    return `Refused to send: the confirmed origin '${allowed}' is not a URL. No request was sent.`;
  }
  if (confirmed === origin) return undefined;
  return `Refused to send: the scenario resolves to ${origin}, but the confirmed target was ${confirmed}. No request was sent.`;
}

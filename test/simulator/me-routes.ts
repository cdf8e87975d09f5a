import type { Application } from './application';
import { isSettable } from './directory';
import { makeMeAvailableRequired, methodNotAllowed, UcwaError, validationFailure } from './errors';
import { json, noContent, type SimRequest, type SimResponse } from './http-types';
import { readInputs } from './input';
import { callForwardingSettingsResource, phonesResource } from './me-resources';
import { communicationResource, locationResource, meResource, noteResource, presenceResource } from './resources';
import type { SimCore } from './sim-core';

const MESSAGE_FORMATS = ['Plain', 'Html'];
const AUDIO_PREFERENCES = ['PhoneAudio', 'VoipAudio'];

/**
 * The server normalises makeMeAvailable's phoneNumber to a `tel:` URI (digits, leading +);
 * undefined when the text holds no phone number.
 */
export function normalisePhone(text: string): string | undefined {
  const trimmed = text.trim().replace(/^tel:/i, '');
  if (!/^\+?[\d\s().-]{3,}$/.test(trimmed)) return undefined;
  const digits = trimmed.replace(/\D/g, '');
  return digits.length < 3 ? undefined : `tel:${trimmed.startsWith('+') ? '+' : ''}${digits}`;
}

const MODALITIES = ['Audio', 'Video', 'PhoneAudio', 'ApplicationSharing', 'Messaging', 'DataCollaboration', 'PanoramicVideo'];

/**
 * `me` and its children (ucwa-protocol.md §4): makeMeAvailable, presence, note, location,
 * reportMyActivity. `rest` is the path below the application, e.g. `me/presence`.
 */
export function meRoutes(core: SimCore, app: Application, req: SimRequest, rest: string): SimResponse | undefined {
  const me = core.directory.person(app.user)!;
  const only = (method: string): void => {
    if (req.method !== method) throw methodNotAllowed();
  };
  switch (rest) {
    case 'me':
      only('GET');
      return json(200, meResource(app, me));
    case 'me/makemeavailable':
      only('POST');
      return makeMeAvailable(core, app, req);
    case 'me/presence': {
      if (!app.available) throw makeMeAvailableRequired();
      if (req.method === 'GET') {
        const availability = core.availabilityOf(app.user);
        return json(200, presenceResource(app, availability, availability === 'Offline' ? undefined : me.activity));
      }
      only('POST');
      const inputs = readInputs(req);
      const value = inputs.get('availability');
      if (inputs.size === 0 || value === undefined || value === null || value === '') {
        core.publish(app, null); // empty body = reset to automatic
        return noContent();
      }
      if (!isSettable(value)) throw validationFailure('availability', 'must be one of Online, Busy, DoNotDisturb, BeRightBack, Away, Offwork');
      core.publish(app, value);
      return noContent();
    }
    case 'me/note':
      if (!app.available) throw makeMeAvailableRequired();
      if (req.method === 'GET') return json(200, noteResource(app, me.note));
      only('POST');
      me.note = readInputs(req).string('message') ?? '';
      core.noteChanged(app.user, 'note');
      return noContent();
    case 'me/location': {
      if (!app.available) throw makeMeAvailableRequired();
      if (req.method === 'GET') return json(200, locationResource(app, me.location));
      only('POST');
      const location = readInputs(req).string('location') ?? '';
      if (location.length > 60) throw validationFailure('location', 'at most 60 characters');
      me.location = location;
      core.noteChanged(app.user, 'location');
      return noContent();
    }
    case 'me/reportmyactivity':
      only('POST');
      if (!app.available) throw makeMeAvailableRequired();
      core.markActive(app);
      return noContent();
    case 'me/callforwardingsettings':
      only('GET');
      return json(200, callForwardingSettingsResource(app));
    case 'me/phones':
      only('GET');
      return json(200, phonesResource(app, me));
    case 'communication':
      only('GET');
      return json(200, communicationResource(app));
    default:
      return undefined;
  }
}

function makeMeAvailable(core: SimCore, app: Application, req: SimRequest): SimResponse {
  const inputs = readInputs(req);
  if (app.available) throw new UcwaError(409, 'AlreadyExists', 'The requested resource already exists.');
  const modalities = inputs.strings('supportedModalities') ?? [];
  const unknown = modalities.find((m) => !MODALITIES.includes(m));
  if (unknown !== undefined) throw validationFailure('supportedModalities', `unknown modality ${unknown}`);
  const denied = modalities.find((m) => m !== 'Messaging' && m !== 'PhoneAudio');
  if (denied !== undefined) throw new UcwaError(403, undefined, `The modality ${denied} is not allowed for this application.`);
  const signInAs = inputs.get('signInAs');
  if (signInAs !== undefined && signInAs !== null && signInAs !== '' && !isSettable(signInAs)) {
    throw validationFailure('signInAs', 'must be one of Online, Busy, DoNotDisturb, BeRightBack, Away, Offwork');
  }
  const formats = inputs.strings('supportedMessageFormats');
  const badFormat = formats?.find((f) => !MESSAGE_FORMATS.includes(f));
  if (badFormat !== undefined) throw validationFailure('supportedMessageFormats', `unknown message format ${badFormat}`);
  const audioPreference = inputs.string('audioPreference');
  if (audioPreference !== undefined && audioPreference !== '' && !AUDIO_PREFERENCES.includes(audioPreference)) {
    throw validationFailure('audioPreference', 'must be PhoneAudio or VoipAudio');
  }
  const phoneNumber = inputs.string('phoneNumber');
  if (phoneNumber !== undefined && phoneNumber.trim() !== '' && normalisePhone(phoneNumber) === undefined) {
    throw validationFailure('phoneNumber', 'not a phone number');
  }
  const inactive = inactiveTimeoutMs(inputs.get('inactiveTimeout'));
  if (inactive !== undefined) app.inactiveMs = inactive;
  else app.inactiveMs = core.config.inactiveTimeoutSeconds * 1000;

  app.available = true;
  app.modalities = modalities;
  if (formats !== undefined && formats.length > 0) app.messageFormats = formats;
  app.phoneNumber = phoneNumber === undefined || phoneNumber.trim() === '' ? undefined : normalisePhone(phoneNumber);
  app.audioPreference = audioPreference === '' ? undefined : audioPreference;
  app.published = isSettable(signInAs) ? signInAs : null;
  app.publishedAt = core.clock.now();
  const h = app.hrefs;
  core.raise(app, [
    { sender: 'communication', link: { rel: 'communication', href: h.communication }, type: 'updated', priority: 'medium', embedded: { communication: communicationResource(app) } },
    { sender: 'me', link: { rel: 'me', href: h.me }, type: 'updated', priority: 'medium' },
    { sender: 'me', link: { rel: 'presence', href: h.presence }, type: 'added', priority: 'medium' },
    { sender: 'me', link: { rel: 'note', href: h.note }, type: 'added', priority: 'medium' },
    { sender: 'me', link: { rel: 'location', href: h.location }, type: 'added', priority: 'medium' },
  ]);
  core.markActive(app);
  // Other watchers see this endpoint come online; our own app already got `presence added`.
  core.presenceChanged(app.user, undefined, app);
  return noContent();
}

/** `inactiveTimeout` is minutes (a number) or a TimeSpan string `hh:mm:ss`. */
function inactiveTimeoutMs(value: unknown): number | undefined {
  if (typeof value === 'number' && value > 0) return value * 60_000;
  if (typeof value === 'string') {
    const span = /^(\d+):(\d{2}):(\d{2})$/.exec(value);
    if (span) return ((Number(span[1]) * 60 + Number(span[2])) * 60 + Number(span[3])) * 1000;
    const n = Number(value);
    if (Number.isFinite(n) && n > 0) return n * 60_000;
  }
  return undefined;
}

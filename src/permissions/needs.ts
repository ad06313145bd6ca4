/**
 * Which powerful permissions each kind of site plausibly needs, and why: the "minimum necessary"
 * baseline behind flag P5 (flags.ts). This table is the one source; docs/permission-needs.md
 * shows it, and test/unit/permissions/needs.test.ts checks that the page matches it.
 *
 * Principle (see the doc): a site needs a permission when its basic service does not work
 * without it ('needed'); 'sometimes' when one optional feature of such sites uses it and should
 * ask only when the person starts that feature; everything else is 'not-needed'.
 */
import type { PermissionName, SiteKind } from './model.ts';

export const NEED_LEVELS = ['needed', 'sometimes', 'not-needed'] as const;
export type NeedLevel = (typeof NEED_LEVELS)[number];

export interface Need {
  level: NeedLevel;
  why: string;
}

/** How explanations name each kind of site ("a … site"). */
export const SITE_KIND_LABELS: Record<SiteKind, string> = {
  news: 'news',
  shop: 'shopping',
  'maps-travel': 'maps or travel',
  'video-call': 'video-call',
  social: 'social network',
  'bank-finance': 'banking or finance',
  game: 'games',
  'video-streaming': 'video streaming',
  education: 'education',
  health: 'health',
  search: 'search engine',
  'email-productivity': 'e-mail or office',
  government: 'government',
  'food-delivery': 'food delivery',
  'ride-hailing': 'ride-hailing',
  dating: 'dating',
  other: 'unrecognised',
};

type Entry = readonly [Exclude<NeedLevel, 'not-needed'>, string];

/**
 * The explicit entries per kind. A permission not listed for a kind is 'not-needed' there. The
 * 'other' kind (nothing recognised) and the 'other' permission (a feature ConsentLens does not
 * name) are never judged: see needOf.
 */
export const NEEDS: Record<Exclude<SiteKind, 'other'>, Partial<Record<Exclude<PermissionName, 'other'>, Entry>>> = {
  news: {
    notifications: ['sometimes', 'Breaking-news alerts, if you ask for them.'],
    push: ['sometimes', 'Delivers the breaking-news alerts you asked for while the site is closed.'],
    'storage-access': ['sometimes', 'Embedded comments or a sign-in from another site.'],
  },
  shop: {
    geolocation: ['sometimes', 'A store finder or delivery estimate; typing a town or postcode works too.'],
    notifications: ['sometimes', 'Order and delivery updates.'],
    push: ['sometimes', 'Order and delivery updates while the site is closed.'],
    camera: ['sometimes', 'Scanning a barcode or searching by photo, when you start it.'],
    'storage-access': ['sometimes', 'An embedded payment or sign-in provider.'],
  },
  'maps-travel': {
    geolocation: ['needed', 'Showing where you are and routing from there is the service.'],
    notifications: ['sometimes', 'Trip, flight or booking updates.'],
    push: ['sometimes', 'Trip, flight or booking updates while the site is closed.'],
    'screen-wake-lock': ['sometimes', 'Keeps the screen on during turn-by-turn navigation.'],
    'storage-access': ['sometimes', 'An embedded booking or sign-in provider.'],
  },
  'video-call': {
    camera: ['needed', 'Sends your video to the call.'],
    microphone: ['needed', 'Sends your voice to the call.'],
    'display-capture': ['needed', 'Sharing your screen in a meeting.'],
    notifications: ['needed', 'Tells you about incoming calls and meeting messages.'],
    push: ['needed', 'Incoming calls while the site is closed.'],
    'window-management': ['sometimes', 'Presenter view across several screens.'],
    'idle-detection': ['sometimes', 'Shows colleagues whether you are away.'],
    hid: ['sometimes', 'The mute and answer buttons of a headset.'],
    'screen-wake-lock': ['sometimes', 'Keeps the screen on during a call.'],
    'storage-access': ['sometimes', 'A meeting embedded in another site.'],
  },
  social: {
    notifications: ['sometimes', 'Messages, replies and mentions.'],
    push: ['sometimes', 'Messages and replies while the site is closed.'],
    camera: ['sometimes', 'Taking a photo or going live, when you start it.'],
    microphone: ['sometimes', 'A voice message or live video, when you start it.'],
    geolocation: ['sometimes', 'Tagging a place in a post, when you choose to.'],
    contacts: ['sometimes', 'Finding friends, only when you choose to share contacts.'],
    'storage-access': ['sometimes', 'Like buttons or comments embedded in other sites.'],
  },
  'bank-finance': {
    camera: ['sometimes', 'Scanning a cheque, a bill or an ID document, or a video identification.'],
    microphone: ['sometimes', 'A video identification or a call with an adviser.'],
    notifications: ['sometimes', 'Payment and security alerts.'],
    push: ['sometimes', 'Payment and security alerts while the site is closed.'],
    geolocation: ['sometimes', 'An ATM or branch finder; typing a town works too.'],
    contacts: ['sometimes', 'Choosing a payee from your contacts, when you start a transfer.'],
    'window-management': ['sometimes', 'Trading screens spread over several monitors.'],
    'storage-access': ['sometimes', 'An embedded payment check (3-D Secure) or sign-in.'],
  },
  game: {
    notifications: ['sometimes', 'Your turn, or a friend invites you.'],
    push: ['sometimes', 'Your turn or invitations while the site is closed.'],
    microphone: ['sometimes', 'Voice chat in multiplayer games, when you join it.'],
    hid: ['sometimes', 'A game controller.'],
    'screen-wake-lock': ['sometimes', 'Keeps the screen on while you play.'],
    'storage-access': ['sometimes', 'A game embedded in a portal from another site.'],
  },
  'video-streaming': {
    notifications: ['sometimes', 'New episodes or live streams you follow.'],
    push: ['sometimes', 'New episodes or live streams while the site is closed.'],
    'screen-wake-lock': ['sometimes', 'Keeps the screen on while you watch.'],
    'storage-access': ['sometimes', 'A player embedded in another site.'],
  },
  education: {
    camera: ['sometimes', 'Online classes or a supervised exam.'],
    microphone: ['sometimes', 'Online classes or language exercises.'],
    'display-capture': ['sometimes', 'Presenting in class or a supervised exam.'],
    notifications: ['sometimes', 'Deadlines and messages from teachers.'],
    push: ['sometimes', 'Deadlines and messages while the site is closed.'],
    usb: ['sometimes', 'Programming a classroom microcontroller board.'],
    serial: ['sometimes', 'Programming a classroom microcontroller board.'],
    bluetooth: ['sometimes', 'Programming a classroom robot or board.'],
    midi: ['sometimes', 'Music lessons with a keyboard.'],
    'storage-access': ['sometimes', 'Learning tools embedded in a course platform.'],
  },
  health: {
    camera: ['sometimes', 'A video consultation.'],
    microphone: ['sometimes', 'A video or phone consultation.'],
    geolocation: ['sometimes', 'Finding a doctor or pharmacy nearby; typing a town works too.'],
    notifications: ['sometimes', 'Appointment and prescription reminders.'],
    push: ['sometimes', 'Reminders while the site is closed.'],
    bluetooth: ['sometimes', 'Reading a measuring device such as a glucose meter.'],
    'storage-access': ['sometimes', 'An embedded booking or sign-in provider.'],
  },
  search: {
    geolocation: ['sometimes', 'Results near you; results for a typed place work too.'],
    microphone: ['sometimes', 'Voice search, when you press the microphone.'],
    camera: ['sometimes', 'Searching with a photo, when you start it.'],
    'storage-access': ['sometimes', 'A search box embedded in another site.'],
  },
  'email-productivity': {
    notifications: ['sometimes', 'New mail, reminders and chat messages.'],
    push: ['sometimes', 'New mail and reminders while the site is closed.'],
    camera: ['sometimes', 'A video call started from the suite.'],
    microphone: ['sometimes', 'A call or dictation, when you start it.'],
    'display-capture': ['sometimes', 'Sharing your screen in a call.'],
    'clipboard-read': ['sometimes', 'Pasting images or formatted text into a document.'],
    contacts: ['sometimes', 'Addressing mail from your contacts, when you choose to.'],
    'local-fonts': ['sometimes', 'Using your installed fonts in documents.'],
    'window-management': ['sometimes', 'Presenting slides on a second screen.'],
    'idle-detection': ['sometimes', 'Shows colleagues in chat whether you are away.'],
    'storage-access': ['sometimes', 'Documents embedded in other sites.'],
  },
  government: {
    camera: ['sometimes', 'Scanning an ID document or a face check for an online service.'],
    geolocation: ['sometimes', 'Finding the nearest office; typing a town works too.'],
    notifications: ['sometimes', 'Alerts or updates on an application.'],
    push: ['sometimes', 'Alerts or updates while the site is closed.'],
    'storage-access': ['sometimes', 'A national sign-in service embedded in the site.'],
  },
  'food-delivery': {
    geolocation: ['sometimes', 'Restaurants that deliver to you; typing the address works too.'],
    notifications: ['sometimes', 'Order status and delivery.'],
    push: ['sometimes', 'Order status while the site is closed.'],
    'storage-access': ['sometimes', 'An embedded payment or sign-in provider.'],
  },
  'ride-hailing': {
    geolocation: ['needed', 'The pickup point and the driver finding you are the service.'],
    notifications: ['sometimes', 'The driver is arriving.'],
    push: ['sometimes', 'Ride updates while the site is closed.'],
    contacts: ['sometimes', 'Sharing your trip with someone you choose.'],
    'screen-wake-lock': ['sometimes', 'Keeps the screen on while you wait for the driver.'],
    'storage-access': ['sometimes', 'An embedded payment or sign-in provider.'],
  },
  dating: {
    camera: ['sometimes', 'A profile photo or a selfie check, when you start it.'],
    microphone: ['sometimes', 'A voice or video date, when you start it.'],
    geolocation: ['sometimes', 'Matches near you; choosing a town works too.'],
    notifications: ['sometimes', 'New matches and messages.'],
    push: ['sometimes', 'Matches and messages while the site is closed.'],
    'storage-access': ['sometimes', 'An embedded sign-in provider.'],
  },
};

/** How well a permission fits a kind of site, with the reason in one sentence. */
export function needOf(kind: SiteKind, permission: PermissionName): Need {
  if (kind === 'other') return { level: 'sometimes', why: 'The kind of site is not known, so no judgement is made.' };
  if (permission === 'other') return { level: 'sometimes', why: 'ConsentLens does not know this feature, so no judgement is made.' };
  const entry = NEEDS[kind][permission];
  if (entry) return { level: entry[0], why: entry[1] };
  return { level: 'not-needed', why: `The basic service of a ${SITE_KIND_LABELS[kind]} site works without ${permission}.` };
}

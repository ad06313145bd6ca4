/**
 * Data-collection forms: find the forms on a page, tell what each is for (sign-up, login,
 * checkout, newsletter, contact, search) and which kinds of personal data its fields ask for, and
 * flag required fields the form's purpose does not need. Reads markup only: names, labels,
 * placeholders, types and autocomplete tokens, never what a person typed.
 *
 * Vocabulary: en, zh-Hans, de, fr. Latin phrases match from the start of a word ('>' marks the
 * end of a word, where a prefix would be too loose); Chinese phrases match anywhere. Text is NFKC,
 * lower case, with camelCase, '_', '-', brackets and dots turned into spaces ("billing_firstName"
 * reads "billing first name"). Runs in the content script on every page: kept small, compiled once.
 */
import { MAX_LABEL } from '../model.ts';
import { SENSITIVE_FIELD_CATEGORIES, type FieldCategory, type FormPurpose } from './model.ts';

export interface DetectedField {
  element: Element;
  category: FieldCategory;
  required: boolean;
  /** What the page calls the field (label, aria-label, placeholder or name); never a value. */
  label: string;
}

export interface DetectedForm {
  /** The <form>, or a container that works as one (fields and a button, no <form>). */
  element: Element;
  purpose: FormPurpose;
  fields: DetectedField[];
  /** The button that sends it, if one was found. */
  submit: Element | null;
}

/**
 * A word list as one regular expression over normalized (lower-case) text: Latin words start at a
 * word start, and `>` marks a word end; Han terms match anywhere. The word boundary is written for
 * the Latin scripts of en/de/fr (a-z, digits, Latin-1 and Latin Extended letters) without the `u`
 * flag: V8 compiles and runs `\p{L}` look-arounds an order of magnitude slower, and this code runs in
 * the page.
 */
const LETTER = 'a-z0-9\\u00c0-\\u024f';
const rx = (latin: string, han = ''): RegExp => new RegExp(`(?<![${LETTER}])(?:${latin.replace(/>/g, `(?![${LETTER}])`)})${han && `|${han}`}`);

/** Text categories, most specific first: "child's date of birth" is child data, "e-mail address" an email, "company name" a company. */
const FIELD_WORDS: [FieldCategory, RegExp][] = [
  ['child-data', rx("child|kids?>|son's|daughter|pupil|kinder|kindes|minderjährig|enfant|mineur", '儿童|孩子|子女|未成年|宝宝')],
  [
    'government-id',
    rx(
      "ssn>|social (?:security|insurance)|national (?:id|insurance|identity)|passport|driv(?:er'?s?|ing) licen|tax (?:id|number)|tin>|id (?:card|number|no>|document)|identity (?:card|number|document)|nino>|personalausweis|ausweis|reisepass|steuer ?id|steuernummer|sozialversicherungsnummer|führerschein|s[ée]curit[ée] sociale|pi[èe]ce d'identit|carte d'identit|passeport|nir>|permis de conduire|num[ée]ro fiscal",
      '身份证|证件|护照|驾驶证|驾照|社保号|社会保障号',
    ),
  ],
  [
    'health',
    rx(
      'health|m[ée]dic|allerg|disabilit|diagnos|blood (?:type|group)|pregnan|illness|gesundheit|krankenkasse|krankenversicherung|krankheit|vorerkrank|behinderung|blutgruppe|schwanger|sant[ée]>|maladie|handicap|mutuelle|groupe sanguin',
      '健康|病史|过敏|疾病|残疾|医疗|血型|用药|病情|体检',
    ),
  ],
  ['biometric', rx('biom[ée]tr|fingerprint|face (?:scan|id>|recognition)|facial|voice ?print|iris>|fingerabdruck|gesichtserkennung|empreinte|reconnaissance faciale', '指纹|人脸|面部|生物识别|声纹|虹膜|刷脸')],
  [
    'precise-location',
    rx('g[ée]o ?loc|gps>|latitude|longitude|lat>|lng>|coordinates|(?:current|precise|your) location|standort|breitengrad|längengrad|koordinaten|localisation|coordonn[ée]es gps', '定位|经度|纬度|位置信息|当前位置|地理位置'),
  ],
  [
    'bank-account',
    rx('iban|bic>|swift|bank ?account|account (?:number|holder)|routing (?:number|no>)|sort ?code|kontonummer|kontoinhaber|bankverbindung|bankleitzahl|blz>|rib>|coordonn[ée]es bancaires|num[ée]ro de compte', '银行账|银行帐|开户行|开户银行|账户号'),
  ],
  [
    'payment-card',
    rx(
      "card ?(?:number|no>|num)|cc ?(?:num|exp|cvc|cvv|csc)|(?:credit|debit) ?card|cvc|cvv|csc>|security code|expir|exp (?:date|month|year)|mm ?yy|kartennummer|kreditkarte|prüfnummer|ablaufdatum|gültig bis|num[ée]ro de carte|carte (?:bancaire|de cr[ée]dit)|cryptogramme|date d'expiration",
      '银行卡|信用卡|卡号|有效期|安全码|借记卡',
    ),
  ],
  ['email', rx('e ?mail|mail>|courriel|m[ée]l>|adresse [ée]lectronique', '邮箱|电子邮件|邮件|电邮')],
  [
    'username',
    rx("user ?(?:name|id>)|login>|login (?:name|id>)|screen ?name|nick ?name|handle>|account ?name|(?:benutzer|nutzer) ?name|anmeldename|nom d'utilisateur|identifiant|pseudo", '用户名|账号|帐号|昵称|登录名|账户名'),
  ],
  ['password', rx('pass ?(?:word|phrase|code)|passwort|kennwort|mot de passe|pin>', '密码|口令')],
  ['phone', rx('phone|telephon|telefon|t[ée]l[ée]phon|t[ée]l>|mobil|cell|handy|rufnummer|portable|whats ?app|fax>', '手机|电话|区号')],
  ['birth-date', rx('birth|dob>|b ?day|born>|geburt|n[ée]e? le>|naissance|anniversaire', '出生|生日')],
  ['age', rx('age>|how old|alter>|âge>', '年龄|岁数')],
  ['gender', rx('gender|sex>|sexe>|genre>|geschlecht|anrede|civilit|salutation', '性别|称谓')],
  ['job-title', rx('job ?title|position>|occupation|profession|beruf|jobtitel|funktion>|poste>|fonction>|m[ée]tier', '职位|职务|职业|岗位')],
  ['company', rx('company|organi[sz]ation|organisme|business name|employer|firm(?:a|en)|unternehmen|arbeitgeber|entreprise|soci[ée]t[ée]|raison sociale', '公司|单位|企业|机构')],
  ['website', rx('web ?site|homepage|url>|blog>|webseite|internetseite|site (?:web|internet)', '网站|网址|主页')],
  ['photo', rx('photo|avatar|picture|profile (?:image|pic)|selfie|foto|bild>|profilbild|lichtbild', '照片|头像|相片')],
  [
    'postal-address',
    rx(
      "address|street|str>|city>|town>|zip|post ?code|postal|state>|province|county>|house (?:number|no>)|apartment|suite>|stra(?:ß|ss)e|hausn|plz>|postleitzahl|ort>|stadt|wohnort|adresse|anschrift|rue>|code postal|ville>|commune|cp>|compl[ée]ment d'adresse",
      '地址|邮编|邮政编码|省份|城市|所在地|区县|街道|门牌',
    ),
  ],
  ['name', rx('name>|(?:first|last|full|given|family|middle|fore|sur|f|l) ?name|vorname|nachname|familienname|nom>|pr[ée]nom|nom de famille', '姓名|名字|姓氏|收货人|联系人|称呼')],
  [
    'message',
    rx('message|comment|enquiry|inquiry|question|subject|how can we help|nachricht|anliegen|mitteilung|kommentar|betreff|frage>|commentaire|demande|objet|sujet', '留言|消息|内容|问题|描述|备注|主题|意见'),
  ],
];

/** HTML autocomplete field names (the last token, after section-, shipping/billing, home/work...). */
const AUTOCOMPLETE: [RegExp, FieldCategory][] = [
  [/^cc-(?:number|exp.*|csc|type)$/u, 'payment-card'],
  [/^(?:cc-)?(?:name|given-name|additional-name|family-name|honorific-.+)$/u, 'name'],
  [/^(?:username|nickname)$/u, 'username'],
  [/^(?:new|current)-password$/u, 'password'],
  [/^(?:street-address|address-.+|postal-code)$/u, 'postal-address'],
  [/^tel/u, 'phone'],
  [/^email$/u, 'email'],
  [/^bday/u, 'birth-date'],
  [/^sex$/u, 'gender'],
  [/^organization-title$/u, 'job-title'],
  [/^organization$/u, 'company'],
  [/^url$/u, 'website'],
  [/^photo$/u, 'photo'],
  [/^(?:country(?:-name)?|language|one-time-code|impp|transaction-.+)$/u, 'other'],
];

/** Words on a form's button, headings and attributes that say what it is for, in order of precedence. */
const PURPOSE_WORDS: [FormPurpose, RegExp][] = [
  [
    'checkout',
    rx(
      'check ?out|place (?:your )?order|order now|complete (?:purchase|order)|pay>|payment|buy now|billing|shipping|kasse|bezahlen|(?:zahlungs|kosten)pflichtig|bestellung|kaufen>|commander|commande|paiement|payer>|livraison',
      '结算|支付|付款|提交订单|下单',
    ),
  ],
  ['newsletter', rx("newsletter|subscribe|mailing list|abonnier|abonnez|s'abonner|lettre d'information|infolettre", '订阅')],
  ['contact', rx('contact|get in touch|send (?:us )?(?:a |your )?message|enquir|inquir|kontakt|nachricht senden|nous [ée]crire|envoyer (?:le |votre |un )?message', '联系我们|留言|咨询|反馈')],
  ['sign-up', rx("sign ?up|regist|create (?:an |your |my )?account|join>|get started|konto (?:erstellen|anlegen)|inscri|s'inscrire|cr[ée]er (?:un |mon |votre )?compte", '注册|创建账号|开户')],
  ['login', rx('log ?in|sign ?in|einloggen|anmelden|connexion|connecter|forgot|reset|passwor|kennwort|mot de passe', '登录|登陆|密码')],
  ['search', rx('search|suche>|suchen|recherch', '搜索|查找')],
];

const REQUIRED = /\*|\(required\)|pflicht|obligatoire|必填/iu;
const OPTIONAL = /optional|facultatif|freiwillig|选填|可选|非必填/iu;
const HONEYPOT = rx("honey|hp>|leave (?:this )?(?:field )?(?:blank|empty)|do not fill|don't fill|nicht ausfüllen|ne pas remplir|bot ?(?:check|trap|field)", '请勿填写');
const OFFSCREEN = /(?:left|top)\s*:\s*-\d{3,}/iu;
const SKIP_TYPES = /^(?:hidden|submit|button|reset|image)$/u;
const SKIP_TEXT = /^(?:SELECT|TEXTAREA|OPTION|SCRIPT|STYLE|BUTTON|DATALIST)$/u;
const SEARCH_NAME = /^(?:q|s|query|search|keywords?|wd|kw)$/iu;
const FIELDS = 'input,select,textarea';
const HEADINGS = 'h1,h2,h3,h4,h5,h6,legend,[role=heading]';
const SIGN_UP_EXTRAS = new Set<FieldCategory>(['name', 'birth-date', 'age', 'gender', 'postal-address', 'government-id']);

/** Lower case, NFKC, camelCase and punctuation split into words. */
export function normalizeFieldText(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .toLowerCase()
    .replace(/[’‘`]/gu, "'")
    .replace(/[\s_\-[\]().:/\\#*|,;]+/gu, ' ')
    .trim();
}

const collapse = (s: string) => s.replace(/\s+/gu, ' ').trim();
const attr = (el: Element, name: string) => el.getAttribute(name) ?? '';
const typeOf = (el: Element) => (el.tagName === 'INPUT' ? attr(el, 'type').toLowerCase() : el.tagName.toLowerCase());

/** The text a person reads in `el`, without the contents of selects, text areas and buttons. */
function textOf(el: Element | null): string {
  if (!el) return '';
  let out = '';
  const walk = (n: Node) => {
    for (let c = n.firstChild; c && out.length < 300; c = c.nextSibling) {
      if (c.nodeType === 3) out += `${c.nodeValue ?? ''} `;
      else if (c.nodeType === 1 && !SKIP_TEXT.test((c as Element).tagName)) walk(c);
    }
  };
  walk(el);
  return collapse(out);
}

/** Text of the field's <label>s and aria-labelledby; else of a short element just before it. */
function labelText(el: Element): string {
  const parts: string[] = [];
  const labels = (el as HTMLInputElement).labels;
  if (labels) for (const l of Array.from(labels)) parts.push(textOf(l));
  else parts.push(textOf(el.closest('label')));
  for (const id of attr(el, 'aria-labelledby').split(/\s+/u)) if (id) parts.push(textOf(el.ownerDocument.getElementById(id)));
  const text = collapse(parts.join(' '));
  if (text || attr(el, 'aria-label') || attr(el, 'placeholder')) return text;
  const before = textOf(el.previousElementSibling);
  return before.length <= 60 ? before : '';
}

function categoryOfText(text: string): FieldCategory {
  for (const [category, re] of FIELD_WORDS) if (re.test(text)) return category;
  return 'other';
}

function describe(el: Element, label: string): string {
  const type = typeOf(el);
  const group = type === 'radio' || type === 'checkbox' ? textOf(el.closest('fieldset')?.querySelector('legend') ?? null) : '';
  return normalizeFieldText([attr(el, 'name'), el.id, attr(el, 'placeholder'), attr(el, 'aria-label'), attr(el, 'title'), label, group].join(' '));
}

/**
 * Personal-data category of a field: its autocomplete token; then an email or password type;
 * then its name, id, placeholder, aria-label, title and label text; then what its type implies
 * (tel, url, image file, text area). tel comes after the words because sites use it for digits
 * (`type=tel name=cardnumber`); a date field is a birth date only when its words say so.
 */
export function classifyField(el: Element, label = labelText(el)): FieldCategory {
  const tokens = attr(el, 'autocomplete').toLowerCase().split(/\s+/u).filter((t) => t && t !== 'webauthn');
  const token = tokens[tokens.length - 1];
  if (token) for (const [re, category] of AUTOCOMPLETE) if (re.test(token)) return category;
  const type = typeOf(el);
  if (type === 'email' || type === 'password') return type;
  const category = categoryOfText(describe(el, label));
  if (category !== 'other') return category;
  if (type === 'tel') return 'phone';
  if (type === 'url') return 'website';
  if (type === 'file' && /image/iu.test(attr(el, 'accept'))) return 'photo';
  return type === 'textarea' ? 'message' : 'other';
}

function isHidden(el: Element, root: Element): boolean {
  const v = el as Element & { checkVisibility?: (o?: Record<string, boolean>) => boolean };
  if (typeof v.checkVisibility === 'function' && !v.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return true;
  for (let n: Element | null = el; n && n !== root.parentElement; n = n.parentElement) {
    if (n.hasAttribute('hidden') || /display\s*:\s*none|visibility\s*:\s*hidden/iu.test(attr(n, 'style'))) return true;
  }
  return false;
}

function isHoneypot(el: Element, label: string): boolean {
  if (attr(el, 'tabindex') === '-1' && attr(el, 'autocomplete') === 'off') return true;
  if (OFFSCREEN.test(attr(el, 'style')) || OFFSCREEN.test(attr(el.parentElement ?? el, 'style'))) return true;
  return HONEYPOT.test(normalizeFieldText(`${attr(el, 'name')} ${el.id} ${attr(el, 'class')} ${attr(el.parentElement ?? el, 'class')} ${label}`));
}

/**
 * The fields of a form: no hidden inputs, buttons or honeypots, one entry per radio group. With
 * `all`, fields hidden from view are kept (at submit time, a multi-step form's earlier steps are
 * hidden but sent).
 */
export function fieldsOf(root: Element, all = false): DetectedField[] {
  const out: DetectedField[] = [];
  const radios = new Set<string>();
  for (const el of Array.from(root.querySelectorAll(FIELDS))) {
    const type = typeOf(el);
    if (SKIP_TYPES.test(type)) continue;
    const text = labelText(el);
    if ((!all && isHidden(el, root)) || isHoneypot(el, text)) continue;
    const name = attr(el, 'name');
    if (type === 'radio' && name) {
      if (radios.has(name)) continue;
      radios.add(name);
    }
    const required =
      el.hasAttribute('required') ||
      attr(el, 'aria-required') === 'true' ||
      (REQUIRED.test(text) && !OPTIONAL.test(text)) ||
      (type === 'radio' && !!name && Array.from(root.querySelectorAll('input[type=radio][required]')).some((r) => attr(r, 'name') === name));
    const shown = collapse(text.replace(/\*|\((?:required|optional)\)/giu, '')).replace(/[:：]$/u, '') || attr(el, 'aria-label') || attr(el, 'placeholder') || attr(el, 'title') || name;
    out.push({ element: el, category: classifyField(el, text), required, label: shown.trim().slice(0, MAX_LABEL) });
  }
  return out;
}

function submitOf(root: Element): Element | null {
  return root.querySelector('[type=submit],input[type=image],button:not([type])') ?? root.querySelector('button,[role=button],input[type=button]');
}

const buttonText = (b: Element | null) => (b ? `${textOf(b) || b.textContent || ''} ${b.tagName === 'INPUT' ? attr(b, 'value') : ''} ${attr(b, 'aria-label')}` : '');

function hintsOf(text: string): Set<FormPurpose> {
  const norm = normalizeFieldText(text);
  return new Set(PURPOSE_WORDS.filter(([, re]) => re.test(norm)).map(([p]) => p));
}

/** Headings and legends in the form, else the nearest heading before it within three ancestors. */
function headingText(root: Element): string {
  const own = Array.from(root.querySelectorAll(HEADINGS), textOf).join(' ');
  if (own) return own;
  for (let a = root.parentElement, d = 0; a && d < 3; a = a.parentElement, d++) {
    const before = Array.from(a.querySelectorAll(HEADINGS)).filter((h) => h.compareDocumentPosition(root) & 4);
    if (before.length) return textOf(before[before.length - 1] ?? null);
  }
  return '';
}

const attrText = (el: Element | null) => (el ? ['id', 'class', 'name', 'action', 'aria-label', 'title'].map((n) => attr(el, n)).join(' ') : '');

/**
 * What a form is for. The field mix decides first (card fields: checkout; password: sign-up or
 * login; a search box: search); then the words of its button, headings and attributes, checkout
 * before newsletter before contact before sign-up ("Sign up for our newsletter" is a newsletter);
 * then the mix again (a text area and a way to reply: contact; a lone email field: newsletter).
 */
function purposeOf(root: Element, fields: DetectedField[], submit: Element | null): FormPurpose {
  const cats = new Set(fields.map((f) => f.category));
  const passwords = fields.filter((f) => f.category === 'password').length;
  const onButton = hintsOf(buttonText(submit));
  const hints = hintsOf(`${buttonText(submit)} ${headingText(root)} ${attrText(root)} ${attrText(root.parentElement)}`);
  if (cats.has('payment-card')) return 'checkout';
  if (passwords) {
    if (onButton.has('sign-up') || passwords > 1 || (!onButton.has('login') && hints.has('sign-up'))) return 'sign-up';
    return !onButton.has('login') && fields.some((f) => SIGN_UP_EXTRAS.has(f.category)) ? 'sign-up' : 'login';
  }
  if (attr(root, 'role') === 'search' || (fields.length <= 3 && fields.some((f) => typeOf(f.element) === 'search' || SEARCH_NAME.test(attr(f.element, 'name'))))) return 'search';
  for (const [purpose] of PURPOSE_WORDS) if (hints.has(purpose)) return purpose;
  if (cats.has('message') && (cats.has('email') || cats.has('phone'))) return 'contact';
  const personal = [...cats].filter((c) => c !== 'other');
  return personal.length === 1 && personal[0] === 'email' ? 'newsletter' : 'other';
}

/** A form, or a form-like container, described now. */
export function describeForm(root: Element, all = false): DetectedForm {
  const fields = fieldsOf(root, all);
  const submit = submitOf(root);
  return { element: root, purpose: purposeOf(root, fields, submit), fields, submit };
}

/**
 * The page's forms: every <form> (outermost), and containers without one that hold a button and
 * at least two fields (built by scripts). One querySelectorAll on a page without fields.
 */
export function findForms(doc: Document): DetectedForm[] {
  const roots: Element[] = [];
  let orphans = 0;
  for (const el of Array.from(doc.querySelectorAll(`form,${FIELDS}`))) {
    if (el.tagName === 'FORM') {
      if (!el.parentElement?.closest('form')) roots.push(el);
      continue;
    }
    if (SKIP_TYPES.test(typeOf(el)) || orphans >= 40 || el.closest('form')) continue;
    orphans++;
    for (let n = el.parentElement, d = 0; n && d < 5 && n !== doc.body; n = n.parentElement, d++) {
      if (roots.some((r) => r.contains(n) || n.contains(r))) break;
      if (n.querySelector('button,[role=button],input[type=submit],input[type=button]') && n.querySelectorAll('input:not([type=hidden]),select,textarea').length >= 2) {
        roots.push(n);
        break;
      }
    }
  }
  return roots.map((r) => describeForm(r));
}

/**
 * Categories a form of each purpose may require. A required field of another category is
 * flagged: GDPR art. 5(1)(c) (data minimisation), PIPL art. 6 (the minimum scope necessary), and,
 * by analogy, China's 《常见类型移动互联网应用程序必要个人信息范围规定》 (necessary personal
 * information per type of app). A contact form needs one way to reply: requiring both an email
 * address and a phone number is flagged. Search and other forms are not judged.
 */
export const NECESSARY_CATEGORIES: Partial<Record<FormPurpose, readonly FieldCategory[]>> = {
  newsletter: ['email'],
  contact: ['email', 'phone', 'message', 'name'],
  login: ['username', 'email', 'phone', 'password'],
  'sign-up': ['email', 'username', 'phone', 'password', 'name'],
  checkout: ['name', 'email', 'phone', 'postal-address', 'payment-card', 'bank-account'],
};

export const MINIMISATION_LEGAL = 'GDPR art. 5(1)(c); PIPL art. 6; by analogy, 《常见类型移动互联网应用程序必要个人信息范围规定》';

export interface FormFlag {
  category: FieldCategory;
  /** The first required field of that category, as the page labels it. */
  label: string;
  sensitive: boolean;
  /** "A newsletter form requires your phone number", with the legal reference. */
  explanation: string;
  legal: string;
}

const NOUNS: Partial<Record<FieldCategory, string>> = {
  email: 'email address',
  phone: 'phone number',
  'birth-date': 'date of birth',
  'government-id': 'ID number',
  health: 'health information',
  biometric: 'biometric data',
  'child-data': "children's data",
  'payment-card': 'card details',
  'bank-account': 'bank details',
};

type FieldFacts = { category: FieldCategory; required: boolean; label: string };

/** Required fields the purpose does not need, one flag per category (from a DetectedForm or a stored `form/seen`). */
export function formFieldFlags(purpose: FormPurpose, fields: readonly FieldFacts[]): FormFlag[] {
  const need = NECESSARY_CATEGORIES[purpose];
  if (!need) return [];
  const flagged = new Set<FieldCategory>();
  const emailRequired = fields.some((f) => f.required && f.category === 'email');
  const out: FormFlag[] = [];
  for (const { category, required, label } of fields) {
    const both = purpose === 'contact' && category === 'phone' && emailRequired;
    if (!required || category === 'other' || flagged.has(category) || (need.includes(category) && !both)) continue;
    flagged.add(category);
    const sensitive = SENSITIVE_FIELD_CATEGORIES.has(category);
    const legal = sensitive ? `${MINIMISATION_LEGAL}; PIPL art. 28-29 (sensitive personal information)` : MINIMISATION_LEGAL;
    const what = both
      ? 'A contact form requires both your email address and your phone number; one way to reply is enough'
      : `A ${purpose} form requires your ${NOUNS[category] ?? category.replace('-', ' ')}, which it does not need`;
    out.push({ category, label, sensitive, explanation: `${what} (${legal}).`, legal });
  }
  return out;
}

export const formFlags = (form: { purpose: FormPurpose; fields: readonly FieldFacts[] }): FormFlag[] => formFieldFlags(form.purpose, form.fields);

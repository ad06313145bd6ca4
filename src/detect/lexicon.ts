/**
 * Multilingual word lists for consent prompts: the words that make a block of text about consent,
 * and the labels of the controls on it. Data only; matching lives in classify-control.ts.
 *
 * Languages: en, de, fr, es, it, nl, pt, pl, zh (Simplified). Phrases are lower case, NFKC,
 * with straight apostrophes. Latin-script phrases match whole words; Chinese phrases match as
 * substrings (no word spaces).
 */
import type { ActionRole } from '../model.ts';

export const LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'pl', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Words that, in a short block of text, say it is about cookies or consent to data use. */
export const CONSENT_CONTEXT: Record<Language, RegExp> = {
  en: /\bcookies?\b|\bconsent\b|\bgdpr\b|\bpersonal data\b|\btracking technolog|\bour partners\b|\bprivacy (policy|settings|choices)\b/iu,
  de: /\bcookies?\b|einwillig|zustimm|datenschutz|personenbezogen|\bpartner\b/iu,
  fr: /\bcookies?\b|traceurs?|consentement|vie privée|données personnelles|nos partenaires/iu,
  es: /\bcookies?\b|consentimiento|privacidad|datos personales|nuestros socios/iu,
  it: /\bcookies?\b|consenso|\bprivacy\b|dati personali|nostri partner/iu,
  nl: /\bcookies?\b|toestemming|\bprivacy\b|persoonsgegevens|onze partners/iu,
  pt: /\bcookies?\b|consentimento|privacidade|dados pessoais|nossos parceiros/iu,
  pl: /\bcookies?\b|ciasteczk|plików cookie|zgod[ayę]|prywatnoś|dane osobowe|danych osobowych/iu,
  zh: /cookie|隐私|个人信息|同意|追踪|跟踪|数据处理/iu,
};

/**
 * Wording of a notice that only asks to be acknowledged ("This site uses cookies. OK"): stronger
 * than CONSENT_CONTEXT, because an "OK" button next to any mention of cookies is not a prompt.
 */
export const NOTICE_WORDING: Record<Language, RegExp> = {
  en: /\b(?:we|this (?:web)?site|our (?:web)?site|site) uses? cookies\b|\buses? cookies\b|\bby (?:continuing|using|browsing)\b|\bcookies? (?:help|allow|enable|are used)\b/iu,
  de: /\b(?:verwendet|nutzt|benutzt|verwenden|nutzen) (?:\w+ )?cookies\b|\bdurch die (?:weitere )?nutzung\b/iu,
  fr: /\butilis(?:e|ons|ent) (?:des |les )?cookies\b|\ben poursuivant\b|\ben continuant\b/iu,
  es: /\butiliza(?:mos|n)? (?:\w+ )?cookies\b|\busa(?:mos)? cookies\b|\bsi contin[uú]a navegando\b/iu,
  it: /\butilizz(?:a|iamo|ano) (?:i )?cookies?\b|\busa(?:mo)? (?:i )?cookies?\b|\bproseguendo\b|\bcontinuando a navigare\b/iu,
  nl: /\bgebruik(?:t|en)? (?:\w+ )?cookies\b|\bdoor (?:verder te gaan|gebruik te maken)\b/iu,
  pt: /\butiliz(?:a|amos) (?:\w+ )?cookies\b|\busa(?:mos)? cookies\b|\bao continuar\b/iu,
  pl: /\bu[żz]ywa(?:my)? (?:plik[óo]w )?cookies?\b|\bkorzyst(?:a|amy) z (?:plik[óo]w )?cookies?\b|\bkontynuuj[aą]c\b/iu,
  zh: /使用\s*cookie|继续(?:浏览|使用)|使用本网站/iu,
};

/** Frequent function words, to tell the language of a prompt when the page does not say. */
export const FUNCTION_WORDS: Record<Exclude<Language, 'zh'>, readonly string[]> = {
  en: ['the', 'and', 'you', 'we', 'our', 'to', 'of', 'use', 'with', 'your', 'this', 'for'],
  de: ['und', 'die', 'der', 'wir', 'sie', 'ihre', 'zu', 'mit', 'den', 'für', 'auf', 'von'],
  fr: ['et', 'les', 'nous', 'vous', 'des', 'le', 'la', 'pour', 'sur', 'votre', 'vos', 'avec'],
  es: ['y', 'los', 'las', 'nosotros', 'usted', 'para', 'con', 'su', 'sus', 'utilizamos', 'el', 'del'],
  it: ['e', 'il', 'gli', 'noi', 'per', 'con', 'utilizziamo', 'della', 'delle', 'tuoi', 'che', 'sul'],
  nl: ['en', 'het', 'wij', 'we', 'uw', 'je', 'van', 'voor', 'met', 'op', 'een', 'gebruiken'],
  pt: ['e', 'os', 'as', 'nós', 'você', 'para', 'com', 'seu', 'seus', 'utilizamos', 'não', 'dos'],
  pl: ['i', 'w', 'na', 'się', 'oraz', 'z', 'do', 'nie', 'jest', 'twoje', 'przez', 'używamy'],
};

type RolePhrases = Record<Language, readonly string[]>;

/**
 * Control labels per role. Order matters in ROLE_PRIORITY: a label is given the first role whose
 * phrases it contains, so "accept necessary only" is necessary-only, not accept-all, and
 * "continue without accepting" is reject-all. A phrase starting with "=" must be the whole label
 * ("Consent" is an accept button; "Specific consent for Google services" is not).
 */
export const ROLE_PHRASES: Record<Exclude<ActionRole, 'other'>, RolePhrases> = {
  'necessary-only': {
    en: ['necessary only', 'only necessary', 'essential only', 'only essential', 'accept necessary', 'necessary cookies only', 'use necessary cookies only', 'strictly necessary only', 'required only', 'only required'],
    de: ['nur notwendige', 'nur erforderliche', 'nur essenzielle', 'nur essentielle', 'nur technisch notwendige', 'notwendige akzeptieren', 'nur notwendige cookies'],
    fr: ['uniquement les nécessaires', 'nécessaires uniquement', 'seulement les nécessaires', 'uniquement nécessaires', 'cookies nécessaires uniquement', 'essentiels uniquement'],
    es: ['solo necesarias', 'sólo necesarias', 'solo las necesarias', 'solo esenciales', 'únicamente necesarias', 'aceptar necesarias'],
    it: ['solo necessari', 'solo i necessari', 'solo essenziali', 'accetta necessari', 'solo cookie necessari'],
    nl: ['alleen noodzakelijk', 'alleen noodzakelijke', 'alleen essentiële', 'noodzakelijke accepteren'],
    pt: ['apenas necessários', 'somente necessários', 'apenas os necessários', 'apenas essenciais', 'aceitar necessários'],
    pl: ['tylko niezbędne', 'tylko wymagane', 'akceptuj niezbędne', 'tylko konieczne'],
    zh: ['仅必要', '仅接受必要', '只接受必要', '仅限必要', '必要cookie', '仅必需'],
  },
  'reject-all': {
    en: ['reject', 'reject all', 'decline', 'deny', 'refuse', 'disagree', "don't accept", 'do not accept', 'no thanks', 'no, thanks', 'continue without accepting', 'i do not agree', "i don't agree", 'opt out', '=not now', '=later', '=maybe later', "=don't allow", '=block'],
    de: ['ablehnen', 'alle ablehnen', 'nicht akzeptieren', 'nicht zustimmen', 'verweigern', 'ohne zustimmung fortfahren', 'nein danke', '=nicht jetzt', '=später'],
    fr: ['refuser', 'tout refuser', 'je refuse', 'continuer sans accepter', 'ne pas accepter', 'refuser tout', 'non merci', '=plus tard', '=pas maintenant'],
    es: ['rechazar', 'rechazar todo', 'rechazar todas', 'no acepto', 'no aceptar', 'denegar', 'continuar sin aceptar', '=más tarde', '=ahora no', '=no, gracias'],
    it: ['rifiuta', 'rifiuta tutto', 'rifiuta tutti', 'rifiuto', 'non accetto', 'non accettare', 'nega', 'continua senza accettare'],
    nl: ['weigeren', 'alles weigeren', 'afwijzen', 'alles afwijzen', 'niet accepteren', 'nee bedankt'],
    pt: ['rejeitar', 'rejeitar todos', 'recusar', 'recusar todos', 'não aceitar', 'não aceito', 'continuar sem aceitar'],
    pl: ['odrzuć', 'odrzuć wszystkie', 'odrzucam', 'nie zgadzam się', 'nie akceptuję', 'odmów'],
    zh: ['拒绝', '全部拒绝', '拒绝全部', '不同意', '不接受', '拒绝所有', '=以后再说', '=稍后', '=暂不', '=不用了'],
  },
  'save-choices': {
    en: ['save', 'save settings', 'save preferences', 'save my choices', 'save choices', 'confirm choices', 'confirm my choices', 'accept selected', 'allow selection', 'accept selection', 'save and close', 'save & exit'],
    de: ['speichern', 'auswahl speichern', 'auswahl bestätigen', 'auswahl erlauben', 'einstellungen speichern', 'auswahl akzeptieren'],
    fr: ['enregistrer', 'sauvegarder', 'valider mes choix', 'confirmer mes choix', 'accepter la sélection', 'enregistrer mes choix'],
    es: ['guardar', 'guardar preferencias', 'guardar configuración', 'confirmar selección', 'aceptar selección', 'permitir selección'],
    it: ['salva', 'salva preferenze', 'salva impostazioni', 'conferma scelte', 'accetta selezionati', 'consenti selezione'],
    nl: ['opslaan', 'voorkeuren opslaan', 'selectie toestaan', 'selectie accepteren', 'keuze bevestigen'],
    pt: ['guardar', 'salvar', 'salvar preferências', 'guardar preferências', 'confirmar escolhas', 'aceitar selecionados', 'permitir seleção'],
    pl: ['zapisz', 'zapisz ustawienia', 'zapisz wybór', 'potwierdź wybór', 'zezwól na wybór', 'akceptuj wybrane'],
    zh: ['保存', '确认选择', '保存设置', '保存偏好', '接受所选', '允许所选'],
  },
  settings: {
    en: ['settings', 'preferences', 'manage', 'customize', 'customise', 'personalize', 'personalise', 'options', 'more options', 'manage preferences', 'cookie settings', 'manage cookies', 'manage options', 'let me choose', 'show purposes', 'choices', 'configure'],
    de: ['einstellungen', 'anpassen', 'verwalten', 'mehr optionen', 'optionen', 'präferenzen', 'konfigurieren', 'individuelle einstellungen', 'details anzeigen'],
    fr: ['paramètres', 'paramétrer', 'personnaliser', 'gérer', 'préférences', 'options', 'en savoir plus et personnaliser', 'configurer'],
    es: ['configurar', 'configuración', 'preferencias', 'personalizar', 'gestionar', 'opciones', 'ajustes', 'administrar'],
    it: ['impostazioni', 'personalizza', 'gestisci', 'preferenze', 'opzioni', 'configura', 'scopri di più e personalizza'],
    nl: ['instellingen', 'aanpassen', 'voorkeuren', 'beheren', 'opties', 'cookie-instellingen', 'zelf instellen'],
    pt: ['configurações', 'definições', 'preferências', 'personalizar', 'gerir', 'gerenciar', 'opções', 'configurar'],
    pl: ['ustawienia', 'dostosuj', 'preferencje', 'zarządzaj', 'opcje', 'więcej opcji', 'konfiguruj'],
    zh: ['设置', '管理', '自定义', '偏好', '选项', '更多选项', '配置'],
  },
  'accept-all': {
    en: ['accept', 'accept all', 'accept cookies', 'accept all cookies', 'allow', 'allow all', 'allow cookies', 'allow all cookies', 'agree', 'i agree', 'i accept', 'agree and close', 'agree & continue', '=yes', "yes, i'm happy", '=consent', 'enable all', "that's ok", 'that is ok', "that's fine", 'ok, i agree', 'ok, accept all', 'sounds good, accept'],
    de: ['akzeptieren', 'alle akzeptieren', 'zustimmen', 'alle zulassen', 'zulassen', 'einverstanden', 'annehmen', 'alle annehmen', 'ich stimme zu', 'alles akzeptieren', 'akzeptieren und schließen', 'erlauben', 'alle erlauben'],
    fr: ['accepter', 'tout accepter', "j'accepte", 'accepter et fermer', 'accepter tout', 'autoriser', 'tout autoriser', "d'accord et fermer", 'accepter et continuer'],
    es: ['aceptar', 'aceptar todo', 'aceptar todas', 'acepto', 'permitir todas', 'permitir todo', 'aceptar y cerrar', 'aceptar y continuar', 'consentir'],
    it: ['accetta', 'accetta tutto', 'accetta tutti', 'accetto', 'consenti', 'consenti tutti', 'accetta e chiudi', 'accetta e continua', 'acconsento'],
    nl: ['accepteren', 'alles accepteren', 'akkoord', 'alle cookies accepteren', 'toestaan', 'alles toestaan', 'accepteer', 'ik ga akkoord'],
    pt: ['aceitar', 'aceitar todos', 'aceitar tudo', 'concordo', 'permitir todos', 'aceito', 'aceitar e fechar', 'aceitar e continuar'],
    pl: ['akceptuj', 'akceptuję', 'zaakceptuj', 'zaakceptuj wszystkie', 'akceptuj wszystkie', 'zgadzam się', 'zezwól na wszystkie', 'zgoda', 'przejdź do serwisu'],
    zh: ['接受', '全部接受', '接受全部', '同意', '我同意', '允许所有', '全部允许', '同意并继续', '接受所有'],
  },
  pay: {
    en: ['subscribe', 'pay', 'buy a subscription', 'subscribe now', 'go ad-free', 'ad-free'],
    de: ['abonnieren', 'jetzt abonnieren', 'abo abschließen', 'pur abo', 'werbefrei'],
    fr: ["s'abonner", "je m'abonne", 'abonnez-vous', 'sans publicité'],
    es: ['suscribirse', 'suscríbete', 'sin publicidad'],
    it: ['abbonati', 'abbonarsi', 'senza pubblicità'],
    nl: ['abonneren', 'abonnement nemen', 'advertentievrij'],
    pt: ['assinar', 'subscrever', 'sem anúncios'],
    pl: ['subskrybuj', 'wykup subskrypcję', 'bez reklam'],
    zh: ['订阅', '付费', '去广告'],
  },
  acknowledge: {
    en: ['ok', 'okay', 'got it', 'i understand', 'understood', 'continue', 'dismiss', 'fine', 'sounds good'],
    de: ['ok', 'verstanden', 'alles klar', 'weiter', 'okay'],
    fr: ["j'ai compris", 'compris', "d'accord", 'ok', 'continuer'],
    es: ['entendido', 'de acuerdo', 'ok', 'vale', 'continuar'],
    it: ['ho capito', 'capito', 'ok', "va bene", 'continua'],
    nl: ['begrepen', 'oké', 'ok', 'prima', 'doorgaan'],
    pt: ['entendi', 'ok', 'percebi', 'compreendi', 'continuar'],
    pl: ['rozumiem', 'ok', 'dalej', 'kontynuuj'],
    zh: ['知道了', '我知道了', '好的', '确定', '明白'],
  },
  close: {
    en: ['close', 'x', '×', '✕', '✖', 'close banner', 'close dialog'],
    de: ['schließen'],
    fr: ['fermer'],
    es: ['cerrar'],
    it: ['chiudi'],
    nl: ['sluiten'],
    pt: ['fechar'],
    pl: ['zamknij'],
    zh: ['关闭'],
  },
};

/** Order in which roles are tried; see ROLE_PHRASES. */
export const ROLE_PRIORITY: readonly Exclude<ActionRole, 'other'>[] = [
  'necessary-only',
  'reject-all',
  'save-choices',
  'settings',
  'accept-all',
  'pay',
  'acknowledge',
  'close',
];

/** Hints in id / class / data-* attributes of icon-only or oddly labelled controls. */
export const ATTRIBUTE_HINTS: readonly [RegExp, Exclude<ActionRole, 'other'>][] = [
  [/necessary|essential|required/i, 'necessary-only'],
  [/reject|decline|deny|refuse|disagree|opt-?out/i, 'reject-all'],
  [/save|confirm/i, 'save-choices'],
  [/settings|preferences|customi[sz]e|manage/i, 'settings'],
  [/accept|allow|agree|consent-?all|opt-?in/i, 'accept-all'],
  [/close|dismiss/i, 'close'],
];

/** "By continuing to browse you accept…": consent read from inaction. */
export const IMPLIED_CONSENT =
  /\bby (?:continuing|using|browsing|staying|scrolling)\b|\bif you continue\b|\bcontinued use\b|en (?:poursuivant|continuant) (?:votre|la|sa) navigation|en poursuivant|durch die (?:weitere )?nutzung|wenn sie (?:die (?:seite|website) )?weiter(?:hin)? nutzen|si contin[uú]a navegando|al (?:continuar|seguir) navegando|proseguendo (?:la navigazione)?|continuando a navigare|door verder te (?:gaan|surfen)|ao continuar (?:a )?naveg|kontynuuj[aą]c (?:korzystanie|przegl[aą]danie)|继续(?:浏览|使用)(?:本网站|即表示|表示)?|使用本网站即表示/iu;
